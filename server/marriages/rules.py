"""The rules of a civil marriage (Peru), each a function of the dated rules row in force:
ages (Ley 31945: 18, no exceptions), the file complete 15 working days before (Peru's
holidays), the edicto posted 8 days, the declaration of capacity holding 4 months, the
medical certificate at most 30 days old, the 300-day rule and the TUPA fee of a slot."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.errors import Problem
from server.kernel import working_days as calendar
from server.marriages.models import Rules
from server.money import q2
from server.timeutil import LIMA, lima


def in_force(db: Session, on: date) -> Rules:
    row = db.execute(select(Rules).where(Rules.valid_from <= on)
                     .order_by(Rules.valid_from.desc()).limit(1)).scalar()
    if row is None:
        raise Problem(503, "marriage_rules_missing",
                      "No hay reglas de matrimonio civil vigentes para esa fecha: avise al "
                      "registro civil.",
                      "There are no civil-marriage rules in force for that date: tell the "
                      "civil registry.")
    return row


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def of_age(rules: Rules, birth: date, day: date) -> bool:
    return age_on(birth, day) >= rules.min_age


def file_deadline(rules: Rules, ceremony_day: date) -> date:
    """The last day the file may be complete: `file_working_days` working days before."""
    return calendar.working_days_before(ceremony_day, rules.file_working_days)


def earliest_day(rules: Rules, today: date) -> date:
    """The first ceremony day a file started today can still make."""
    day = today + timedelta(days=1)
    while file_deadline(rules, day) < today:
        day += timedelta(days=1)
    return day


def edicto_until(rules: Rules, published_on: date) -> date:
    """The edicto's last day posted (and the last day to file an objection)."""
    return published_on + timedelta(days=rules.edicto_days - 1)


def capacity_until(rules: Rules, declared_on: date) -> date:
    return calendar.add_months(declared_on, rules.capacity_months)


def medical_fresh(rules: Rules, issued_on: date, on: date) -> bool:
    return timedelta(0) <= on - issued_on <= timedelta(days=rules.medical_days)


def pregnancy_certificate_needed(rules: Rules, *, sex: str | None, civil_status: str,
                                 dissolved_on: date | None, ceremony_day: date) -> bool:
    """A woman whose earlier marriage ended less than 300 days before the ceremony files a
    negative pregnancy certificate (Código Civil art. 243.3)."""
    return (sex == "F" and civil_status in ("divorciado", "viudo") and dissolved_on is not None
            and (ceremony_day - dissolved_on).days < rules.dissolution_days)


def _hhmm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def within_office_hours(rules: Rules, starts_at: datetime, ends_at: datetime) -> bool:
    start, end = lima(starts_at), lima(ends_at)
    return (calendar.is_working_day(start.date()) and start.date() == end.date()
            and _hhmm(rules.office_opens) <= start.time()
            and end.time() <= _hhmm(rules.office_closes))


@dataclass(frozen=True)
class Fee:
    kind: str  # hall | hall_after_hours | elsewhere
    uit_share: Decimal
    amount: Decimal


def fee(rules: Rules, *, uit: Decimal, hall: bool, starts_at: datetime,
        ends_at: datetime) -> Fee:
    if not hall:
        kind, share = "elsewhere", rules.fee_elsewhere_uit
    elif within_office_hours(rules, starts_at, ends_at):
        kind, share = "hall", rules.fee_hall_uit
    else:
        kind, share = "hall_after_hours", rules.fee_hall_after_hours_uit
    return Fee(kind=kind, uit_share=share, amount=q2(uit * share))


def slot_times(rules: Rules, day: date, at: str) -> tuple[datetime, datetime]:
    """A slot's start and end (aware, Lima) on `day` at "HH:MM"."""
    start = datetime.combine(day, _hhmm(at), tzinfo=LIMA)
    return start, start + timedelta(minutes=rules.duration_minutes)


def block(rules: Rules, starts_at: datetime, ends_at: datetime) -> tuple[datetime, datetime]:
    """The time a ceremony keeps its place: the slot and then the buffer (to clear the
    room), so two ceremonies of a place are always at least the buffer apart."""
    return starts_at, ends_at + timedelta(minutes=rules.buffer_minutes)
