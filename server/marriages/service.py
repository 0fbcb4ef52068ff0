"""Civil marriages (matrimonios civiles) as other domains see them.

Definitions: a *reserva* (booking) holds one ceremony's slot and its *expediente* (file);
the *edicto* is the public notice during which an *oposición* (objection) may be filed; the
*declaración de capacidad* lets the ceremony go ahead for some months. A concluded ceremony's
acta goes to the civil registry (`server.registry.service.register_marriage`); its fee is
charged through payments with kind `FEE_KIND` and the booking's code as reference.
"""

from server.marriages.booking import FEE_KIND

__all__ = ["FEE_KIND"]
