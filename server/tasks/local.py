"""The in-process engine for the embedded SQLite server (the demo, a single machine): a timer
in the server's event loop runs each periodic task when its cron tick comes (the audit
checkpoint also at start, as before there were tasks), and deferred jobs run on a thread once their
transaction has committed. One process holds SQLite's write lock at a time, so nothing here
needs to coordinate with another server; on PostgreSQL `kiosk-server worker` does this."""

import logging
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import anyio
from croniter import croniter
from sqlalchemy.engine import Engine

from server.config import ServerSettings, get_settings
from server.tasks import registry

log = logging.getLogger("server.tasks")
_settings: ServerSettings | None = None  # the running server's, once `run_periodic` starts


def _run_logged(name: str, engine: Engine, settings: ServerSettings, args: dict) -> None:
    try:
        registry.run(name, engine=engine, settings=settings, **args)
    except Exception:
        log.exception("task %s failed", name)


def run_soon(*, engine: Engine, jobs: Iterable[tuple[str, dict[str, Any]]]) -> None:
    """Deferred jobs of a committed transaction, in order, on a thread of their own (the
    request that asked for them does not wait)."""
    settings = _settings or get_settings()
    jobs = list(jobs)

    def work() -> None:
        for name, args in jobs:
            _run_logged(name, engine, settings, args)

    threading.Thread(target=work, name="task-jobs", daemon=True).start()


def due(now: datetime, last: dict[str, datetime], settings: ServerSettings) -> list[str]:
    """The periodic tasks whose tick has come since they last ran (at first, those that run
    at start; the others start counting from now)."""
    names = []
    for task in registry.periodic():
        previous = last.setdefault(task.name, now)
        if (previous is now and task.at_start) or croniter(
                task.schedule(settings), previous).get_next(datetime) <= now:
            names.append(task.name)
    return names


async def run_periodic(*, engine: Engine, settings: ServerSettings, tick: float = 20) -> None:
    """Forever: every `tick` seconds, the periodic tasks that are due, one after another on a
    worker thread (a failure is logged and the task waits for its next tick)."""
    global _settings
    _settings = settings
    last: dict[str, datetime] = {}
    while True:
        now = datetime.now(UTC)
        for name in due(now, last, settings):
            last[name] = now
            await anyio.to_thread.run_sync(_run_logged, name, engine, settings, {})
        await anyio.sleep(tick)
