"""`kiosk-server audit verify`."""

import argparse

from server.clitools import database_for


def verify(args: argparse.Namespace) -> int:
    from server.audit.chain import verify

    database = database_for(args)
    with database.sessionmaker() as db:
        result = verify(db=db)
    if result.ok:
        print(f"Registro de auditoría íntegro / audit log intact: {result.entries} entries")
        return 0
    print(f"Registro de auditoría ALTERADO / audit log TAMPERED ({result.entries} entries):")
    for problem in result.problems:
        print(f"  - {problem}")
    return 1


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    audit = sub.add_parser("audit", help="audit log")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    check = audit_sub.add_parser("verify", help="check the hash chain", parents=[common])
    check.set_defaults(func=verify)
