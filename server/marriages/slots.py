"""Places and their free slots: a slot is free when no active booking of its place overlaps
it, buffers included, and a file started today can still be complete in time."""

import bisect
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.accounts import service as accounts
from server.audit import service as audit
from server.errors import Problem
from server.marriages import rules as r
from server.marriages.models import Booking, Place, Rules
from server.timeutil import LIMA, lima, today


@dataclass(frozen=True)
class Slot:
    place: Place
    starts_at: datetime
    ends_at: datetime
    fee: r.Fee


def places(db: Session) -> list[Place]:
    return list(db.execute(select(Place).where(Place.active.is_(True))
                           .order_by(Place.hall.desc(), Place.id)).scalars())


def place_by_code(db: Session, code: str) -> Place:
    place = db.execute(select(Place).where(Place.code == code.strip().upper(),
                                           Place.active.is_(True))).scalar()
    if place is None:
        raise Problem(404, "place_not_found", f"No hay un local de ceremonias «{code}».",
                      f"There is no ceremony place «{code}».")
    return place


def candidate_slots(rules: Rules, place: Place, start: date, end: date
                    ) -> list[tuple[datetime, datetime]]:
    """Every slot of `place` on days in [start, end), free or not."""
    out, day = [], start
    times = place.slot_times.split()
    while day < end:
        if str(day.weekday()) in place.weekdays:
            out += [r.slot_times(rules, day, at) for at in times]
        day += timedelta(days=1)
    return out


def slot_of(rules: Rules, place: Place, starts_at: datetime) -> tuple[datetime, datetime]:
    """The place's slot that starts at `starts_at`, or a 422."""
    local = lima(starts_at)
    at = f"{local:%H:%M}"
    if (str(local.weekday()) not in place.weekdays or at not in place.slot_times.split()
            or local.second or local.microsecond):
        raise Problem(422, "not_a_slot",
                      f"{place.name} no tiene ceremonias el {local:%d/%m/%Y} a las {at}.",
                      f"{place.name} holds no ceremony on {local:%d/%m/%Y} at {at}.")
    return r.slot_times(rules, local.date(), at)


def _busy(db: Session, place_ids: list[int], start: datetime, end: datetime,
          exclude: int | None = None) -> dict[int, tuple[list[datetime], list[datetime]]]:
    """Active bookings' blocks per place overlapping [start, end), sorted by start."""
    query = (select(Booking.place_id, Booking.block_start, Booking.block_end)
             .where(Booking.active.is_(True), Booking.place_id.in_(place_ids),
                    Booking.block_start < end, Booking.block_end > start)
             .order_by(Booking.place_id, Booking.block_start))
    if exclude is not None:
        query = query.where(Booking.id != exclude)
    busy: dict[int, tuple[list[datetime], list[datetime]]] = {p: ([], []) for p in place_ids}
    for place_id, b_start, b_end in db.execute(query):
        busy[place_id][0].append(b_start)
        busy[place_id][1].append(b_end)
    return busy


def _overlaps(blocks: tuple[list[datetime], list[datetime]], start: datetime,
              end: datetime) -> bool:
    starts, ends = blocks
    # Blocks of one place never overlap each other, so their ends are sorted too.
    i = bisect.bisect_right(ends, start)
    return i < len(starts) and starts[i] < end


def overlapping(db: Session, rules: Rules, place: Place, starts_at: datetime,
                ends_at: datetime, exclude: int | None = None) -> bool:
    b_start, b_end = r.block(rules, starts_at, ends_at)
    busy = _busy(db, [place.id], b_start - timedelta(days=1), b_end + timedelta(days=1),
                 exclude)
    return _overlaps(busy[place.id], b_start, b_end)


def free_slots(db: Session, *, start: date, end: date, place: str | None = None,
               on: date | None = None) -> list[Slot]:
    """The free slots of every place (or one) on days in [start, end), from the first day a
    file started today can make."""
    on = on or today()
    rules = r.in_force(db, on)
    uit = accounts.uit(db=db, year=on.year)
    chosen = [place_by_code(db, place)] if place else places(db)
    start = max(start, r.earliest_day(rules, on))
    if start >= end or not chosen:
        return []
    first = datetime.combine(start, datetime.min.time(), tzinfo=LIMA)
    last = datetime.combine(end, datetime.min.time(), tzinfo=LIMA)
    pad = timedelta(minutes=rules.buffer_minutes)
    busy = _busy(db, [p.id for p in chosen], first - pad, last + pad)
    out = []
    for p in chosen:
        for s_start, s_end in candidate_slots(rules, p, start, end):
            b_start, b_end = r.block(rules, s_start, s_end)
            if not _overlaps(busy[p.id], b_start, b_end):
                out.append(Slot(place=p, starts_at=s_start, ends_at=s_end,
                                fee=r.fee(rules, uit=uit, hall=p.hall, starts_at=s_start,
                                          ends_at=s_end)))
    out.sort(key=lambda s: (s.starts_at, s.place.id))
    return out


def set_stream(*, db: Session, by: audit.Actor, code: str, url: str | None) -> Place:
    """Configure (or clear, with None) the live transmission of a place: an http(s) link to
    an HLS playlist or any player page."""
    place = place_by_code(db, code)
    url = (url or "").strip() or None
    if url is not None and (not url.startswith(("https://", "http://")) or len(url) > 300
                            or any(c.isspace() for c in url)):
        raise Problem(422, "stream_url_invalid",
                      "La transmisión es un enlace http(s) sin espacios, de hasta 300 "
                      "caracteres.",
                      "The stream is an http(s) link without spaces, up to 300 characters.")
    before, place.stream_url = place.stream_url, url
    db.flush()
    audit.record(db=db, by=by, action="marriages.stream", target=f"place:{place.code}",
                 details={"before": before, "after": url})
    return place
