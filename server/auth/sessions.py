"""User sessions: opened by a login, bound to their device, sliding while the person is active."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.auth.models import UserSession
from server.auth.schemas import SessionOut
from server.config import ServerSettings
from server.db import ensure_write
from server.errors import Problem
from server.identity import service as identity
from server.sites import service as sites
from server.timeutil import utcnow

SESSION_INVALID = Problem(401, "session_invalid",
                          "Su sesión terminó. Vuelva a identificarse.",
                          "Your session has ended. Please identify yourself again.")


@dataclass(frozen=True)
class SessionRef:
    """A session as other domains see it: who is served, how they identified, from where."""

    id: int
    kind: str  # resident | staff
    method: str  # card | pin | password
    device_id: int
    resident_id: int | None
    staff_id: int | None
    acting_for_resident_id: int | None
    expires_at: datetime


def session_ref(row: UserSession | Row) -> SessionRef:
    return SessionRef(id=row.id, kind=row.kind, method=row.method, device_id=row.device_id,
                      resident_id=row.resident_id, staff_id=row.staff_id,
                      acting_for_resident_id=row.acting_for_resident_id,
                      expires_at=row.expires_at)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(*, db: Session, device: sites.DeviceRef, kind: str, method: str, minutes: int,
                 resident: identity.ResidentRef | None = None,
                 staff: identity.StaffRef | None = None) -> SessionOut:
    token = f"s_{secrets.token_urlsafe(32)}"
    now = utcnow()
    # One person at a time per device: whoever was still logged in there is logged out.
    replaced = list(db.execute(select(UserSession).where(
        UserSession.device_id == device.id, UserSession.ended_at.is_(None),
        UserSession.expires_at > now).with_for_update()).scalars())
    for old in replaced:
        old.ended_at, old.ended_reason = now, "replaced"
    row = UserSession(token_hash=token_hash(token), kind=kind, method=method,
                      resident_id=resident.id if resident else None,
                      staff_id=staff.id if staff else None, device_id=device.id,
                      created_at=now, expires_at=now + timedelta(minutes=minutes))
    db.add(row)
    db.flush()
    who = f"resident:{resident.id}" if resident else f"staff:{staff.id}"
    audit.record(db=db, by=audit.Actor(who, device.id), action=f"login.{method}",
                 target=f"session:{row.id}",
                 details={"replaced": [f"session:{old.id}" for old in replaced]}
                 if replaced else None)
    db.commit()
    out = session_out(db=db, session=session_ref(row))
    out.token = token
    return out


def session_out(*, db: Session, session: SessionRef) -> SessionOut:
    row = db.get(UserSession, session.id)

    def resident(resident_id: int | None):
        return identity.resident_out(identity.get_resident(db=db, resident_id=resident_id)) \
            if resident_id else None

    return SessionOut(
        kind=row.kind, method=row.method, expires_at=row.expires_at,
        resident=resident(row.resident_id),
        staff=(identity.staff_out(identity.get_staff(db=db, staff_id=row.staff_id))
               if row.staff_id else None),
        acting_for=resident(row.acting_for_resident_id),
        acting_reason=row.acting_reason if row.acting_for_resident_id else None,
    )


def find(*, db: Session, token: str | None) -> Row | None:
    """The session row of this token, not yet checked (see `check`)."""
    return db.execute(_BY_TOKEN, {"token_hash": token_hash(token)}).first() if token else None


def check(*, found: Row | None, device: sites.DeviceRef, settings: ServerSettings
          ) -> tuple[SessionRef, bool]:
    """The session `find` found, if still open on this device (a session is bound to the
    device that opened it), and whether it should slide now (`slide`): without the database,
    so a request checks its session without a worker thread turn of its own."""
    now = utcnow()
    if found is None or found.ended_at is not None or found.device_id != device.id \
            or found.expires_at <= now:
        raise SESSION_INVALID
    # It slides while the person is active, written at most twice a TTL.
    return session_ref(found), found.expires_at - now < _ttl(found.kind, settings) / 2


def slide(*, db: Session, session: SessionRef, settings: ServerSettings) -> SessionRef:
    """Move the session's end a whole TTL from now (committed at once)."""
    ensure_write(db)
    row = db.get(UserSession, session.id, populate_existing=True)
    row.expires_at = utcnow() + _ttl(row.kind, settings)
    db.commit()
    return session_ref(row)


def authenticate(*, db: Session, device: sites.DeviceRef, token: str | None,
                 settings: ServerSettings) -> SessionRef:
    """The session of this token on this device; it slides while the person is active."""
    session, due = check(found=find(db=db, token=token), device=device, settings=settings)
    return slide(db=db, session=session, settings=settings) if due else session


def _ttl(kind: str, settings: ServerSettings) -> timedelta:
    return timedelta(minutes=settings.resident_session_minutes if kind == "resident"
                     else settings.staff_session_minutes)


# Built once, read as a row: every request of a session asks (building the statement costs
# more than running it).
_SESSIONS = UserSession.__table__
_BY_TOKEN = select(_SESSIONS).where(_SESSIONS.c.token_hash == bindparam("token_hash"))


def logout(*, db: Session, session: SessionRef, actor: audit.Actor, reason: str) -> None:
    row = db.get(UserSession, session.id)
    row.ended_at, row.ended_reason = utcnow(), reason[:32]
    audit.record(db=db, by=actor, action="logout", target=f"session:{row.id}",
                 details={"reason": reason[:32]})
    db.commit()


def act_for(*, db: Session, session: SessionRef, actor: audit.Actor, dni: str, reason: str
            ) -> identity.ResidentRef:
    resident = identity.require_resident(db=db, dni=dni)
    row = db.get(UserSession, session.id)
    row.acting_for_resident_id, row.acting_reason = resident.id, reason
    audit.record(db=db, by=audit.Actor(actor.actor, actor.device_id, f"resident:{resident.id}"),
                 action="staff.act_for.start", target=f"resident:{resident.id}",
                 details={"reason": reason})
    db.commit()
    return resident


def stop_acting(*, db: Session, session: SessionRef, actor: audit.Actor) -> None:
    row = db.get(UserSession, session.id)
    if row.acting_for_resident_id is None:
        return
    audit.record(db=db, by=actor, action="staff.act_for.end",
                 target=f"resident:{row.acting_for_resident_id}")
    row.acting_for_resident_id, row.acting_reason = None, None
    db.commit()
