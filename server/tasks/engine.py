"""The PostgreSQL engine: procrastinate (a job queue in PostgreSQL itself, LISTEN/NOTIFY).

Exactly once across servers and workers:
- a periodic tick is deferred by whichever worker comes first; procrastinate records the
  (task, tick) pair under a unique constraint, so the others defer nothing;
- every periodic task has a queueing lock (its name): at most one of its jobs waits at a time
  (a worker that was away does not pile up ticks) and a lock (its name too): two of its jobs
  never run at once;
- a job that raises is retried with a growing wait, up to `RETRY.max_attempts`;
- `defer_in_transaction` inserts the job with the caller's own connection, inside its
  transaction: it exists if and only if the change that asked for it committed.
"""

import asyncio
import functools
import logging
from typing import Any

from procrastinate import App, PsycopgConnector, RetryStrategy, SyncPsycopgConnector
from procrastinate.schema import SchemaManager
from sqlalchemy import make_url, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from server.config import ServerSettings
from server.tasks import Periodic, registry

log = logging.getLogger("server.tasks")
RETRY = RetryStrategy(max_attempts=5, exponential_wait=5)  # 5 s, 25 s, 125 s, ...
QUEUE = "kiosk"
FORGET_FINISHED = "tasks.forget_finished"
KEEP_FINISHED_HOURS = 7 * 24


def conninfo(url: str) -> str:
    """libpq's form of a SQLAlchemy URL (`postgresql+psycopg://...` -> `postgresql://...`)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def ensure_schema(conn: Connection) -> bool:
    """procrastinate's tables and functions, made once (by `kiosk-server db upgrade`)."""
    if conn.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar() is not None:
        return False
    conn.exec_driver_sql(SchemaManager.get_schema().replace("%", "%%"))
    return True


def build_app(*, settings: ServerSettings, engine: Engine) -> App:
    """The procrastinate app with every domain's task; a periodic task also on its cron."""
    app = App(connector=PsycopgConnector(conninfo=conninfo(settings.database_url)),
              periodic_defaults={"max_delay": 24 * 3600})
    for task in registry.all_tasks().values():
        periodic = isinstance(task, Periodic)

        def work(timestamp: int | None = None, *, _name: str = task.name, **args: Any) -> None:
            registry.run(_name, engine=engine, settings=settings, **args)

        job = app.task(name=task.name, queue=QUEUE, retry=RETRY, pass_context=False,
                       queueing_lock=task.name if periodic else None,
                       lock=task.name if periodic else None)(work)
        if periodic:
            app.periodic(cron=task.schedule(settings), periodic_id=task.name)(job)

    # The queue's own housekeeping: finished jobs are kept a week (to look at), then dropped;
    # failed ones stay until somebody looks at them.
    @app.periodic(cron="50 4 * * *", periodic_id=FORGET_FINISHED)
    @app.task(name=FORGET_FINISHED, queue=QUEUE, queueing_lock=FORGET_FINISHED, pass_context=True)
    async def forget_finished(context, timestamp: int) -> None:
        await context.app.job_manager.delete_old_jobs(nb_hours=KEEP_FINISHED_HOURS, queue=QUEUE)

    return app


@functools.cache
def _deferrer() -> App:
    # Only its job manager is used, always with the caller's connection: no pool is opened.
    return App(connector=SyncPsycopgConnector(conninfo="postgresql://"))


def defer_in_transaction(*, db: Session, task: str, args: dict[str, Any]) -> None:
    if task not in registry.all_tasks():
        raise KeyError(task)
    connection = db.connection().connection.driver_connection
    _deferrer().configure_task(task, queue=QUEUE, connection=connection).defer(**args)


def run_worker(*, settings: ServerSettings, engine: Engine, concurrency: int = 2) -> None:
    """Until SIGINT/SIGTERM: run jobs, and defer the periodic ticks as they come."""
    app = build_app(settings=settings, engine=engine)

    async def main() -> None:
        async with app.open_async():
            await app.run_worker_async(queues=[QUEUE], concurrency=concurrency,
                                       install_signal_handlers=True)

    asyncio.run(main())
