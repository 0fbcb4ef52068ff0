"""The kiosk as a witness of the audit log (docs/audit.md).

The server signs checkpoints of its audit chain's head (server/audit/checkpoints.py) so that
whoever can write its database cannot cut the history back or rewrite it unseen. Each kiosk
keeps every checkpoint it is shown, in the server's own file format, in its state dir: an
auditor runs `kiosk-server audit verify --checkpoints <that file>` against the database, and
the copies on the machines in every site are out of reach of an insider at the data centre.

The kiosk also checks what it is shown: the signature under the key it saw first, and that
the history only grows. A checkpoint that goes back, that changes a hash already seen or that
another key signed is not kept, and raises `Alarm` (the kiosk reports it in its heartbeat).
"""

import base64
import json
import os
from pathlib import Path

from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

FILE = "audit-checkpoints.jsonl"
FIELDS = ("seq", "hash", "at", "public_key", "signature")  # the server's line, in its order


class Alarm(Exception):
    """The server showed a checkpoint an honest history cannot have produced."""

    def __init__(self, es: str, en: str) -> None:
        super().__init__(en)
        self.es, self.en = es, en


def _message(checkpoint: dict) -> bytes:
    # What the server signs (server/audit/checkpoints.py, Checkpoint.message).
    return (f"miraflores-audit-checkpoint\n{checkpoint['seq']}\n{checkpoint['hash']}\n"
            f"{checkpoint['at']}").encode()


def _signed(checkpoint: dict, public_key: str) -> bool:
    try:
        VerifyKey(base64.b64decode(public_key)).verify(
            _message(checkpoint), base64.b64decode(checkpoint["signature"]))
    except (BadSignatureError, ValueError, TypeError):
        return False
    return True


def kept(state_dir: Path) -> list[dict]:
    path = state_dir / FILE
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def keep(state_dir: Path, checkpoint: dict) -> bool:
    """Check `checkpoint` against those kept and append it when it is new; True if it was."""
    checkpoint = {field: checkpoint[field] for field in FIELDS}
    seen = kept(state_dir)
    pinned = seen[0]["public_key"] if seen else checkpoint["public_key"]
    if checkpoint["public_key"] != pinned or not _signed(checkpoint, pinned):
        raise Alarm("Control de auditoría con una firma que no es la del servidor: avise a "
                    "auditoría.",
                    "Audit checkpoint not signed by the server's key: tell the auditors.")
    same = next((c for c in seen if c["seq"] == checkpoint["seq"]), None)
    if same is not None and same["hash"] != checkpoint["hash"]:
        raise Alarm(f"El registro de auditoría fue reescrito (entrada {checkpoint['seq']}): "
                    "avise a auditoría.",
                    f"The audit log was rewritten (entry {checkpoint['seq']}): tell the "
                    "auditors.")
    if seen and checkpoint["seq"] < seen[-1]["seq"]:
        raise Alarm(f"El registro de auditoría retrocedió de {seen[-1]['seq']} a "
                    f"{checkpoint['seq']} entradas: avise a auditoría.",
                    f"The audit log went back from {seen[-1]['seq']} to {checkpoint['seq']} "
                    "entries: tell the auditors.")
    if seen and checkpoint == seen[-1]:
        return False
    state_dir.mkdir(parents=True, exist_ok=True)
    with open(state_dir / FILE, "a", encoding="utf-8") as out:
        out.write(json.dumps(checkpoint) + "\n")
        out.flush()
        os.fsync(out.fileno())
    return True
