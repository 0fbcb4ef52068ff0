"""Signed checkpoints of the audit chain's head, kept outside the database.

A hash chain whose head lives in the same database proves nothing against whoever can write
that database: they can cut rows off the end and move the head back, or edit a row and
recompute every later hash. So the server signs (Ed25519) the head — `seq` and `hash` — at
every till closing and at least hourly, and each checkpoint leaves the database: it is
appended to a file on another volume (`KIOSK_SERVER_AUDIT_CHECKPOINT_FILE`), printed on the
till-closing slip, and served at `GET /api/v1/audit/checkpoint` to any kiosk that keeps the
last one it saw. `kiosk-server audit verify --checkpoints FILE` fails on any history that
does not extend every checkpoint (the entry at each checkpoint's `seq` must still have its
hash, and the chain must run on from it). Threat model: docs/audit.md.
"""

import base64
import contextlib
import json
import os
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.audit.chain import GENESIS
from server.audit.models import AuditEntry, AuditHead
from server.db import ensure_write
from server.timeutil import utcnow

KEY_FILE = "audit-checkpoint.key"


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str  # ISO 8601, UTC
    public_key: str  # base64 Ed25519
    signature: str  # base64, over `message()`

    def message(self) -> bytes:
        return f"miraflores-audit-checkpoint\n{self.seq}\n{self.hash}\n{self.at}".encode()

    def signed_by(self, key: VerifyKey) -> bool:
        try:
            key.verify(self.message(), base64.b64decode(self.signature))
        except (BadSignatureError, ValueError):
            return False
        return True


@lru_cache(maxsize=4)
def signing_key(data_dir: Path) -> SigningKey:
    path = data_dir / KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(bytes(SigningKey.generate()))
        tmp.chmod(0o600)
        with contextlib.suppress(FileExistsError):  # two processes racing: the first wins
            os.link(tmp, path)
        tmp.unlink()
    return SigningKey(path.read_bytes())


def public_key(data_dir: Path) -> VerifyKey:
    return signing_key(data_dir).verify_key


def take(*, db: Session, data_dir: Path, file: Path) -> Checkpoint:
    """Sign the committed head (call it before the transaction writes anything) and append
    the checkpoint to `file`."""
    ensure_write(db)
    head = db.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar()
    seq, digest = (head.seq, head.hash) if head else (0, GENESIS)
    key = signing_key(data_dir)
    unsigned = Checkpoint(seq, digest, utcnow().isoformat(),
                          base64.b64encode(bytes(key.verify_key)).decode(), "")
    checkpoint = Checkpoint(**{**asdict(unsigned), "signature": base64.b64encode(
        key.sign(unsigned.message()).signature).decode()})
    file.parent.mkdir(parents=True, exist_ok=True)
    with open(file, "a", encoding="utf-8") as out:
        out.write(json.dumps(asdict(checkpoint)) + "\n")
        out.flush()
        os.fsync(out.fileno())
    return checkpoint


def read(file: Path) -> list[Checkpoint]:
    if not file.exists():
        return []
    return [Checkpoint(**json.loads(line)) for line in file.read_text().splitlines()
            if line.strip()]


def latest(file: Path) -> Checkpoint | None:
    """The file's last checkpoint, read from its end: every kiosk asks for it at each
    heartbeat, and the file grows by one line an hour for years."""
    try:
        with open(file, "rb") as f:
            end = f.seek(0, os.SEEK_END)
            tail, start = b"", end
            while start > 0 and tail.rstrip(b"\n").count(b"\n") == 0:
                start = max(0, start - 4096)
                f.seek(start)
                tail = f.read(end - start)
    except FileNotFoundError:
        return None
    lines = [line for line in tail.decode(errors="replace").splitlines() if line.strip()]
    return Checkpoint(**json.loads(lines[-1])) if lines else None


def check(*, db: Session, checkpoints: list[Checkpoint], key: VerifyKey) -> list[str]:
    """Problems of the history against the checkpoints: none when it extends every one."""
    problems = []
    for cp in checkpoints:
        if not cp.signed_by(key):
            problems.append(f"checkpoint seq {cp.seq} at {cp.at}: signature not valid")
            continue
        if cp.seq == 0:
            continue
        entry = db.get(AuditEntry, cp.seq)
        if entry is None:
            problems.append(f"checkpoint seq {cp.seq} at {cp.at}: the entry is gone "
                            "(history cut back)")
        elif entry.hash != cp.hash:
            problems.append(f"checkpoint seq {cp.seq} at {cp.at}: the entry's hash differs "
                            "(history rewritten)")
    return problems
