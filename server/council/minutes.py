"""The minutes (acta) of a session, once it has ended with its draft (sessions.end): edited
while a draft, approved at a later session in progress, never changed after."""

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from server.audit import service as audit
from server.council.members import Who
from server.council.models import Minutes, Session
from server.errors import Problem
from server.timeutil import utcnow


def minutes_of(db: DbSession, session: Session) -> Minutes:
    row = db.execute(select(Minutes).where(Minutes.session_id == session.id)).scalar()
    if row is None:
        raise Problem(404, "council_minutes_not_found",
                      f"La sesión {session.code} aún no tiene acta.",
                      f"Session {session.code} has no minutes yet.")
    return row


def _draft_of(db: DbSession, session: Session) -> Minutes:
    """The session's minutes while still a draft: approved minutes never change."""
    row = minutes_of(db, session)
    if row.state != "borrador":
        raise Problem(409, "council_minutes_approved", "El acta ya fue aprobada: no cambia.",
                      "The minutes are approved: they do not change.")
    return row


def edit_minutes(*, db: DbSession, who: Who, session: Session, text: str) -> Minutes:
    row = _draft_of(db, session)
    row.text = text
    audit.record(db=db, by=who.by, action="council.minutes.edit",
                 target=f"council_session:{session.code}")
    return row


def approve_minutes(*, db: DbSession, who: Who, session: Session, at: Session) -> Minutes:
    """The minutes approved at a later session, while it is in progress."""
    row = _draft_of(db, session)
    if at.state != "en_curso" or at.starts_at <= session.starts_at:
        raise Problem(409, "council_minutes_next_session",
                      "El acta se aprueba en una sesión posterior, en curso.",
                      "Minutes are approved at a later session, while it is in progress.")
    row.state, row.approved_in, row.approved_at = "aprobada", at.id, utcnow()
    audit.record(db=db, by=who.by, action="council.minutes.approve",
                 target=f"council_session:{session.code}", details={"in": at.code})
    return row
