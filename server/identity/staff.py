"""Municipal staff: look-ups, creation, passwords. Keyword-only use cases."""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.errors import Problem
from server.identity import phantoms
from server.identity.models import StaffUser
from server.identity.passwords import hash_secret, verify_secret
from server.identity.refs import LoginCheck, StaffRef, staff_ref
from server.identity.roles import Role
from server.identity.schemas import StaffOut
from server.timeutil import utcnow


def staff_out(staff: StaffRef) -> StaffOut:
    return StaffOut(username=staff.username, full_name=staff.full_name, role=staff.role)


def _by_username(db: Session, username: str) -> StaffUser | None:
    return db.execute(select(StaffUser).where(StaffUser.username == username)).scalar()


def get_staff(*, db: Session, staff_id: int) -> StaffRef:
    row = db.get(StaffUser, staff_id)
    if row is None:
        raise LookupError(f"no staff member {staff_id}")
    return staff_ref(row)


def get_staff_by_username(*, db: Session, username: str) -> StaffRef | None:
    row = _by_username(db, username)
    return staff_ref(row) if row is not None else None


def create_staff(
    *, db: Session, by: audit.Actor, username: str, full_name: str, role: Role, password: str,
) -> StaffRef:
    if _by_username(db, username):
        raise Problem(409, "staff_exists", f"El usuario {username} ya existe.",
                      f"User {username} already exists.")
    user = StaffUser(username=username, full_name=full_name, role=role.value,
                     password_hash=hash_secret(password), failed_attempts=0, active=True,
                     created_at=utcnow())
    db.add(user)
    db.flush()
    audit.record(db=db, by=by, action="staff.create", target=f"staff:{user.id}",
                 details={"username": username, "role": role.value})
    return staff_ref(user)


def check_password(*, db: Session, username: str, password: str) -> StaffRef | None:
    """The active staff member with these credentials (e.g. a supervisor confirming a void)."""
    user = _by_username(db, username)
    right = verify_secret(user.password_hash if user else None, password)  # same time
    return staff_ref(user) if user is not None and user.active and right else None


def check_login(*, db: Session, username: str, password: str, now: datetime, max_failures: int,
                lockout_minutes: int) -> LoginCheck:
    """Check a staff login; `max_failures` wrong passwords in a row lock the account for
    `lockout_minutes`. The caller records and commits."""
    user = _by_username(db, username)
    if user is not None and user.locked_until and user.locked_until > now:
        return LoginCheck("locked", staff=staff_ref(user), locked_until=user.locked_until)
    if user is None:  # answered like a known user name: the password checked, tries counted
        if until := phantoms.locked_until(db=db, kind="staff", name=username, now=now):
            return LoginCheck("locked", locked_until=until)
        verify_secret(None, password)
        left, until = phantoms.fail(db=db, kind="staff", name=username, now=now,
                                    max_failures=max_failures, lockout_minutes=lockout_minutes)
        return LoginCheck("unknown", tries_left=left, locked_until=until)
    right = verify_secret(user.password_hash, password)  # checked for inactive users too
    if not user.active or not right:
        user.failed_attempts += 1
        if user.failed_attempts >= max_failures:
            user.failed_attempts = 0
            user.locked_until = now + timedelta(minutes=lockout_minutes)
        return LoginCheck("wrong", staff=staff_ref(user), locked_until=user.locked_until)
    user.failed_attempts, user.locked_until = 0, None
    return LoginCheck("ok", staff=staff_ref(user))
