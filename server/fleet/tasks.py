"""The fleet's background work: a device that stopped beating is noticed on the clock, not only
when someone looks at the fleet or another device beats (a whole site that goes dark sends no
beat at all)."""

from sqlalchemy.orm import Session

from server.config import ServerSettings
from server.fleet import service
from server.tasks import Periodic


def silence(*, db: Session, settings: ServerSettings) -> str:
    return f"{service.sweep(db=db, settings=settings)} alerta(s) de silencio abierta(s)"


TASKS = [Periodic("fleet.silence", "* * * * *", silence)]  # beats are 30 s apart
