"""The tasks of every domain (`server/<domain>/tasks.py`, `TASKS`), and running one of them in
a transaction of its own. Both engines (procrastinate, the in-process timer) call `run`."""

import functools
import logging
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from server import discovery
from server.config import ServerSettings
from server.tasks import Job, Periodic, Task

log = logging.getLogger("server.tasks")


@functools.cache
def all_tasks() -> dict[str, Task]:
    found: dict[str, Task] = {}
    for domain, module in discovery.modules("tasks"):
        for task in module.TASKS:
            if not task.name.startswith(f"{domain}."):
                raise ValueError(f"task {task.name!r} of {domain} must be named {domain}.*")
            found[task.name] = task
    return found


def periodic() -> list[Periodic]:
    return [t for t in all_tasks().values() if isinstance(t, Periodic)]


def jobs() -> list[Job]:
    return [t for t in all_tasks().values() if isinstance(t, Job)]


def run(name: str, *, engine: Engine, settings: ServerSettings, **args: Any) -> str | None:
    """Run task `name` in a transaction of its own, committed when it returns. An exception
    rolls everything back and goes up (procrastinate retries; the timer logs it)."""
    task = all_tasks()[name]
    with Session(engine, expire_on_commit=False) as db:
        said = task.run(db=db, settings=settings, **args)
        db.commit()
    log.info("task %s done%s", name, f": {said}" if said else "")
    return said
