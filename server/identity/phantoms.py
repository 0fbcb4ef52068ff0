"""Failure counts of accounts that do not exist (a DNI not in the register, a user name no
one has), so that guessing at one answers exactly like guessing at a real account: the same
tries left, the same lockout for the same minutes. Kept in the database, in the login's own
transaction like a real account's counter, so that every server behind the proxy counts the
same tries (a guesser spreading tries over two servers would otherwise get twice as many on
a name that does not exist, and tell it from a real one). The key is a hash of the name tried;
`attempts.forget_old` (a background task) drops rows not touched for a day."""

import hashlib
from datetime import datetime

from sqlalchemy.orm import Session

from server.attempts import service as attempts


def _key(kind: str, name: str) -> str:
    return hashlib.sha256(f"{kind}\0{name}".encode("utf-8", "replace")).hexdigest()


def locked_until(*, db: Session, kind: str, name: str, now: datetime) -> datetime | None:
    return attempts.phantom_locked_until(db=db, key=_key(kind, name), now=now)


def fail(*, db: Session, kind: str, name: str, now: datetime, max_failures: int,
         lockout_minutes: int) -> tuple[int, datetime | None]:
    """Count a failure as a real account would: (tries left, locked until)."""
    return attempts.phantom_fail(db=db, key=_key(kind, name), now=now,
                                 max_failures=max_failures, lockout_minutes=lockout_minutes)
