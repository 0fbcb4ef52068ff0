"""`kiosk-server registry verify-pdf FILE`, `export-reniec`, `batch NUMBER`."""

import argparse
import sys
from pathlib import Path

from server.clitools import database_for, settings_for, told
from server.errors import Problem


def verify_pdf(args: argparse.Namespace) -> int:
    """Exit 0 when every signature is intact and chains to the configured trust anchors."""
    from server.registry import signing

    anchors = Path(args.anchors) if args.anchors else \
        signing.paths(settings_for(args).data_dir).anchors
    check = signing.verify(Path(args.file).read_bytes(), anchors)
    mark = "VÁLIDO / VALID" if check.valid else "NO VÁLIDO / NOT VALID"
    print(f"{mark}: {check.reason_es} / {check.reason_en}")
    if check.signer:
        print(f"Firmante / signer: {check.signer}")
    if check.signed_at:
        print(f"Firmado / signed: {check.signed_at.isoformat(timespec='seconds')}")
    print(f"Anclas de confianza / trust anchors: {anchors}")
    return 0 if check.valid else 1


def export_reniec(args: argparse.Namespace) -> int:
    from server.audit.service import SYSTEM
    from server.registry import reniec

    database = database_for(args)
    try:
        with database.sessionmaker() as db:
            batch = reniec.export(db=db, by=SYSTEM)
            db.commit()
            path = Path(args.out) / batch.filename
            path.write_bytes(batch.content)
    except Problem as exc:
        return told(exc)
    finally:
        database.dispose()
    print(f"{batch.number}: {batch.count} actas -> {path} (SHA-256 {batch.sha256})")
    return 0


def batch_file(args: argparse.Namespace) -> int:
    from server.registry import reniec

    database = database_for(args)
    try:
        with database.sessionmaker() as db:
            batch = reniec.get_batch(db=db, number=args.number)
            Path(args.out).write_bytes(batch.content)
    except Problem as exc:
        return told(exc)
    finally:
        database.dispose()
    ok = reniec.check_file(batch.content)
    print(f"{batch.number}: {batch.count} actas, SHA-256 {batch.sha256}, "
          f"{'checksum OK' if ok else 'CHECKSUM WRONG'} -> {args.out}", file=sys.stdout)
    return 0 if ok else 1


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    registry = sub.add_parser("registry", help="civil registry (registro civil)")
    cmds = registry.add_subparsers(dest="registry_command", required=True)
    check = cmds.add_parser("verify-pdf", parents=[common],
                            help="validate a certified copy's PAdES signature against the "
                                 "configured trust anchors only")
    check.add_argument("file")
    check.add_argument("--anchors", help="PEM bundle of trust anchors (default: configured)")
    check.set_defaults(func=verify_pdf)
    export = cmds.add_parser("export-reniec", parents=[common],
                             help="put every acta not yet sent into a RENIEC batch file")
    export.add_argument("--out", default=".", help="folder for the batch file")
    export.set_defaults(func=export_reniec)
    fetch = cmds.add_parser("batch", parents=[common], help="write a RENIEC batch file again")
    fetch.add_argument("number")
    fetch.add_argument("--out", required=True)
    fetch.set_defaults(func=batch_file)
