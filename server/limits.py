"""Attempt limits: how often one device and one client address may try what can be guessed
(PINs, passwords, files by number, enrolment codes, reports); past the limit the answer is 429
with Retry-After. On SQLite (one server) counted in the server's memory (a sliding window per
key, bounded); on PostgreSQL in the database (a fixed window per key, `SharedLimiter`), so
that two or more servers behind the proxy count together: a guesser spreading tries over
them gets no more than from one.

The audit log gets one entry when a key first goes over its limit in a window, not one per
refused request, so a flood cannot fill it."""

import math
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from server.attempts import service as attempts
from server.timeutil import utcnow


@dataclass(frozen=True)
class Rate:
    attempts: int
    seconds: float


# What may be guessed, and how often: per device (its credential) and per client address.
RATES: dict[str, tuple[Rate | None, Rate | None]] = {
    "login.pin": (Rate(10, 60), Rate(30, 60)),
    "login.staff": (Rate(10, 60), Rate(30, 60)),
    "login.card": (Rate(20, 60), None),
    "procedures.follow": (Rate(10, 60), Rate(10, 60)),
    "device.enroll": (None, Rate(10, 60)),
    "open311.post": (None, Rate(120, 60)),
}
MAX_KEYS = 100_000


@dataclass(frozen=True)
class Refusal:
    retry_after: int  # whole seconds
    first: bool  # the first refusal of this key in its window: audit it


class Limiter:
    def __init__(self, clock=time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._refused: dict[str, float] = {}

    def hit(self, key: str, rate: Rate) -> Refusal | None:
        """Count an attempt; a Refusal when `key` already made `rate.attempts` in the window."""
        now = self._clock()
        with self._lock:
            hits = self._hits.pop(key, None) or deque()
            while hits and hits[0] <= now - rate.seconds:
                hits.popleft()
            self._hits[key] = hits
            if len(self._hits) > MAX_KEYS:
                gone, _ = self._hits.popitem(last=False)
                self._refused.pop(gone, None)
            if len(hits) >= rate.attempts:
                retry = max(1, math.ceil(hits[0] + rate.seconds - now))
                first = self._refused.get(key, -math.inf) <= now - rate.seconds
                if first:
                    self._refused[key] = now
                return Refusal(retry, first)
            hits.append(now)
            return None


class SharedLimiter:
    """The same limits counted in the database shared by every server. A fixed window:
    up to `attempts` in it, the window restarting `seconds` after its first attempt (so a
    burst across a window's end may reach twice the rate once, as with any fixed window)."""

    def __init__(self, engine: Engine, clock=utcnow) -> None:
        self._engine, self._clock = engine, clock

    def hit(self, key: str, rate: Rate) -> Refusal | None:
        now = self._clock()
        start, hits = attempts.count_attempt(engine=self._engine, key=key[:200],
                                             seconds=rate.seconds, now=now)
        if hits <= rate.attempts:
            return None
        retry = max(1, math.ceil(rate.seconds - (now - start).total_seconds()))
        return Refusal(retry, first=hits == rate.attempts + 1)

