"""Append to and verify the audit hash chain.

Each entry's hash is SHA-256 over the previous hash and a canonical JSON of its fields, so
editing, removing or reordering any row breaks the chain from that point on; the head row
holds the tip, so cutting rows off the end shows too.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from server.audit.models import AuditEntry, AuditHead
from server.db import ensure_write
from server.kernel.clean import clean_text, clean_tree
from server.timeutil import utcnow

GENESIS = "0" * 64
DETAIL_LIMIT = 500  # characters of one string in an entry's details


@dataclass(frozen=True)
class Actor:
    """Who acts: `actor` like "staff:3", the device it acts from, and the resident it serves."""

    actor: str
    device_id: int | None = None
    on_behalf_of: str | None = None


SYSTEM = Actor("system")


def _digest(prev_hash: str, seq: int, at: datetime, actor: str, device_id: int | None,
            on_behalf_of: str | None, action: str, target: str | None, outcome: str,
            details: dict) -> str:
    canonical = json.dumps(
        [seq, at.isoformat(), actor, device_id, on_behalf_of, action, target, outcome, details],
        sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str,
    )
    return hashlib.sha256((prev_hash + canonical).encode()).hexdigest()


def record(
    *, db: Session, by: Actor, action: str, target: str | None = None,
    outcome: str = "ok", details: dict | None = None,
) -> None:
    """Append an entry in the caller's transaction (it commits with the change it records)."""
    ensure_write(db)
    prev_seq, prev_hash = _locked_head(db)
    at = utcnow()
    # What outsiders typed (names, operations, user names) is capped and cleaned: an entry
    # can neither grow without bound nor carry terminal escapes into whoever reads the log.
    details = clean_tree(details or {}, DETAIL_LIMIT)
    target = clean_text(target, 128) if target is not None else None
    seq = prev_seq + 1
    digest = _digest(prev_hash, seq, at, by.actor, by.device_id, by.on_behalf_of, action,
                     target, outcome, details)
    db.execute(_INSERT_ENTRY, {
        "seq": seq, "at": at, "actor": by.actor, "device_id": by.device_id,
        "on_behalf_of": by.on_behalf_of, "action": action, "target": target,
        "outcome": outcome, "details": details, "prev_hash": prev_hash, "hash": digest})
    db.execute(_WRITE_HEAD, {"new_seq": seq, "new_hash": digest})
    db.info["audit_head"] = (_where(db), seq, digest)


# Every change of state records an entry: these statements are built once (building one
# costs more than running it), and run on the tables, not through the ORM's unit of work.
_HEAD, _ENTRIES = AuditHead.__table__, AuditEntry.__table__
_READ_HEAD = select(_HEAD.c.seq, _HEAD.c.hash).where(_HEAD.c.id == 1).with_for_update()
_WRITE_HEAD = update(_HEAD).where(_HEAD.c.id == 1).values(
    seq=bindparam("new_seq"), hash=bindparam("new_hash"))
_INSERT_ENTRY = insert(_ENTRIES)


def _where(db: Session) -> tuple:
    """The transaction and savepoint the session is in now."""
    return db.get_transaction(), db.get_nested_transaction()


def _locked_head(db: Session) -> tuple[int, str]:
    """The chain's tip (seq, hash), its row locked until the caller's transaction ends: read
    once per transaction, so a payment that records two entries does not ask for it twice.
    It is read again in another transaction or savepoint: a savepoint rolled back takes its
    entries and head back with it, and one released leaves the row as this session wrote it."""
    held = db.info.get("audit_head")
    if held is not None and held[0] == _where(db):
        return held[1], held[2]
    row = db.execute(_READ_HEAD).first()
    if row is None:
        db.execute(insert(_HEAD), {"id": 1, "seq": 0, "hash": GENESIS})
        row = (0, GENESIS)
    db.info["audit_head"] = (_where(db), row[0], row[1])
    return row[0], row[1]


def record_denied(*, db: Session, by: Actor, action: str, target: str | None = None,
                  details: dict | None = None) -> None:
    """Undo whatever the failed use case wrote, then keep only the audit entry of the refusal."""
    db.rollback()
    record(db=db, by=by, action=action, target=target, outcome="denied", details=details)
    db.commit()


@dataclass
class VerifyResult:
    ok: bool
    entries: int
    problems: list[str]


def verify(*, db: Session) -> VerifyResult:
    problems: list[str] = []
    prev, expected_seq, count = GENESIS, 1, 0
    for e in db.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars():
        count += 1
        if e.seq != expected_seq:
            problems.append(f"seq {expected_seq}: missing; next entry is {e.seq}")
            expected_seq = e.seq
        if e.prev_hash != prev:
            problems.append(f"seq {e.seq}: prev_hash does not match the entry before it")
        digest = _digest(e.prev_hash, e.seq, e.at, e.actor, e.device_id, e.on_behalf_of,
                         e.action, e.target, e.outcome, e.details)
        if digest != e.hash:
            problems.append(f"seq {e.seq}: contents do not match its hash (edited)")
        prev, expected_seq = e.hash, expected_seq + 1
    head = db.get(AuditHead, 1)
    if head is not None and (head.seq != expected_seq - 1 or head.hash != prev):
        problems.append(f"head says seq {head.seq}, chain ends at {expected_seq - 1} "
                        "(entries removed from the end)")
    return VerifyResult(ok=not problems, entries=count, problems=problems)
