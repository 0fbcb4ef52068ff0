"""`kiosk-server`: run the server and administer it (database, demo data, staff, devices, audit)."""

import argparse
import getpass
import os
import sys
from pathlib import Path

from server.config import ServerSettings


def _settings(args: argparse.Namespace) -> ServerSettings:
    overrides: dict = {}
    if getattr(args, "demo", False):
        data_dir = Path(os.environ.get("KIOSK_SERVER_DATA_DIR", "var/demo"))
        overrides |= {"demo": True, "data_dir": data_dir}
        if "KIOSK_SERVER_BANK_SECRETS" not in os.environ:
            overrides["bank_secrets"] = {"BANCO-DEMO": "demo-bank-secret"}
        if "KIOSK_SERVER_DATABASE_URL" not in os.environ:
            overrides["database_url"] = f"sqlite:///{data_dir / 'demo.db'}"
    return ServerSettings(**overrides)


def _database(settings: ServerSettings):
    from server.db import Database

    return Database(settings.database_url)


def cmd_run(args: argparse.Namespace) -> int:
    import uvicorn

    from server.app import create_app
    from server.logging_setup import configure
    from server.migrate import upgrade

    settings = _settings(args)
    if args.port != 8765 or args.host != "127.0.0.1":
        settings.public_base_url = f"http://{args.host}:{args.port}"
    configure(settings.log_level)
    if settings.demo:
        upgrade(settings.database_url)
        _seed(settings, quiet=True)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_config=None,
                proxy_headers=True, access_log=False)
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from server.migrate import upgrade

    settings = _settings(args)
    upgrade(settings.database_url)
    print(f"Base de datos al día / database up to date: {settings.database_url}")
    return 0


def _seed(settings: ServerSettings, quiet: bool = False) -> None:
    from server.demo.seed import seed

    database = _database(settings)
    with database.sessionmaker() as db:
        lines = seed(db=db, data_dir=settings.data_dir)
    database.dispose()
    if not quiet:
        print("\n".join(lines))


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from server.migrate import upgrade

    settings = _settings(args)
    upgrade(settings.database_url)
    _seed(settings)
    return 0


def cmd_create_staff(args: argparse.Namespace) -> int:
    from server.audit.service import SYSTEM
    from server.errors import Problem
    from server.identity.roles import Role
    from server.identity.service import create_staff

    password = args.password or getpass.getpass("Contraseña / password: ")
    if len(password) < 10:
        print("La contraseña debe tener al menos 10 caracteres / at least 10 characters.",
              file=sys.stderr)
        return 2
    database = _database(_settings(args))
    with database.sessionmaker() as db:
        try:
            create_staff(db=db, by=SYSTEM, username=args.username, full_name=args.full_name,
                         role=Role(args.role), password=password)
        except Problem as exc:
            print(f"{exc.es} / {exc.en}", file=sys.stderr)
            return 1
        db.commit()
    print(f"Usuario creado / user created: {args.username} ({args.role})")
    return 0


def cmd_enroll_device(args: argparse.Namespace) -> int:
    from server.audit.service import SYSTEM
    from server.errors import Problem
    from server.sites.service import create_enrolment_token

    database = _database(_settings(args))
    with database.sessionmaker() as db:
        try:
            token = create_enrolment_token(db=db, by=SYSTEM, site_code=args.site, kind=args.kind,
                                           valid_hours=args.hours)
        except Problem as exc:
            print(f"{exc.es} / {exc.en}", file=sys.stderr)
            return 1
        db.commit()
    print(token)
    print(f"Úselo una vez en las próximas {args.hours} h: kiosk --enrol {token}\n"
          f"Use it once within {args.hours} h: kiosk --enrol {token}", file=sys.stderr)
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from server.audit.service import verify

    database = _database(_settings(args))
    with database.sessionmaker() as db:
        result = verify(db=db)
    if result.ok:
        print(f"Registro de auditoría íntegro / audit log intact: {result.entries} entries")
        return 0
    print(f"Registro de auditoría ALTERADO / audit log TAMPERED ({result.entries} entries):")
    for problem in result.problems:
        print(f"  - {problem}")
    return 1


def cmd_assess(args: argparse.Namespace) -> int:
    from server.accounts.service import assess_year
    from server.audit.service import SYSTEM
    from server.errors import Problem

    database = _database(_settings(args))
    with database.sessionmaker() as db:
        try:
            created = assess_year(db=db, by=SYSTEM, year=args.year)
        except Problem as exc:
            print(f"{exc.es} / {exc.en}", file=sys.stderr)
            return 1
        db.commit()
    print(f"Emisión {args.year}: {created} cuotas nuevas / new instalments")
    return 0


