"""Append to and verify the audit hash chain.

Each entry's hash is SHA-256 over the previous hash and a canonical JSON of its fields, so
editing, removing or reordering any row breaks the chain from that point on; the head row
holds the tip, so cutting rows off the end shows too.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import inspect, select
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
) -> AuditEntry:
    """Append an entry in the caller's transaction (it commits with the change it records)."""
    ensure_write(db)
    head = _locked_head(db)
    at = utcnow()
    # What outsiders typed (names, operations, user names) is capped and cleaned: an entry
    # can neither grow without bound nor carry terminal escapes into whoever reads the log.
    details = clean_tree(details or {}, DETAIL_LIMIT)
    target = clean_text(target, 128) if target is not None else None
    seq = head.seq + 1
    digest = _digest(head.hash, seq, at, by.actor, by.device_id, by.on_behalf_of, action,
                     target, outcome, details)
    entry = AuditEntry(seq=seq, at=at, actor=by.actor, device_id=by.device_id,
                       on_behalf_of=by.on_behalf_of, action=action, target=target,
                       outcome=outcome, details=details, prev_hash=head.hash, hash=digest)
    db.add(entry)
    head.seq, head.hash = seq, digest
    return entry  # written with the caller's next flush or commit


def _locked_head(db: Session) -> AuditHead:
    """The chain's head row, locked until the caller's transaction ends: read (and locked)
    once per transaction; a payment that records two entries does not ask for it twice."""
    held = db.info.get("audit_head")
    # Still this transaction's, still in the session and not expired: a savepoint rolled
    # back takes out a head it had created and expires one it had changed (and releases a
    # lock taken inside it): then it is locked and read again.
    if held is not None and held[0] is db.get_transaction() and held[1] in db \
            and not inspect(held[1]).expired_attributes:
        return held[1]
    head = db.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar()
    if head is None:
        head = AuditHead(id=1, seq=0, hash=GENESIS)
        db.add(head)
    db.info["audit_head"] = (db.get_transaction(), head)
    return head


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
