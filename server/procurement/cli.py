"""`kiosk-server procurement export-ocds [--ocid OCID] [--records] --out FILE`: the open
contracting data as served at /api/v1/ocds, to hand to a portal (OECE, the OCP registry)."""

import argparse
import json
from pathlib import Path

from server.clitools import database_for, settings_for, told
from server.errors import Problem


def export_ocds(args: argparse.Namespace) -> int:
    from server.procurement import ocds

    base = settings_for(args).public_base_url.rstrip("/")
    database = database_for(args)
    try:
        with database.sessionmaker() as db:
            bodies = ocds.releases(db, args.ocid)
        if not bodies:
            raise Problem(404, "ocid_not_found", "No hay datos de contratación que exportar.",
                          "There is no contracting data to export.")
        if args.records:
            if not args.ocid:
                raise Problem(422, "ocid_needed", "Indique --ocid para exportar un registro.",
                              "Give --ocid to export a record.")
            package = ocds.record_package(bodies, uri=f"{base}/api/v1/ocds/records/{args.ocid}")
        else:
            path = f"releases/{args.ocid}" if args.ocid else "releases"
            package = ocds.release_package(bodies, uri=f"{base}/api/v1/ocds/{path}")
    except Problem as exc:
        return told(exc)
    finally:
        database.dispose()
    Path(args.out).write_text(json.dumps(package, ensure_ascii=False, indent=1),
                              encoding="utf-8")
    print(f"{len(bodies)} releases -> {args.out}")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    procurement = sub.add_parser("procurement", help="requests for quotation (cotizaciones)")
    cmds = procurement.add_subparsers(dest="procurement_command", required=True)
    export = cmds.add_parser("export-ocds", parents=[common],
                             help="write the OCDS release package (or a record package)")
    export.add_argument("--ocid", help="one contracting process (default: all)")
    export.add_argument("--records", action="store_true", help="a record package (ocdskit)")
    export.add_argument("--out", required=True)
    export.set_defaults(func=export_ocds)
