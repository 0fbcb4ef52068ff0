"""Failure counts of accounts that do not exist (a DNI not in the register, a user name no
one has), so that guessing at one answers exactly like guessing at a real account: the same
tries left, the same lockout for the same minutes. Kept in the server's memory (bounded; a
restart forgets them, which only gives a guesser back the tries a restart would give anyway
on a real account's counter reset by its lockout); the key is a hash of the name tried."""

import hashlib
import threading
from collections import OrderedDict
from datetime import datetime, timedelta

MAX_KEPT = 50_000
_lock = threading.Lock()
_counts: OrderedDict[str, tuple[int, datetime | None]] = OrderedDict()


def _key(kind: str, name: str) -> str:
    return hashlib.sha256(f"{kind}\0{name}".encode("utf-8", "replace")).hexdigest()


def locked_until(*, kind: str, name: str, now: datetime) -> datetime | None:
    with _lock:
        _, until = _counts.get(_key(kind, name), (0, None))
    return until if until and until > now else None


def fail(*, kind: str, name: str, now: datetime, max_failures: int, lockout_minutes: int
         ) -> tuple[int, datetime | None]:
    """Count a failure as a real account would: (tries left, locked until)."""
    key = _key(kind, name)
    with _lock:
        failures, until = _counts.pop(key, (0, None))
        failures += 1
        left = max_failures - failures
        if left <= 0:
            failures, until = 0, now + timedelta(minutes=lockout_minutes)
        _counts[key] = (failures, until)
        while len(_counts) > MAX_KEPT:
            _counts.popitem(last=False)
    return left, until


def forget_all() -> None:
    with _lock:
        _counts.clear()
