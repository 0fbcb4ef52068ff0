"""Attempt counters' background work: attempt counters and failure counts of unknown accounts that
no longer matter are dropped (the tables stay small; nothing personal is kept in them)."""

from sqlalchemy.orm import Session

from server.attempts.counters import forget_old
from server.config import ServerSettings
from server.tasks import Periodic
from server.timeutil import utcnow


def forget(*, db: Session, settings: ServerSettings) -> str:
    return f"{forget_old(db=db, now=utcnow())} contador(es) olvidado(s)"


TASKS = [Periodic("attempts.forget_old", "23 * * * *", forget)]
