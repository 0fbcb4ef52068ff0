"""The municipal council (concejo municipal) as other domains see them: nothing yet.

Definitions: see `server/council/models.py` (número legal, licencia, suspensión, sesión
ordinaria/extraordinaria/solemne, acuerdo, ordenanza, acta de sesión). The quorum and
majority rules live in `server/council/rules.py`, in one place.
"""

__all__: list[str] = []
