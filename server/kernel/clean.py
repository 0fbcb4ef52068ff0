"""Free text from outside, made safe to store and to show on a terminal: no NUL or other
control characters (a newline and a tab stay), no ANSI escape sequences, no bidirectional
overrides (U+202A-U+202E, U+2066-U+2069) that reorder what a reader sees; Unicode NFC."""

import re
import unicodedata

ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def clean_text(value: str, limit: int | None = None) -> str:
    value = UNSAFE.sub("", ANSI.sub("", unicodedata.normalize("NFC", value)))
    if limit is not None and len(value) > limit:
        value = value[: limit - 1] + "…"
    return value


def clean_tree(value, limit: int):
    """Every string in a JSON-like value cleaned and capped (audit details)."""
    if isinstance(value, str):
        return clean_text(value, limit)
    if isinstance(value, dict):
        return {clean_text(str(k), limit): clean_tree(v, limit) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_tree(v, limit) for v in value]
    return value


def neutralised_tree(value):
    """Every string in a JSON value with each unsafe code point (as above, and lone
    surrogates) replaced by U+FFFD, one for one: what a request sent keeps its length, so the
    lengths the API documents hold for what was sent, and nothing unsafe is stored or shown."""
    if isinstance(value, str):
        return UNSAFE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {neutralised_tree(k): neutralised_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [neutralised_tree(v) for v in value]
    return value
