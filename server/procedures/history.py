"""A file's history: one event per step, never changed or deleted."""

from sqlalchemy.orm import Session

from server.procedures.models import Expediente, ExpedienteEvent
from server.timeutil import utcnow


def add_event(db: Session, exp: Expediente, *, by: str, action: str, note: str = "") -> None:
    db.add(ExpedienteEvent(expediente_id=exp.id, at=utcnow(), action=action, state=exp.state,
                           office_id=exp.office_id, by=by, note=note))
