"""Counters in the database, seen alike by every server sharing it:

- attempt counters for the attempt limits (server/limits.py) on PostgreSQL: a fixed window
  per key, counted by one statement that every server's request can run at once, in its own
  short transaction (a refused request is counted even though its own transaction writes
  nothing else);
- failure counts of accounts that do not exist (server/identity/phantoms.py), in the login's
  own transaction, like a real account's counter."""

from datetime import datetime, timedelta

from sqlalchemy import case, delete, literal, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from server.attempts.models import AttemptCounter, PhantomFailure
from server.db import insert_for


def count_attempt(*, engine: Engine, key: str, seconds: float, now: datetime
                  ) -> tuple[datetime, int]:
    """Count one attempt of `key`: (start of its window, attempts in it, this one included).
    A window older than `seconds` starts again now."""
    expired = AttemptCounter.window_start <= now - timedelta(seconds=seconds)
    insert = insert_for(engine)(AttemptCounter).values(key=key, window_start=now, hits=1)
    with engine.begin() as conn:
        start, hits = conn.execute(insert.on_conflict_do_update(
            index_elements=[AttemptCounter.key],
            set_={"window_start": case((expired, literal(now, AttemptCounter.window_start.type)),
                                       else_=AttemptCounter.window_start),
                  "hits": case((expired, 1), else_=AttemptCounter.hits + 1)})
            .returning(AttemptCounter.window_start, AttemptCounter.hits)).one()
    return start, hits


def phantom_locked_until(*, db: Session, key: str, now: datetime) -> datetime | None:
    until = db.execute(select(PhantomFailure.locked_until).where(
        PhantomFailure.key == key)).scalar()
    return until if until and until > now else None


def phantom_fail(*, db: Session, key: str, now: datetime, max_failures: int,
                 lockout_minutes: int) -> tuple[int, datetime | None]:
    """Count a failure as a real account would: (tries left, locked until). One statement
    (insert or add one), so two servers counting at once both count."""
    insert = insert_for(db)(PhantomFailure).values(key=key, failures=1, locked_until=None,
                                                    updated_at=now)
    failures, until = db.execute(insert.on_conflict_do_update(
        index_elements=[PhantomFailure.key],
        set_={"failures": PhantomFailure.failures + 1, "updated_at": now})
        .returning(PhantomFailure.failures, PhantomFailure.locked_until)).one()
    left = max_failures - failures
    if left <= 0:
        until = now + timedelta(minutes=lockout_minutes)
        row = db.get(PhantomFailure, key)
        row.failures, row.locked_until = 0, until
        db.flush()
    return left, until


def forget_old(*, db: Session, now: datetime) -> int:
    """Drop counters whose window ended an hour ago and failures of unknown accounts not
    touched for a day (and not locked any more)."""
    gone = db.execute(delete(AttemptCounter).where(
        AttemptCounter.window_start < now - timedelta(hours=1))).rowcount or 0
    gone += db.execute(delete(PhantomFailure).where(
        PhantomFailure.updated_at < now - timedelta(days=1),
        (PhantomFailure.locked_until.is_(None)) | (PhantomFailure.locked_until < now))
    ).rowcount or 0
    return gone
