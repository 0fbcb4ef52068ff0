"""The civil register (registro civil) as other domains see it.

Definitions: an *acta* is a civil record (birth, marriage or death); an *anotación marginal*
is a note appended to it later (rectification, recognition, divorce, adoption…); a *copia
certificada* is a certified copy of an acta with its annotations; a *reservada* acta is given
only by the registrar. The civil-marriage service registers the marriage acta of a concluded
ceremony with `register_marriage` (docs/registry.md): the couple's first copy is free.
"""

from server.registry.fees import FEE_KIND
from server.registry.register import ActaRef, register_marriage
from server.registry.schemas import PersonIn

__all__ = ["FEE_KIND", "ActaRef", "PersonIn", "register_marriage"]
