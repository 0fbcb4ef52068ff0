"""`kiosk-server enroll-device`."""

import argparse
import sys

from server.clitools import database_for, told


def enroll_device(args: argparse.Namespace) -> int:
    from server.audit.service import SYSTEM
    from server.errors import Problem
    from server.sites.devices import create_enrolment_token

    database = database_for(args)
    with database.sessionmaker() as db:
        try:
            token = create_enrolment_token(db=db, by=SYSTEM, site_code=args.site, kind=args.kind,
                                           valid_hours=args.hours)
        except Problem as exc:
            return told(exc)
        db.commit()
    print(token)
    print(f"Úselo una vez en las próximas {args.hours} h: kiosk --enrol {token}\n"
          f"Use it once within {args.hours} h: kiosk --enrol {token}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    enrol = sub.add_parser("enroll-device", help="print a one-time enrolment token",
                           parents=[common])
    enrol.add_argument("--site", required=True, help="site code, e.g. PM")
    enrol.add_argument("--kind", required=True, choices=["kiosk", "terminal"])
    enrol.add_argument("--hours", type=int, default=72)
    enrol.set_defaults(func=enroll_device)
