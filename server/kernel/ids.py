"""Row ids as they arrive in text (paths, credentials, lists): ASCII digits only (no "²" or
"٣"), within the integer columns' range (32-bit on PostgreSQL), or not an id at all."""

MAX_ID = 2**31 - 1


def parse_id(text: str) -> int | None:
    text = text.strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 10):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None
