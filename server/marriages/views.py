"""What a booking, the edictos in force and the day's ceremonies look like on the wire, and
the calendar of ceremonies as iCalendar (America/Lima)."""

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.documents import service as documents
from server.marriages import files, texts
from server.marriages import rules as r
from server.marriages.models import Booking, Objection, Person, Place
from server.marriages.schemas import (
    BookingOut,
    CeremonyOut,
    DocumentItemOut,
    EdictoOut,
    MarriagePersonOut,
    ObjectionOut,
    PlaceOut,
)
from server.timeutil import LIMA, lima, today


def place_out(place: Place) -> PlaceOut:
    return PlaceOut(code=place.code, name=place.name, hall=place.hall, address=place.address,
                    stream_url=place.stream_url)


def booking_out(db: Session, booking: Booking, *, base_url: str | None = None) -> BookingOut:
    persons = files.persons_of(db, booking.id)
    names = {p.id: f"{p.given_names} {p.surnames}" for p in persons}
    docs = files.documents_of(db, booking.id)
    objections = db.execute(select(Objection).where(Objection.booking_id == booking.id)
                            .order_by(Objection.seq)).scalars()
    rules = r.in_force(db, today())
    document = (documents.document_out(db=db, code=booking.document_code, base_url=base_url)
                if base_url and booking.document_code else None)
    return BookingOut(
        code=booking.code, place=place_out(db.get(Place, booking.place_id)),
        starts_at=booking.starts_at, ends_at=booking.ends_at, state=booking.state,
        state_text=texts.STATE[booking.state], fee=booking.fee, receipt=booking.receipt,
        persons=[MarriagePersonOut(role=p.role, dni=p.dni, given_names=p.given_names,
                           surnames=p.surnames, birth_date=p.birth_date,
                           civil_status=p.civil_status) for p in persons],
        documents=[DocumentItemOut(id=d.id, kind=d.kind, kind_text=texts.DOCUMENT_KIND[d.kind],
                                   person=names.get(d.person_id), state=d.state,
                                   state_text=texts.DOCUMENT_STATE[d.state], reason=d.reason,
                                   issued_on=d.issued_on) for d in docs],
        missing=files.missing(docs),
        file_deadline=r.file_deadline(rules, lima(booking.starts_at).date()),
        file_complete_on=booking.file_complete_on, edicto_on=booking.edicto_on,
        edicto_until=booking.edicto_until, newspaper=booking.newspaper,
        newspaper_waiver=booking.newspaper_waiver,
        objections=[ObjectionOut(seq=o.seq, filer_name=o.filer_name, grounds=o.grounds,
                                 filed_at=o.filed_at, state=o.state, resolution=o.resolution)
                    for o in objections],
        capacity_on=booking.capacity_on, capacity_until=booking.capacity_until,
        acta_ref=booking.acta_ref, document=document)


def _spouse_names(db: Session, booking_ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {b: [] for b in booking_ids}
    for p in db.execute(select(Person).where(Person.booking_id.in_(booking_ids),
                                             Person.role == "contrayente")
                        .order_by(Person.booking_id, Person.seq)).scalars():
        out[p.booking_id].append(f"{p.given_names} {p.surnames}")
    return out


def edictos(db: Session, on: date | None = None) -> list[EdictoOut]:
    """The edictos posted today: whose marriage, when and where, and the objection deadline."""
    on = on or today()
    rows = db.execute(select(Booking, Place).join(Place, Place.id == Booking.place_id).where(
        Booking.state == "programada", Booking.edicto_on <= on, Booking.edicto_until >= on)
        .order_by(Booking.starts_at)).all()
    names = _spouse_names(db, [b.id for b, _ in rows])
    return [EdictoOut(code=b.code, names=names[b.id], starts_at=b.starts_at, place=p.name,
                      edicto_on=b.edicto_on, objections_until=b.edicto_until) for b, p in rows]


def ceremonies(db: Session, start: datetime, end: datetime) -> list[CeremonyOut]:
    rows = db.execute(select(Booking, Place).join(Place, Place.id == Booking.place_id).where(
        Booking.state != "cancelada", Booking.starts_at >= start, Booking.starts_at < end)
        .order_by(Booking.starts_at, Place.id)).all()
    names = _spouse_names(db, [b.id for b, _ in rows])
    return [CeremonyOut(code=b.code, names=names[b.id], starts_at=b.starts_at,
                        ends_at=b.ends_at, place=p.name, state=b.state,
                        state_text=texts.STATE[b.state], stream_url=p.stream_url)
            for b, p in rows]


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, datetime.min.time(), tzinfo=LIMA)
    return start, start + timedelta(days=1)


def of_the_day(db: Session, day: date | None = None) -> list[CeremonyOut]:
    return ceremonies(db, *day_bounds(day or today()))


def calendar_ics(db: Session, *, start: date, days: int, base_url: str) -> bytes:
    """The ceremonies from `start` on, as an iCalendar feed (times in America/Lima)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Municipalidad de Miraflores//Matrimonios civiles//ES")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Matrimonios civiles - Miraflores")
    cal.add("x-wr-timezone", "America/Lima")
    first = day_bounds(start)[0]
    for c in ceremonies(db, first, first + timedelta(days=days)):
        event = Event()
        event.add("uid", f"{c.code}@miraflores.gob.pe")
        event.add("summary", f"Matrimonio civil: {' y '.join(c.names)}")
        event.add("dtstart", lima(c.starts_at))
        event.add("dtend", lima(c.ends_at))
        event.add("location", c.place)
        event.add("status", "CONFIRMED" if c.state != "cancelada" else "CANCELLED")
        if c.stream_url:
            event.add("url", c.stream_url)
        event.add("description", f"{c.state_text.es} / {c.state_text.en}. {base_url}")
        cal.add_component(event)
    cal.add_missing_timezones()  # the VTIMEZONE of America/Lima (RFC 5545 wants it)
    return cal.to_ical()
