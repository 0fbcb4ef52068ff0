"""`kiosk-server enroll-device`, `revoke-device` and `publish-crl`."""

import argparse
import sys

from server.clitools import database_for, settings_for, told


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


def revoke_device(args: argparse.Namespace) -> int:
    """Retire a device: credential off, certificates on the CRL, the CRL file written and the
    proxy reloaded (KIOSK_SERVER_CRL_RELOAD_COMMAND, e.g. "systemctl reload nginx")."""
    from server.audit.service import Actor
    from server.errors import Problem
    from server.sites.certificates import revoke_device as revoke

    settings = settings_for(args)
    database = database_for(args)
    with database.sessionmaker() as db:
        try:
            count = revoke(db=db, settings=settings, by=Actor(f"cli:{args.by}"),
                           device_id=args.device, reason=args.reason)
        except Problem as exc:
            return told(exc)
    print(f"Equipo {args.device} retirado; {count} certificado(s) en la CRL "
          f"{settings.device_ca_dir / 'crl.pem'}\n"
          f"Device {args.device} retired; {count} certificate(s) on the CRL")
    if not settings.crl_reload_command:
        print("Recargue nginx para que lea la CRL (nginx -s reload) / "
              "reload nginx so it reads the CRL (nginx -s reload)", file=sys.stderr)
    return 0


def publish_crl(args: argparse.Namespace) -> int:
    """Make the device CA if needed and write a fresh CRL (run daily: a CRL past its next
    update makes nginx refuse every device)."""
    from server.sites.certificates import publish_crl as publish

    settings = settings_for(args)
    database = database_for(args)
    with database.sessionmaker() as db:
        publish(db=db, settings=settings)
    ca = settings.device_ca_dir
    print(f"CA: {ca / 'ca.pem'}\nCRL: {ca / 'crl.pem'}")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    enrol = sub.add_parser("enroll-device", help="print a one-time enrolment token",
                           parents=[common])
    enrol.add_argument("--site", required=True, help="site code, e.g. PM")
    enrol.add_argument("--kind", required=True, choices=["kiosk", "terminal"])
    enrol.add_argument("--hours", type=int, default=72)
    enrol.set_defaults(func=enroll_device)
    revoke = sub.add_parser("revoke-device", parents=[common],
                            help="retire a device: credential off, certificates on the CRL")
    revoke.add_argument("--device", type=int, required=True, help="device id")
    revoke.add_argument("--reason", required=True, help="e.g. 'robado' / 'stolen'")
    revoke.add_argument("--by", default="admin", help="who retires it (for the audit log)")
    revoke.set_defaults(func=revoke_device)
    crl = sub.add_parser("publish-crl", parents=[common],
                         help="write the device CA's CRL for nginx (and make the CA if needed)")
    crl.set_defaults(func=publish_crl)
