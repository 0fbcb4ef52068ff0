"""`kiosk-server marriages rules` (the rules in force and the first possible date),
`kiosk-server marriages calendar --out FILE` (the ceremonies as an iCalendar file) and
`kiosk-server marriages stream PLACE URL` (a place's live transmission, audited)."""

import argparse
from pathlib import Path

from server.clitools import database_for, settings_for, told
from server.errors import Problem


def show_rules(args: argparse.Namespace) -> int:
    from server.marriages import rules as r
    from server.timeutil import today

    database = database_for(args)
    try:
        with database.sessionmaker() as db:
            row = r.in_force(db, today())
            print(f"Reglas desde / rules from {row.valid_from} ({row.legal_basis})")
            print(f"  edad mínima / minimum age: {row.min_age}")
            print(f"  expediente completo / file complete: {row.file_working_days} días hábiles "
                  f"antes / working days before")
            print(f"  edicto: {row.edicto_days} días / days; capacidad / capacity: "
                  f"{row.capacity_months} meses / months")
            print(f"  certificado médico / medical certificate: {row.medical_days} días / days;"
                  f" regla de / rule of {row.dissolution_days} días / days")
            print(f"  primera fecha posible hoy / first possible date today: "
                  f"{r.earliest_day(row, today())}")
    except Problem as exc:
        return told(exc)
    finally:
        database.dispose()
    return 0


def calendar(args: argparse.Namespace) -> int:
    from datetime import date

    from server.marriages import views
    from server.timeutil import today

    database = database_for(args)
    try:
        with database.sessionmaker() as db:
            start = date.fromisoformat(args.start) if args.start else today()
            body = views.calendar_ics(db, start=start, days=args.days,
                                      base_url=settings_for(args).public_base_url)
    finally:
        database.dispose()
    Path(args.out).write_bytes(body)
    print(f"{args.out}: {body.count(b'BEGIN:VEVENT')} ceremonias / ceremonies")
    return 0


def stream(args: argparse.Namespace) -> int:
    from server.audit.service import SYSTEM
    from server.marriages import slots

    database = database_for(args)
    try:
        with database.sessionmaker() as db:
            place = slots.set_stream(db=db, by=SYSTEM, code=args.place,
                                     url=None if args.clear else args.url)
            db.commit()
            shown = place.stream_url or "(sin transmisión / no stream)"
            print(f"{place.code} {place.name}: {shown}")
    except Problem as exc:
        return told(exc)
    finally:
        database.dispose()
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    marriages = sub.add_parser("marriages", help="civil marriages (matrimonios civiles)")
    cmds = marriages.add_subparsers(dest="marriages_command", required=True)
    rules = cmds.add_parser("rules", parents=[common], help="the rules in force")
    rules.set_defaults(func=show_rules)
    cal = cmds.add_parser("calendar", parents=[common],
                          help="write the ceremonies as an iCalendar file (America/Lima)")
    cal.add_argument("--out", required=True)
    cal.add_argument("--start", help="first day, YYYY-MM-DD (default: today)")
    cal.add_argument("--days", type=int, default=92)
    cal.set_defaults(func=calendar)
    live = cmds.add_parser("stream", parents=[common],
                           help="set a place's live stream URL (HLS or any player link)")
    live.add_argument("place", help="place code, e.g. SALON")
    live.add_argument("url", nargs="?", default="")
    live.add_argument("--clear", action="store_true", help="no stream for this place")
    live.set_defaults(func=stream)
