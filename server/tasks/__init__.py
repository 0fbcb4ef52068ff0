"""Background work: what each domain asks to run on a schedule or after a change commits.

A domain lists its tasks in `server/<domain>/tasks.py` as `TASKS` (found by discovery, like
its routes): a `Periodic` runs on a cron schedule, a `Job` runs when a change asks for it
with `defer`. A task is a plain function `run(*, db, settings, **args) -> str | None` (the
returned line goes to the log) that works inside the transaction it is given; the runner
commits it.

Two engines run the same functions (docs/tasks.md):
- PostgreSQL: procrastinate (`kiosk-server worker`, `server/tasks/engine.py`). Each periodic
  tick is deferred once across every worker, a queueing lock keeps at most one waiting job
  per task, failures are retried; `defer` writes the job in the caller's own transaction.
- SQLite (the embedded demo): a timer inside the server process (`server/tasks/local.py`);
  `defer` runs the job on a thread once the caller's transaction has committed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from server.config import ServerSettings

TaskFunction = Callable[..., str | None]


@dataclass(frozen=True)
class Periodic:
    """`name` ("domain.what") runs on `cron` (five fields, UTC; or a function of the settings
    that gives them), once per tick across every server. `at_start`: the in-process engine
    also runs it when the server starts (the procrastinate worker catches up a tick missed
    in the last day by itself)."""

    name: str
    cron: str | Callable[[ServerSettings], str]
    run: TaskFunction
    at_start: bool = False

    def schedule(self, settings: ServerSettings) -> str:
        return self.cron(settings) if callable(self.cron) else self.cron


@dataclass(frozen=True)
class Job:
    """`name` runs when a change asks for it (`defer`), with JSON arguments."""

    name: str
    run: TaskFunction


Task = Periodic | Job

# Jobs waiting for their SQLite transaction to commit (server/tasks/local.py runs them).
_AFTER_COMMIT = "tasks_after_commit"


def defer(*, db: Session, task: str, **args: Any) -> None:
    """Ask for `task` to run with `args` (JSON values) once, and only if, the transaction of
    `db` commits: a rolled-back change leaves no job behind. On PostgreSQL the job is written
    in that same transaction, so a committed change has its job even if the process dies right
    after the commit; on SQLite it runs on a thread once the commit is done."""
    if db.get_bind().dialect.name == "postgresql":
        from server.tasks import engine

        engine.defer_in_transaction(db=db, task=task, args=args)
        return
    db.info.setdefault(_AFTER_COMMIT, []).append((task, args))
    if not event.contains(db, "after_commit", _run_after_commit):
        event.listen(db, "after_commit", _run_after_commit)
        event.listen(db, "after_rollback", _forget)


def _run_after_commit(db: Session) -> None:
    jobs = db.info.pop(_AFTER_COMMIT, [])
    if jobs:
        from server.tasks import local

        local.run_soon(engine=db.get_bind(), jobs=jobs)


def _forget(db: Session) -> None:
    db.info.pop(_AFTER_COMMIT, None)
