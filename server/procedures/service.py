"""Trámite documentario as other domains see it: the TUPA in force and how file numbers look.

Definitions: the *TUPA* is the catalogue of procedures; an *expediente* is a filed
procedure's file; *mesa de partes* is the front desk that receives files; the *cargo* is the
receipt of a filing; *derivar* is routing a file to another office; *observar* / *subsanar*
is raising / correcting a deficiency; *silencio administrativo positivo* is approval by the
municipality's silence when the deadline passes.
"""

from server.procedures.catalogue import catalogue
from server.procedures.catalogue import signature as catalogue_signature
from server.procedures.files import NUMBER
from server.procedures.schemas import ProcedureOut

__all__ = ["NUMBER", "ProcedureOut", "catalogue", "catalogue_signature"]
