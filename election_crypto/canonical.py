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


# The tracker's digits-only form, for a 12-key keypad: its 100 bits as 31 decimal digits and
# two ISO 7064 MOD 97-10 check digits (any one digit wrong or two swapped is caught).
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
TRACKER_DIGITS = 33


def mod97_check(body: str) -> str:
    return f"{98 - int(body) * 100 % 97:02d}"


def tracker_digits(code: str) -> str:
    value = 0
    for ch in code.replace("-", ""):
        value = value * 32 + B32.index(ch)
    body = f"{value:031d}"
    return body + mod97_check(body)


def tracker_from_digits(digits: str) -> str | None:
    """The tracker a digits-only form stands for; None if a check digit does not match."""
    if len(digits) != TRACKER_DIGITS or not digits.isdigit() or int(digits) % 97 != 1:
        return None
    value = int(digits[:-2])
    if value >= 32 ** 20:
        return None
    chars = []
    for _ in range(20):
        value, rest = divmod(value, 32)
        chars.append(B32[rest])
    raw = "".join(reversed(chars))
    return "-".join(raw[i:i + 4] for i in range(0, 20, 4))
