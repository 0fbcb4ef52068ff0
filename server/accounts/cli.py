"""`kiosk-server accounts assess`."""

import argparse

from server.clitools import database_for, told


def assess(args: argparse.Namespace) -> int:
    from server.accounts.assess import assess_year
    from server.audit.service import SYSTEM
    from server.errors import Problem

    database = database_for(args)
    with database.sessionmaker() as db:
        try:
            created = assess_year(db=db, by=SYSTEM, year=args.year)
        except Problem as exc:
            return told(exc)
        db.commit()
    print(f"Emisión {args.year}: {created} cuotas nuevas / new instalments")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    accounts = sub.add_parser("accounts", help="tax account")
    accounts_sub = accounts.add_subparsers(dest="accounts_command", required=True)
    year = accounts_sub.add_parser("assess", parents=[common],
                                   help="emisión: create a year's predial and arbitrios")
    year.add_argument("--year", type=int, required=True)
    year.set_defaults(func=assess)
