"""`kiosk-server wifi radius-token NAME`, `freeradius-config --out DIR --token T`,
`retention`."""

import argparse
from pathlib import Path

from server.clitools import database_for, settings_for, told
from server.errors import Problem


def radius_token(args: argparse.Namespace) -> int:
    from server.audit.service import SYSTEM
    from server.wifi import hotspots

    database = database_for(args)
    try:
        with database.sessionmaker() as db:
            token = hotspots.new_radius_server(db=db, by=SYSTEM, name=args.name)
            db.commit()
    finally:
        database.dispose()
    print(f"Token de {args.name} (se muestra una vez / shown once): {token}")
    return 0


def freeradius_config(args: argparse.Namespace) -> int:
    from server.wifi import radiusconf

    database = database_for(args)
    try:
        with database.sessionmaker() as db:
            clients = radiusconf.clients_of(db)
    finally:
        database.dispose()
    url = args.server_url or settings_for(args).public_base_url
    try:
        out = radiusconf.generate(Path(args.out), server_url=url, token=args.token,
                                  clients=clients, auth_port=args.auth_port,
                                  acct_port=args.acct_port, listen=args.listen,
                                  ca_file=args.ca_file)
    except ValueError as exc:
        print(f"No / refused: {exc}")
        return 2
    print(f"{out}: {len(clients)} cliente(s) RADIUS / RADIUS client(s); "
          f"freeradius -d {out}")
    return 0


def retention(args: argparse.Namespace) -> int:
    from server.audit.service import SYSTEM
    from server.wifi import hotspots

    database = database_for(args)
    try:
        with database.sessionmaker() as db:
            n = hotspots.retain(db=db, by=SYSTEM)
            db.commit()
    except Problem as exc:
        return told(exc)
    finally:
        database.dispose()
    print(f"{n} sesión(es) sin MAC ni IP / session(s) without MAC or IP")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    wifi = sub.add_parser("wifi", help="public Wi-Fi (Ciudad inalámbrica)")
    cmds = wifi.add_subparsers(dest="wifi_command", required=True)
    token = cmds.add_parser("radius-token", parents=[common],
                            help="a (new) bearer token for a FreeRADIUS server")
    token.add_argument("name")
    token.set_defaults(func=radius_token)
    conf = cmds.add_parser("freeradius-config", parents=[common],
                           help="write FreeRADIUS's configuration directory")
    conf.add_argument("--out", required=True)
    conf.add_argument("--token", required=True, help="from `wifi radius-token`")
    conf.add_argument("--server-url", help="default: the public base URL (loopback or https)")
    conf.add_argument("--auth-port", type=int, default=1812)
    conf.add_argument("--acct-port", type=int, default=1813)
    conf.add_argument("--listen", default="*")
    conf.add_argument("--ca-file", help="CA bundle to check the server's TLS certificate")
    conf.set_defaults(func=freeradius_config)
    keep = cmds.add_parser("retention", parents=[common],
                           help="erase MAC hashes and IPs older than the retention period")
    keep.set_defaults(func=retention)
