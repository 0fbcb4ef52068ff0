"""Public reads on a streaming replica, and the primary standing in while the replica cannot
be reached (or lags too far): no restart either way.

Every public read checks out its replica connection before the route runs (a short connect
timeout; `pool_pre_ping` finds a pooled connection whose server went away). If that fails,
the read is served by the primary instead, the outage is logged once, and for
`retry_seconds` every public read goes straight to the primary. Then one request (only one:
the others keep using the primary meanwhile) tries the replica again; when it answers, the
reads go back to it by themselves. With `max_lag_seconds`, the replica's replay delay is
measured at those same checks, once per `retry_seconds`, and a replica behind by more is
skipped like an unreachable one."""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger("server.replica")

# Seconds the replica is behind: 0 when it has replayed all it received (a quiet primary
# writes nothing, and then the last replayed transaction may be old without any lag).
LAG = text("SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
           "ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END")

Reason = Literal["unreachable", "lagging"]


@dataclass(frozen=True)
class ReplicaPolicy:
    connect_timeout: int = 2  # seconds (libpq counts at least 2)
    retry_seconds: float = 30.0
    max_lag_seconds: float | None = None  # None: lag is not measured

    def connect_args(self) -> dict:
        # keepalives: a replica machine that vanishes mid-query is noticed in ~10 s, not in
        # the kernel's two hours; tcp_user_timeout: nor does a pooled connection's pre-ping
        # (data sent, never acknowledged, where keepalives do not fire) wait the kernel's
        # ~15 minutes of retransmissions while holding the admission gate.
        return {"connect_timeout": self.connect_timeout, "keepalives": 1,
                "keepalives_idle": 5, "keepalives_interval": 2, "keepalives_count": 3,
                "tcp_user_timeout": 10_000}


class PublicReads:
    """Opens the public read routes' sessions: on the replica while it is usable, else on the
    primary (both read-only). Thread-safe; one per `Database`."""

    def __init__(self, replica: sessionmaker | None, primary: sessionmaker,
                 policy: ReplicaPolicy, clock: Callable[[], float] = time.monotonic) -> None:
        self.replica, self.primary, self.policy, self.clock = replica, primary, policy, clock
        self.fallen_back: Reason | None = None
        self._next_check = 0.0  # when one request checks the replica (again)
        self._lock = threading.Lock()

    def state(self) -> Literal["not_configured", "in_use", "fallen_back"]:
        if self.replica is None:
            return "not_configured"
        return "fallen_back" if self.fallen_back else "in_use"

    def session(self) -> Session:
        """A session with its connection already checked out (blocking: call it in a
        worker thread); never waits for the replica longer than its connect timeout."""
        if self.replica is None:
            return self.primary()
        with self._lock:
            now = self.clock()
            checking = now >= self._next_check
            if checking:  # this request checks; the others meanwhile do not
                self._next_check = now + self.policy.retry_seconds
            elif self.fallen_back:
                return self.primary()
        db = self.replica()
        try:
            connection = db.connection()  # connect, or ping a pooled connection
            if checking and self.policy.max_lag_seconds is not None \
                    and connection.dialect.name == "postgresql":
                lag = float(connection.execute(LAG).scalar() or 0)
                if lag > self.policy.max_lag_seconds:
                    db.close()
                    self._fall_back("lagging", f"{lag:.1f} s behind")
                    return self.primary()
        except DBAPIError as exc:
            db.close()
            self._fall_back("unreachable", str(exc.orig or exc).strip().splitlines()[0])
            return self.primary()
        if checking:
            self._back()
        return db

    def failed(self, exc: DBAPIError) -> bool:
        """Whether a read failed because its connection broke (after its checkout): then,
        if it was the replica's, the next reads go to the primary."""
        if not exc.connection_invalidated:
            return False
        if self.replica is not None:
            self._fall_back("unreachable", str(exc.orig or exc).strip().splitlines()[0])
        return True

    def _fall_back(self, reason: Reason, detail: str) -> None:
        with self._lock:
            self._next_check = self.clock() + self.policy.retry_seconds
            if self.fallen_back == reason:
                return
            self.fallen_back = reason
        log.warning("read replica %s (%s): public reads from the primary; next try in %s s",
                    reason, detail, self.policy.retry_seconds)

    def _back(self) -> None:
        with self._lock:
            if self.fallen_back is None:
                return
            self.fallen_back = None
        log.warning("read replica back: public reads from the replica again")
