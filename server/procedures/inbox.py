"""Bandejas (each office's inbox) and the programme's figures for the dashboard."""

import statistics
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.kernel.text import Text
from server.offices import service as offices
from server.procedures import calendar
from server.procedures.models import Expediente, Procedure
from server.procedures.schemas import Bucket, DashboardOut, InboxItem, InboxOut
from server.procedures.workflow import OPEN
from server.timeutil import lima, today

SOON_DAYS = 3  # "due soon": the deadline is within this many working days
PAGE = 50


def _item(exp: Expediente, proc: Procedure, on: date) -> InboxItem:
    left = None if exp.due_on is None or exp.state == "observado" else (
        calendar.working_days_between(on, exp.due_on) if exp.due_on >= on
        else -calendar.working_days_between(exp.due_on, on))
    return InboxItem(number=exp.number, procedure_name=Text(es=proc.name_es, en=proc.name_en),
                     filer_name=exp.filer_name, state=exp.state, received_on=exp.received_on,
                     due_on=exp.due_on, correct_by=exp.correct_by, days_left=left)


def inbox(*, db: Session, office: offices.OfficeRef, on: date | None = None) -> InboxOut:
    """The office's open files in five trays, each counted in full and listed by urgency."""
    on = on or today()
    soon = calendar.add_working_days(on, SOON_DAYS)
    base = (select(Expediente, Procedure).join(Procedure, Procedure.id == Expediente.procedure_id)
            .where(Expediente.office_id == office.id))
    trays = {
        "new": base.where(Expediente.state.in_(("registrado", "derivado")),
                          Expediente.due_on >= on),
        "overdue": base.where(Expediente.state.in_(OPEN), Expediente.due_on < on),
        "due_soon": base.where(Expediente.state.in_(("en_revision", "en_proceso", "subsanado")),
                               Expediente.due_on >= on, Expediente.due_on <= soon),
        "observed": base.where(Expediente.state == "observado"),
        "in_progress": base.where(Expediente.state.in_(("en_revision", "en_proceso",
                                                        "subsanado")),
                                  Expediente.due_on > soon),
    }
    out = {}
    for name, query in trays.items():
        count = db.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        order = Expediente.correct_by if name == "observed" else Expediente.due_on
        rows = db.execute(query.order_by(order, Expediente.id).limit(PAGE)).all()
        out[name] = Bucket(count=count, items=[_item(e, p, on) for e, p in rows])
    return InboxOut(office=offices.office_out(office), **out)


def dashboard(*, db: Session, on: date | None = None) -> DashboardOut:
    """Files by month and channel, share filed at kiosks, median working days to resolve per
    procedure, and overdue files per office: the figures the programme reports."""
    on = on or today()
    rows = db.execute(select(Expediente.channel, Expediente.filed_at, Expediente.received_on,
                             Expediente.resolved_at, Expediente.state, Expediente.due_on,
                             Procedure.code, Procedure.name_es, Expediente.office_id)
                      .join(Procedure, Procedure.id == Expediente.procedure_id)
                      .where(Expediente.number.is_not(None))).all()
    office_codes = {o.id: o.code for o in offices.list_all(db=db)}
    months: dict[str, Counter] = defaultdict(Counter)
    days: dict[tuple[str, str], list[int]] = defaultdict(list)
    overdue, open_ = Counter(), Counter()
    for channel, filed, received, resolved, state, due, code, name, office_id in rows:
        office = office_codes[office_id]
        months[f"{lima(filed):%Y-%m}"][channel] += 1
        if resolved is not None:
            days[(code, name)].append(calendar.working_days_between(received,
                                                                    lima(resolved).date()))
        if state in (*OPEN, "observado"):
            open_[office] += 1
            overdue[office] += state in OPEN and due < on
    total = len(rows)
    kiosk = sum(c["kiosk"] for c in months.values())
    return DashboardOut(
        by_month=[{"month": m, "kiosk": c["kiosk"], "front_desk": c["front_desk"]}
                  for m, c in sorted(months.items())],
        kiosk_share=(Decimal(kiosk * 100) / total).quantize(Decimal("0.1")) if total else
        Decimal("0.0"),
        median_days=[{"procedure": code, "name": name, "median": statistics.median(v),
                      "files": len(v)} for (code, name), v in sorted(days.items())],
        overdue_by_office=[{"office": o, "overdue": overdue[o], "open": open_[o]}
                           for o in sorted(open_)])
