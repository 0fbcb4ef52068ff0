"""Run a state-changing use case at most once per (device, Idempotency-Key).

The use case writes without committing; its result is stored in the same transaction, so
either both are kept or neither. Copies of a request that arrive at the same time, on any of
the servers sharing the database, run one after the other: the first does the work, the
others answer with its result. A retry with the same key and body gets the stored result;
the same key with another body is refused.
"""

import hashlib
import json
from collections.abc import Callable
from typing import TypeVar

from pydantic import BaseModel
from sqlalchemy import Row, bindparam, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.errors import Problem
from server.idempotency.models import IdempotencyRecord
from server.timeutil import utcnow

T = TypeVar("T", bound=BaseModel)

MISSING_KEY = Problem(
    400, "idempotency_key_missing",
    "Falta la cabecera Idempotency-Key: la operación no se realizó.",
    "The Idempotency-Key header is missing: nothing was done.",
)


def request_hash(scope: str, payload: dict) -> str:
    body = json.dumps([scope, payload], sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(body.encode()).hexdigest()


# Built once: every state-changing request asks (building a statement costs more than
# running it); rows, not ORM objects, since nothing here changes them.
_RECORDS = IdempotencyRecord.__table__
_FIND = select(_RECORDS.c.request_hash, _RECORDS.c.response).where(
    _RECORDS.c.device_id == bindparam("device_id"), _RECORDS.c.key == bindparam("key"))
_INSERT = insert(_RECORDS)


def _find(db: Session, device_id: int, key: str) -> Row | None:
    return db.execute(_FIND, {"device_id": device_id, "key": key}).first()


def stored(*, db: Session, device_id: int, key: str) -> dict | None:
    """The answer kept for this device's key, if a request with it was applied."""
    record = _find(db, device_id, key)
    return None if record is None else record.response


def _replay(record: Row, digest: str, model: type[T]) -> T:
    if record.request_hash != digest:
        raise Problem(422, "idempotency_key_reused",
                      "Esta operación ya se usó con otros datos. Empiece de nuevo.",
                      "This operation key was already used with other data. Start again.")
    return model.model_validate(record.response)


def _one_at_a_time(db: Session, device_id: int, key: str) -> None:
    """Copies of one request that arrive together (a kiosk retrying while the first is still
    running, on this server or another behind the same proxy) wait for each other: the later
    ones then find the first one's result and answer with it, instead of running the use case
    again and refusing what it already did ("already paid", "ballot already on the board").
    On PostgreSQL a transaction-scoped advisory lock on (device, key), released at the commit
    or rollback; on SQLite every write transaction already holds the one write lock."""
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:name, 0))"),
                   {"name": f"idempotency:{device_id}:{key}"})


def run_once(
    *, db: Session, device_id: int, key: str | None, scope: str, payload: dict,
    model: type[T], action: Callable[[], T],
) -> T:
    if not key or len(key) > 80:
        raise MISSING_KEY
    digest = request_hash(scope, payload)
    _one_at_a_time(db, device_id, key)
    existing = _find(db, device_id, key)
    if existing is not None:
        return _replay(existing, digest, model)
    result = action()
    try:
        db.execute(_INSERT, {"device_id": device_id, "key": key, "scope": scope,
                             "request_hash": digest, "response": result.model_dump(mode="json"),
                             "created_at": utcnow()})
        db.commit()
    except IntegrityError:
        # A concurrent request with the same key committed first: return its result.
        db.rollback()
        existing = _find(db, device_id, key)
        if existing is None:
            raise
        return _replay(existing, digest, model)
    return result
