"""The device's outbox: requests accepted while the server was away, sent when it returns
(docs/offline.md).

A SQLite file in the state dir (stdlib sqlite3). A request is accepted only once its row is
committed (WAL, synchronous=FULL), so it survives a crash and a restart. It drains oldest
first, one at a time: an item that cannot be sent now stops the drain (nothing overtakes it)
and is tried again later with backoff. Every item carries its Idempotency-Key from the
moment it is made, so an item applied on the server whose answer was lost on the WAN is sent
again and answered with the first result (server/idempotency): nothing lost, nothing twice.
A refusal (4xx) will never succeed as it stands: the item is set aside with the server's
sentence for a person to see, and the rest goes on.
"""

from __future__ import annotations

import asyncio
import json
import random
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.api.errors import ApiError, ServerUnavailable

if TYPE_CHECKING:
    from kiosk.api.transport import Transport

FILE = "outbox.sqlite3"
KEEP_SENT = timedelta(days=30)  # answers kept for support questions, then dropped
# Answers that say "not now" rather than "never": the item waits and is sent again.
TRANSIENT_STATUS = {0, 408, 425, 429, 500, 502, 503, 504}

SCHEMA = """
create table if not exists outbox (
    id integer primary key autoincrement,
    method text not null,
    path text not null,
    body text,
    idempotency_key text not null unique,
    session_token text,
    created text not null,
    attempts integer not null default 0,
    last_error text,
    status text not null default 'pending',  -- pending | sent | failed
    response text,
    done_at text
);
create index if not exists outbox_status on outbox (status, id);
"""


@dataclass(frozen=True)
class Item:
    id: int
    method: str
    path: str
    body: Any
    idempotency_key: str
    session_token: str | None
    created: datetime
    attempts: int
    last_error: str | None
    status: str
    response: Any


@dataclass(frozen=True)
class DrainResult:
    sent: int
    failed: int
    waiting: int  # still pending (the link went away again)
    error: str | None  # why the drain stopped early


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _item(row: sqlite3.Row) -> Item:
    return Item(id=row["id"], method=row["method"], path=row["path"],
                body=None if row["body"] is None else json.loads(row["body"]),
                idempotency_key=row["idempotency_key"], session_token=row["session_token"],
                created=datetime.fromisoformat(row["created"]), attempts=row["attempts"],
                last_error=row["last_error"], status=row["status"],
                response=None if row["response"] is None else json.loads(row["response"]))


