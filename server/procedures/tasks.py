"""Trámites' background work: positive silence decided by the clock, not only when somebody
happens to read a file (Ley 27444, art. 199)."""

from sqlalchemy.orm import Session

from server.config import ServerSettings
from server.procedures.workflow import sweep_silence
from server.tasks import Periodic


def silence(*, db: Session, settings: ServerSettings) -> str:
    return f"{sweep_silence(db=db)} expediente(s) aprobado(s) por silencio positivo"


# Deadlines are days: hourly is soon enough, and the readers still sweep what they look at.
TASKS = [Periodic("procedures.silence", "7 * * * *", silence)]