def cmd_import_settlement(args: argparse.Namespace) -> int:
    from server.payments.codes import import_settlement

    text = Path(args.file).read_text(encoding="utf-8")
    database = _database(_settings(args))
    with database.sessionmaker() as db:
        report = import_settlement(db=db, bank=args.bank, text=text)
    print(f"Aplicados / applied: {len(report['applied'])}  "
          f"ya conocidos / already known: {len(report['duplicate'])}  "
          f"rechazados / refused: {len(report['refused'])}")
    for line in report["refused"]:
        print(f"  - {line}")
    return 1 if report["refused"] else 0


def cmd_election_verify(args: argparse.Namespace) -> int:
    """Re-check an election from its published record alone (no database, no server)."""
    import json

    from election_crypto.verify import verify

    try:
        record = json.loads(Path(args.record).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"No se puede leer el registro / cannot read the record: {exc}")
        return 2
    problems = verify(record)
    if problems:
        print(f"REGISTRO INVÁLIDO / INVALID RECORD: {len(problems)} problema(s)")
        for es, en in problems[:50]:
            print(f"  - {es} / {en}")
        return 1
    board = record.get("board", [])
    cast = sum(1 for e in board if e.get("kind") == "cast")
    print(f"Registro válido / valid record: {record['manifest']['name']}\n"
          f"  tablero / board: {len(board)} entradas ({cast} emitidos, "
          f"{len(board) - cast} de verificación), cabecera firmada / signed head OK")
    for zone in record.get("tally") or []:
        print(f"  zona {zone['zone']}: {zone['ballots']} votos, conteos {zone['counts']}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from server.identity.roles import Role

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--demo", action="store_true",
                        help="demo mode: SQLite in var/demo, demo data, demo enrolment token")
    parser = argparse.ArgumentParser(prog="kiosk-server", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the API server", parents=[common])
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8765)
    run.set_defaults(func=cmd_run)
    db = sub.add_parser("db", help="database")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_sub.add_parser("upgrade", help="apply migrations", parents=[common])
    upgrade.set_defaults(func=cmd_db_upgrade)
    seed = sub.add_parser("seed-demo", help="create demo data (idempotent) and print it",
                          parents=[common])
    seed.set_defaults(func=cmd_seed_demo)
    staff = sub.add_parser("create-staff", help="create a staff account", parents=[common])
    staff.add_argument("--username", required=True)
    staff.add_argument("--full-name", required=True)
    staff.add_argument("--role", required=True, choices=[r.value for r in Role])
    staff.add_argument("--password", help="(prompted for when absent)")
    staff.set_defaults(func=cmd_create_staff)
    enrol = sub.add_parser("enroll-device", help="print a one-time enrolment token",
                           parents=[common])
    enrol.add_argument("--site", required=True, help="site code, e.g. PM")
    enrol.add_argument("--kind", required=True, choices=["kiosk", "terminal"])
    enrol.add_argument("--hours", type=int, default=72)
    enrol.set_defaults(func=cmd_enroll_device)
    audit = sub.add_parser("audit", help="audit log")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_sub.add_parser("verify", help="check the hash chain", parents=[common])
    verify.set_defaults(func=cmd_audit_verify)
    accounts = sub.add_parser("accounts", help="tax account")
    accounts_sub = accounts.add_subparsers(dest="accounts_command", required=True)
    assess = accounts_sub.add_parser("assess", parents=[common],
                                     help="emisión: create a year's predial and arbitrios")
    assess.add_argument("--year", type=int, required=True)
    assess.set_defaults(func=cmd_assess)
    payments = sub.add_parser("payments", help="payments")
    payments_sub = payments.add_subparsers(dest="payments_command", required=True)
    settle = payments_sub.add_parser("import-settlement", parents=[common],
                                     help="reconcile a bank's settlement file (CSV: "
                                          "operation,code,amount,paid_at)")
    settle.add_argument("--bank", required=True)
    settle.add_argument("file")
    settle.set_defaults(func=cmd_import_settlement)
    election = sub.add_parser("election", help="neighbourhood elections")
    election_sub = election.add_subparsers(dest="election_command", required=True)
    everify = election_sub.add_parser("verify", help="check a published election record")
    everify.add_argument("record", help="RECORD.json (GET /api/v1/elections/ID/record)")
    everify.set_defaults(func=cmd_election_verify)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
