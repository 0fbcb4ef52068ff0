"""The server's secrets for elections: the board-head signing key and voter pseudonyms.

The signing key (Ed25519) lives in the data directory, readable by the server only; its
public half is in every receipt and record. Voter references and ballot nonces are HMACs
with the election's own secret, so they cannot be linked to a resident without it.
"""

import contextlib
import hashlib
import hmac
import os
import secrets
from functools import lru_cache
from pathlib import Path

from nacl.signing import SigningKey


@lru_cache(maxsize=4)
def signing_key(data_dir: Path) -> SigningKey:
    path = data_dir / "election-board.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(bytes(SigningKey.generate()))
        tmp.chmod(0o600)
        with contextlib.suppress(FileExistsError):  # two workers racing: the first wins
            os.link(tmp, path)
        tmp.unlink()
    return SigningKey(path.read_bytes())


def _mac(secret: str, *parts: object) -> str:
    msg = "|".join(str(p) for p in parts).encode()
    return hmac.new(bytes.fromhex(secret), msg, hashlib.sha256).hexdigest()


def voter_ref(secret: str, resident_id: int) -> str:
    return _mac(secret, "voter", resident_id)[:32]


def new_nonce(secret: str, session_id: int) -> str:
    """A ballot nonce bound to one voting session: random part + MAC of (session, random)."""
    random_part = secrets.token_hex(8)
    return f"{random_part}.{_mac(secret, 'nonce', session_id, random_part)[:16]}"


def nonce_is_for(secret: str, session_id: int, nonce: str) -> bool:
    random_part, _, tag = nonce.partition(".")
    return hmac.compare_digest(tag, _mac(secret, "nonce", session_id, random_part)[:16])
