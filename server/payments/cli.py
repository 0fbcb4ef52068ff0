"""`kiosk-server payments import-settlement`."""

import argparse
from pathlib import Path

from server.clitools import database_for


def import_settlement(args: argparse.Namespace) -> int:
    from server.payments.codes import import_settlement

    text = Path(args.file).read_text(encoding="utf-8")
    database = database_for(args)
    with database.sessionmaker() as db:
        report = import_settlement(db=db, bank=args.bank, text=text)
    print(f"Aplicados / applied: {len(report['applied'])}  "
          f"ya conocidos / already known: {len(report['duplicate'])}  "
          f"rechazados / refused: {len(report['refused'])}")
    for line in report["refused"]:
        print(f"  - {line}")
    return 1 if report["refused"] else 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    payments = sub.add_parser("payments", help="payments")
    payments_sub = payments.add_subparsers(dest="payments_command", required=True)
    settle = payments_sub.add_parser("import-settlement", parents=[common],
                                     help="reconcile a bank's settlement file (CSV: "
                                          "operation,code,amount,paid_at)")
    settle.add_argument("--bank", required=True)
    settle.add_argument("file")
    settle.set_defaults(func=import_settlement)
