"""`kiosk-server create-staff`."""

import argparse
import getpass
import sys

from server.clitools import database_for, told
from server.identity.roles import Role


def create_staff(args: argparse.Namespace) -> int:
    from server.audit.service import SYSTEM
    from server.errors import Problem
    from server.identity.staff import create_staff

    password = args.password or getpass.getpass("Contraseña / password: ")
    if len(password) < 10:
        print("La contraseña debe tener al menos 10 caracteres / at least 10 characters.",
              file=sys.stderr)
        return 2
    database = database_for(args)
    with database.sessionmaker() as db:
        try:
            create_staff(db=db, by=SYSTEM, username=args.username, full_name=args.full_name,
                         role=Role(args.role), password=password)
        except Problem as exc:
            return told(exc)
        db.commit()
    print(f"Usuario creado / user created: {args.username} ({args.role})")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    staff = sub.add_parser("create-staff", help="create a staff account", parents=[common])
    staff.add_argument("--username", required=True)
    staff.add_argument("--full-name", required=True)
    staff.add_argument("--role", required=True, choices=[r.value for r in Role])
    staff.add_argument("--password", help="(prompted for when absent)")
    staff.set_defaults(func=create_staff)
