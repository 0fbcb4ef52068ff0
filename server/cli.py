"""`kiosk-server`: run the server and administer it (database, demo data, staff, devices, audit).

The platform's commands are here; each domain adds its own through `server/<domain>/cli.py`
(`register(subparsers, common)`), found by discovery.
"""

import argparse
import sys

from server import discovery
from server.clitools import common_parser, settings_for
from server.config import ServerSettings


def cmd_run(args: argparse.Namespace) -> int:
    import uvicorn

    from server.app import create_app
    from server.logging_setup import configure
    from server.migrate import upgrade

    settings = settings_for(args)
    if args.port != 8765 or args.host != "127.0.0.1":
        settings.public_base_url = f"http://{args.host}:{args.port}"
    configure(settings.log_level)
    if settings.demo:
        upgrade(settings.database_url)
        _seed(settings, quiet=True)
    from server.peer import behind_proxy_headers

    # X-Forwarded-For is applied inside, after the real peer is kept (server/peer.py).
    uvicorn.run(behind_proxy_headers(create_app(settings)), host=args.host, port=args.port,
                log_config=None, proxy_headers=False, access_log=False)
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    """The background tasks on PostgreSQL (procrastinate); run one or more, on any machine."""
    from server.db import Database
    from server.logging_setup import configure
    from server.tasks import engine, registry

    settings = settings_for(args)
    configure(settings.log_level)
    if not settings.database_url.startswith("postgresql"):
        print("El trabajador necesita PostgreSQL; con SQLite el servidor corre las tareas él "
              "mismo. / The worker needs PostgreSQL; on SQLite the server runs the tasks "
              "itself.", file=sys.stderr)
        return 2
    if args.list:
        for task in registry.all_tasks().values():
            print(task.name, getattr(task, "schedule", lambda _s: "(on demand)")(settings))
        return 0
    database = Database(settings.database_url, pool_size=args.concurrency)
    try:
        engine.run_worker(settings=settings, engine=database.engine,
                          concurrency=args.concurrency)
    finally:
        database.dispose()
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from server.migrate import upgrade

    settings = settings_for(args)
    upgrade(settings.database_url)
    print(f"Base de datos al día / database up to date: {settings.database_url}")
    return 0


def _seed(settings: ServerSettings, quiet: bool = False) -> None:
    from server.db import Database
    from server.demo.seed import seed

    database = Database(settings.database_url)
    with database.sessionmaker() as db:
        lines = seed(db=db, data_dir=settings.data_dir)
    database.dispose()
    if not quiet:
        print("\n".join(lines))


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from server.migrate import upgrade

    settings = settings_for(args)
    upgrade(settings.database_url)
    _seed(settings)
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = common_parser()
    parser = argparse.ArgumentParser(prog="kiosk-server", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the API server", parents=[common])
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8765)
    run.set_defaults(func=cmd_run)
    worker = sub.add_parser("worker", help="run the background tasks (PostgreSQL)",
                            parents=[common])
    worker.add_argument("--concurrency", type=int, default=2)
    worker.add_argument("--list", action="store_true", help="list the tasks and their schedules")
    worker.set_defaults(func=cmd_worker)
    db = sub.add_parser("db", help="database")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_sub.add_parser("upgrade", help="apply migrations", parents=[common])
    upgrade.set_defaults(func=cmd_db_upgrade)
    seed = sub.add_parser("seed-demo", help="create demo data (idempotent) and print it",
                          parents=[common])
    seed.set_defaults(func=cmd_seed_demo)
    for _, commands in discovery.modules("cli"):
        commands.register(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
