"""The municipal council (concejo municipal) as other domains see it: its agreements and
ordinances for the Consultas search.

Definitions: see `server/council/models.py` (número legal, licencia, suspensión, sesión
ordinaria/extraordinaria/solemne, acuerdo, ordenanza, acta de sesión). The quorum and
majority rules live in `server/council/rules.py`, in one place.
"""

from server.council.refs import AgreementRef, agreements, agreements_signature

__all__ = ["AgreementRef", "agreements", "agreements_signature"]