class Outbox:
    """`put` (from any thread) and `drain` (in a worker); `pending_count` for the heartbeat.
    Each call opens its own short connection: safe from the UI loop's worker threads."""

    def __init__(self, path: Path) -> None:
        self.path = path if path.suffix else path / FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.wake = asyncio.Event()  # set by put: the drainer need not wait its full pause
        with self._db() as db:
            db.execute("pragma journal_mode=wal")
            db.executescript(SCHEMA)
        self.path.chmod(0o600)  # it may hold a person's session token until it is sent

    @classmethod
    def under(cls, state_dir: Path) -> Outbox:
        return cls(state_dir / FILE)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.row_factory = sqlite3.Row
            db.execute("pragma synchronous=full")  # a committed put is on disk
            db.execute("pragma busy_timeout=30000")
            yield db
        finally:
            db.close()

    # -- accepting -------------------------------------------------------------------------
    def put(self, *, method: str, path: str, body: Any = None,
            idempotency_key: str | None = None, session_token: str | None = None) -> Item:
        """Keep a request to send later; returns once it is on disk. Putting the same key
        again keeps the first (a screen that accepted twice queues once)."""
        key = idempotency_key or f"ob-{uuid.uuid4()}"
        with self._db() as db:
            db.execute(
                "insert into outbox (method, path, body, idempotency_key, session_token, "
                "created) values (?, ?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing",
                (method.upper(), path, None if body is None else json.dumps(body), key,
                 session_token, _now()))
            row = db.execute("select * from outbox where idempotency_key = ?",
                             (key,)).fetchone()
        self._wake()
        return _item(row)

    def _wake(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is not None:
            self.wake.set()
        # From a worker thread there is no loop here: the drainer's own pause finds it.

    # -- reading -----------------------------------------------------------------------------
    def pending_count(self, path: str | None = None) -> int:
        """How many requests wait to be sent (the heartbeat's outbox length), or only
        those to `path`."""
        with self._db() as db:
            if path is None:
                return db.execute("select count(*) from outbox where status = 'pending'"
                                  ).fetchone()[0]
            return db.execute("select count(*) from outbox where status = 'pending' and "
                              "path = ?", (path,)).fetchone()[0]

    def items(self, status: str = "pending") -> list[Item]:
        with self._db() as db:
            rows = db.execute("select * from outbox where status = ? order by id",
                              (status,)).fetchall()
        return [_item(r) for r in rows]

    def _first_pending(self) -> Item | None:
        with self._db() as db:
            row = db.execute("select * from outbox where status = 'pending' order by id "
                             "limit 1").fetchone()
        return None if row is None else _item(row)

    # -- the outcome of one attempt ----------------------------------------------------------
    def _record(self, item: Item, *, status: str, error: str | None = None,
                response: Any = None) -> None:
        with self._db() as db:
            db.execute(
                "update outbox set attempts = attempts + 1, last_error = ?, status = ?, "
                "response = ?, done_at = ? where id = ?",
                (error, status, None if response is None else json.dumps(response),
                 None if status == "pending" else _now(), item.id))

    # -- sending -----------------------------------------------------------------------------
    async def send_one(self, transport: Transport, item: Item) -> bool:
        """Send one item; True when the server gave its final word (sent or refused)."""
        try:
            response = await transport.request(
                item.method, item.path, json=item.body, idempotency_key=item.idempotency_key,
                session_token=item.session_token, inherit_session=False)
        except ApiError as exc:
            if exc.status in TRANSIENT_STATUS or isinstance(exc, ServerUnavailable):
                detail = exc.extra.get("detail") or exc.message.en
                await asyncio.to_thread(self._record, item, status="pending",
                                        error=str(detail)[:300])
                return False
            refusal = {"code": exc.code, **exc.message.model_dump()}  # the server's words
            await asyncio.to_thread(self._record, item, status="failed",
                                    error=json.dumps(refusal, ensure_ascii=False))
            return True
        try:
            answer = response.json()
        except ValueError:
            answer = None
        await asyncio.to_thread(self._record, item, status="sent", response=answer)
        return True

    def prune(self, *, now: datetime | None = None) -> int:
        """Forget items sent more than KEEP_SENT ago (refused ones stay for a person)."""
        before = ((now or datetime.now(UTC)) - KEEP_SENT).isoformat()
        with self._db() as db:
            return db.execute("delete from outbox where status = 'sent' and done_at < ?",
                              (before,)).rowcount

    async def drain(self, transport: Transport) -> DrainResult:
        """Send what waits, oldest first, until empty or the link fails again."""
        await asyncio.to_thread(self.prune)
        sent = failed = 0
        while (item := await asyncio.to_thread(self._first_pending)) is not None:
            if not await self.send_one(transport, item):
                waiting = await asyncio.to_thread(self.pending_count)
                latest = await asyncio.to_thread(self._last_error, item.id)
                return DrainResult(sent, failed, waiting, latest)
            if (await asyncio.to_thread(self._status, item.id)) == "sent":
                sent += 1
            else:
                failed += 1
        return DrainResult(sent, failed, 0, None)

    def _status(self, item_id: int) -> str:
        with self._db() as db:
            return db.execute("select status from outbox where id = ?", (item_id,)).fetchone()[0]

    def _last_error(self, item_id: int) -> str | None:
        with self._db() as db:
            return db.execute("select last_error from outbox where id = ?",
                              (item_id,)).fetchone()[0]

    async def run(self, transport: Transport, *, pause: float = 5.0, first_retry: float = 1.0,
                  max_retry: float = 60.0) -> None:
        """Forever (a worker): drain; when the link fails, wait with exponential backoff and
        jitter (a whole site's devices coming back do not knock all at once)."""
        delay = first_retry
        while True:
            result = await self.drain(transport)
            if result.error is None:
                delay, wait = first_retry, pause
            else:
                wait, delay = delay * random.uniform(0.5, 1.0), min(delay * 2, max_retry)
            self.wake.clear()
            with suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), wait)

