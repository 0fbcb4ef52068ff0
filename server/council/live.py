"""The live feed of a session: every change writes an `Event` (numbered per session, in the
change's transaction, under the session's row lock, so numbers commit in order); once the
transaction commits, the events go to this process's `HUB`, which wakes every subscriber on
its event loop at once. A subscriber that was away (or served by another process) reads what
it missed from the table: the SSE id is the event's number, so `Last-Event-ID` resumes
without losing or repeating one.
"""

import asyncio
import threading
import weakref
from collections import deque
from dataclasses import dataclass

from sqlalchemy import event as sa_event
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from server.council.models import Event, Session
from server.timeutil import utcnow

RING = 512  # recent events kept in memory per session
PENDING = "council_live_pending"


@dataclass(frozen=True)
class LiveEvent:
    seq: int
    kind: str
    data: dict


class Hub:
    """Recent events per session and one wake-up per event loop (thread-safe publish)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # per database (its connection pool), so two databases in one process never mix
        self._recent: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._wakers: dict[asyncio.AbstractEventLoop, asyncio.Event] = {}
        self._echoes: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def publish(self, pool: object, session: str, events: list[LiveEvent]) -> None:
        with self._lock:
            ring = self._recent.setdefault(pool, {}).setdefault(session, deque(maxlen=RING))
            for e in events:
                if ring and e.seq <= ring[-1].seq:
                    continue
                if ring and e.seq != ring[-1].seq + 1:
                    ring.clear()  # a gap (written elsewhere): the table fills it
                ring.append(e)
        self._wake_all()

    def echo(self, pool: object, session: str, data: dict) -> None:
        """An unnumbered frame to every follower of `session`, written nowhere (the
        benchmark's baseline: the same stream without the database)."""
        with self._lock:
            echoes = self._echoes.setdefault(pool, {}).setdefault(session, deque(maxlen=64))
            number = echoes[-1][0] + 1 if echoes else 1
            echoes.append((number, data))
        self._wake_all()

    def echoes_after(self, pool: object, session: str, number: int | None
                     ) -> tuple[int, list[dict]]:
        """(the last echo's number, the echoes after `number`; none when `number` is None:
        a follower sees only what is echoed after it connects)."""
        with self._lock:
            echoes = list(self._echoes.get(pool, {}).get(session, ()))
        last = echoes[-1][0] if echoes else 0
        if number is None:
            return last, []
        return last, [data for n, data in echoes if n > number]

    def _wake_all(self) -> None:
        with self._lock:
            loops = list(self._wakers)
        for loop in loops:
            try:
                loop.call_soon_threadsafe(self._wake, loop)
            except RuntimeError:  # that loop has closed
                with self._lock:
                    self._wakers.pop(loop, None)

    def _wake(self, loop: asyncio.AbstractEventLoop) -> None:
        with self._lock:
            old = self._wakers.get(loop)
            self._wakers[loop] = asyncio.Event()
        if old is not None:
            old.set()

    def waiter(self) -> asyncio.Event:
        """This loop's current wake-up: take it before reading, then wait on it."""
        loop = asyncio.get_running_loop()
        with self._lock:
            return self._wakers.setdefault(loop, asyncio.Event())

    def after(self, pool: object, session: str, seq: int) -> list[LiveEvent] | None:
        """The events after `seq` from memory, or None when memory cannot tell (ask the
        table)."""
        with self._lock:
            ring = self._recent.get(pool, {}).get(session)
            if not ring or ring[0].seq > seq + 1:
                return None
            return [e for e in ring if e.seq > seq]


HUB = Hub()


def _publish_after_commit(db: DbSession) -> None:
    pending = db.info.pop(PENDING, None) or {}
    for code, events in pending.items():
        HUB.publish(db.get_bind().pool, code, events)


def _forget(db: DbSession, previous_transaction=None) -> None:
    if db.in_transaction():
        return
    db.info.pop(PENDING, None)


def emit(db: DbSession, session: Session, kind: str, data: dict) -> LiveEvent:
    """Write one event of `session` (the caller holds its row lock) and publish it when the
    transaction commits."""
    session.event_seq = (session.event_seq or 0) + 1
    payload = {"session": session.code, **data}
    db.add(Event(session_id=session.id, seq=session.event_seq, kind=kind, data=payload,
                 at=utcnow()))
    live = LiveEvent(session.event_seq, kind, payload)
    if not db.info.get("council_live_hooked"):
        sa_event.listen(db, "after_commit", _publish_after_commit)
        sa_event.listen(db, "after_soft_rollback", _forget)
        db.info["council_live_hooked"] = True
    db.info.setdefault(PENDING, {}).setdefault(session.code, []).append(live)
    return live


def read_after(db: DbSession, code: str, seq: int, limit: int = 1000) -> list[LiveEvent]:
    rows = db.execute(select(Event).join(Session, Session.id == Event.session_id)
                      .where(Session.code == code, Event.seq > seq)
                      .order_by(Event.seq).limit(limit)).scalars()
    return [LiveEvent(e.seq, e.kind, e.data) for e in rows]
