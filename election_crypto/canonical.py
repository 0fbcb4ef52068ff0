"""Canonical JSON (sorted keys, no spaces, UTF-8) and the hashes taken over it."""

import base64
import hashlib
import json


def dumps(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def digest(value) -> str:
    return hashlib.sha256(dumps(value)).hexdigest()


def short_code(hex_digest: str) -> str:
    """100 bits of a digest in base32 (no padding), grouped by four: readable, typeable."""
    raw = base64.b32encode(bytes.fromhex(hex_digest)[:15]).decode()[:20]
    return "-".join(raw[i:i + 4] for i in range(0, 20, 4))


def normalise_code(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    return "-".join(cleaned[i:i + 4] for i in range(0, len(cleaned), 4))
