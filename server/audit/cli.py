"""`kiosk-server audit verify [--checkpoints FILE]` and `kiosk-server audit checkpoint`."""

import argparse
import base64
from pathlib import Path

from server.clitools import database_for, settings_for


def verify(args: argparse.Namespace) -> int:
    from nacl.signing import VerifyKey

    from server.audit import service as audit

    settings = settings_for(args)
    database = database_for(args)
    with database.sessionmaker() as db:
        result = audit.verify(db=db)
        problems = list(result.problems)
        if args.checkpoints is not None:
            checkpoints = audit.read_checkpoints(args.checkpoints)
            key = (VerifyKey(base64.b64decode(args.public_key)) if args.public_key
                   else audit.checkpoint_key(settings.data_dir))
            if not checkpoints:
                problems.append(f"no checkpoints in {args.checkpoints}")
            problems += audit.check_checkpoints(db=db, checkpoints=checkpoints, key=key)
    if not problems:
        extra = f", {len(checkpoints)} checkpoints extended" if args.checkpoints else ""
        print(f"Registro de auditoría íntegro / audit log intact: {result.entries} entries"
              f"{extra}")
        return 0
    print(f"Registro de auditoría ALTERADO / audit log TAMPERED ({result.entries} entries):")
    for problem in problems:
        print(f"  - {problem}")
    return 1


def checkpoint(args: argparse.Namespace) -> int:
    from server.audit import service as audit

    settings = settings_for(args)
    database = database_for(args)
    with database.sessionmaker() as db:
        taken = audit.take_checkpoint(db=db, data_dir=settings.data_dir,
                                      file=settings.checkpoint_path)
        db.commit()
    print(f"Control de auditoría / audit checkpoint: seq {taken.seq} {taken.hash} "
          f"-> {settings.checkpoint_path}")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    audit = sub.add_parser("audit", help="audit log")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    check = audit_sub.add_parser("verify", help="check the hash chain", parents=[common])
    check.add_argument("--checkpoints", type=Path, default=None,
                       help="file of signed checkpoints the history must extend")
    check.add_argument("--public-key", default=None,
                       help="the server's checkpoint key (base64); default: its key file")
    check.set_defaults(func=verify)
    take = audit_sub.add_parser("checkpoint", help="sign the head now", parents=[common])
    take.set_defaults(func=checkpoint)
