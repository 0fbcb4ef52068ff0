"""`kiosk-server payments import-settlement` and `import-card-settlement`."""

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


def import_card_settlement(args: argparse.Namespace) -> int:
    from server.audit.service import SYSTEM
    from server.payments.cards import import_card_settlement

    text = Path(args.file).read_text(encoding="utf-8")
    database = database_for(args)
    with database.sessionmaker() as db:
        report = import_card_settlement(db=db, by=SYSTEM, acquirer=args.acquirer, text=text)
    print(f"Conciliados / reconciled: {len(report['reconciled'])}  "
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
    cards = payments_sub.add_parser("import-card-settlement", parents=[common],
                                    help="reconcile card payments with the acquirer's "
                                         "settlement (CSV: authorization,amount,settled_at)")
    cards.add_argument("--acquirer", required=True)
    cards.add_argument("file")
    cards.set_defaults(func=import_card_settlement)
