"""Booking a ceremony, rescheduling and cancelling it: every rule checked before anything is
written, the slot taken exactly once (PostgreSQL's exclusion constraint; SQLite's writers
serialise and the check runs first), the fee through the platform's fee path, and the
printed booking with its verification code."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.accounts import service as accounts
from server.audit import service as audit
from server.documents import service as documents
from server.errors import Problem
from server.identity import service as identity
from server.kernel.text import Text
from server.marriages import files, slots, texts
from server.marriages import rules as r
from server.marriages.models import Booking, Person, Place, Rules
from server.marriages.schemas import BookingIn, PartyIn, RescheduleIn
from server.payments import service as payments
from server.sites import service as sites
from server.timeutil import lima, today, utcnow

FEE_KIND = "marriage"  # for payments: (FEE_KIND, the booking's code)
ACTIVE = ("programada", "en_curso")


@dataclass(frozen=True)
class Who:
    """Who acts: the actor for the audit log, the device, the staff member (or None)."""

    by: audit.Actor
    device: sites.DeviceRef
    staff: identity.StaffRef | None


@dataclass(frozen=True)
class Party:
    dni: str
    given_names: str
    surnames: str
    birth_date: date
    resident_id: int | None


def _party(db: Session, body: PartyIn, what: Text) -> Party:
    known = identity.get_resident_by_dni(db=db, dni=body.dni)
    if known is not None:
        return Party(known.dni, known.given_names, known.surnames, known.birth_date, known.id)
    if not (body.given_names and body.given_names.strip() and body.surnames
            and body.surnames.strip() and body.birth_date):
        raise Problem(422, "party_data_missing",
                      f"{what.es} (DNI {body.dni}) no es vecino del distrito: escriba sus "
                      "nombres, apellidos y fecha de nacimiento.",
                      f"{what.en} (DNI {body.dni}) is not a resident of the district: give "
                      "their names, surnames and date of birth.")
    return Party(body.dni, body.given_names.strip(), body.surnames.strip(), body.birth_date,
                 None)


def _of_age(rules: Rules, party: Party, day: date, what: Text) -> None:
    if not r.of_age(rules, party.birth_date, day):
        raise Problem(422, "under_age",
                      f"{what.es} ({party.given_names} {party.surnames}) no tendrá "
                      f"{rules.min_age} años el día de la ceremonia (Ley 31945: sin excepciones).",
                      f"{what.en} ({party.given_names} {party.surnames}) will not be "
                      f"{rules.min_age} on the day of the ceremony (Ley 31945: no exceptions).")


def _in_time(rules: Rules, day: date, on: date, complete_on: date | None = None) -> None:
    deadline = r.file_deadline(rules, day)
    if (complete_on or on) > deadline:
        first = r.earliest_day(rules, on)
        raise Problem(422, "too_soon",
                      f"El expediente debe estar completo {rules.file_working_days} días "
                      f"hábiles antes de la ceremonia (el {deadline:%d/%m/%Y}). La primera fecha "
                      f"posible es el {first:%d/%m/%Y}.",
                      f"The file must be complete {rules.file_working_days} working days "
                      f"before the ceremony (by {deadline:%d/%m/%Y}). The first possible date is "
                      f"{first:%d/%m/%Y}.")


def _busy_spouses(db: Session, dnis: list[str], exclude: int | None = None) -> None:
    query = (select(Person.dni, Booking.code).join(Booking, Booking.id == Person.booking_id)
             .where(Person.role == "contrayente", Person.dni.in_(dnis),
                    Booking.state.in_(ACTIVE)))
    if exclude is not None:
        query = query.where(Booking.id != exclude)
    row = db.execute(query).first()
    if row is not None:
        raise Problem(409, "spouse_already_booked",
                      f"La persona con DNI {row[0]} ya tiene la ceremonia {row[1]} reservada.",
                      f"The person with DNI {row[0]} already has ceremony {row[1]} booked.")


def _take_slot(db: Session, rules: Rules, booking: Booking, place: Place,
               starts_at: datetime, ends_at: datetime) -> None:
    """Put `booking` on the slot, or a 409 and nothing written."""
    taken = Problem(409, "slot_taken",
                    f"{place.name} ya está reservado el {lima(starts_at):%d/%m/%Y a las %H:%M}. "
                    "Elija otro horario.",
                    f"{place.name} is already booked on {lima(starts_at):%d/%m/%Y at %H:%M}. "
                    "Choose another time.")
    with db.no_autoflush:
        if slots.overlapping(db, rules, place, starts_at, ends_at, exclude=booking.id):
            raise taken
    booking.place_id = place.id
    booking.starts_at, booking.ends_at = starts_at, ends_at
    booking.block_start, booking.block_end = r.block(rules, starts_at, ends_at)
    db.add(booking)
    try:
        with db.begin_nested():
            db.flush()
    except IntegrityError:  # PostgreSQL's exclusion constraint: another terminal was first
        raise taken from None


def _printed(db: Session, who: Who, booking: Booking, place: Place, persons: list[Person],
             resident: identity.ResidentRef) -> str:
    start = lima(booking.starts_at)
    deadline = r.file_deadline(r.in_force(db, today()), start.date())
    spouses = [p for p in persons if p.role == "contrayente"]
    couple = " y ".join(f"{p.given_names} {p.surnames}" for p in spouses)
    paid = f"S/ {booking.fee:.2f}" + (f" ({booking.receipt})" if booking.receipt else "")
    line = documents.DocumentLine
    lines = [line(label=Text(es="Reserva", en="Booking"), value=booking.code),
             line(label=Text(es="Contrayentes", en="Spouses-to-be"), value=couple),
             line(label=Text(es="Lugar", en="Place"), value=place.name),
             line(label=Text(es="Fecha y hora", en="Date and time"),
                  value=f"{start:%d/%m/%Y %H:%M}"),
             line(label=Text(es="Expediente completo hasta", en="File complete by"),
                  value=f"{deadline:%d/%m/%Y}"),
             line(label=Text(es="Derecho pagado", en="Fee paid"), value=paid)]
    issued = documents.issue(db=db, by=who.by, device=who.device, kind="marriage_booking",
                             prefix="RMC", title=texts.BOOKING_TITLE, lines=lines,
                             resident=resident)
    return issued.code


def book(*, db: Session, who: Who, resident: identity.ResidentRef, body: BookingIn) -> Booking:
    """A ceremony booked by one of the couple (or staff acting for them), paid by card."""
    on = today()
    rules = r.in_force(db, on)
    place = slots.place_by_code(db, body.place)
    starts_at, ends_at = slots.slot_of(rules, place, body.starts_at)
    day = starts_at.date()
    _in_time(rules, day, on)
    me = Party(resident.dni, resident.given_names, resident.surnames, resident.birth_date,
               resident.id)
    partner = _party(db, body.partner, Text(es="El otro contrayente", en="The other spouse-to-be"))
    witnesses = [_party(db, w, Text(es=f"El testigo {i}", en=f"Witness {i}"))
                 for i, w in enumerate(body.witnesses, 1)]
    if partner.dni == me.dni:
        raise Problem(422, "same_person", "El otro contrayente no puede ser usted mismo.",
                      "The other spouse-to-be cannot be yourself.")
    dnis = [me.dni, partner.dni] + [w.dni for w in witnesses]
    if len(set(dnis)) != len(dnis):
        raise Problem(422, "witness_repeated",
                      "Los testigos son dos personas distintas y no son los contrayentes.",
                      "The witnesses are two different people, neither of them a spouse.")
    _of_age(rules, me, day, Text(es="Usted", en="You"))
    _of_age(rules, partner, day, Text(es="El otro contrayente", en="The other spouse-to-be"))
    for i, w in enumerate(witnesses, 1):
        _of_age(rules, w, day, Text(es=f"El testigo {i}", en=f"Witness {i}"))
    if me.resident_id is None and partner.resident_id is None:
        raise Problem(422, "not_in_district", "Al menos uno de los contrayentes debe vivir en "
                      "el distrito.", "At least one of the spouses-to-be must live in the "
                      "district.")
    if not body.witnesses_declared:
        raise Problem(422, "witnesses_not_declared",
                      f"Declare que los testigos no son sus parientes y los conocen hace más "
                      f"de {rules.witness_years} años.",
                      f"Declare that the witnesses are not your relatives and have known you "
                      f"for more than {rules.witness_years} years.")
    for status, dissolved in ((body.me.civil_status, body.me.dissolved_on),
                              (body.partner.civil_status, body.partner.dissolved_on)):
        if status != "soltero" and (dissolved is None or dissolved > on):
            raise Problem(422, "dissolution_date_missing",
                          "Para un contrayente divorciado o viudo indique la fecha en que "
                          "terminó el matrimonio anterior.",
                          "For a divorced or widowed spouse-to-be give the date the earlier "
                          "marriage ended.")
    _busy_spouses(db, [me.dni, partner.dni])
    fee = r.fee(rules, uit=accounts.uit(db=db, year=on.year), hall=place.hall,
                starts_at=starts_at, ends_at=ends_at)
    if fee.amount and (body.payment is None or body.payment.amount != fee.amount):
        raise Problem(409, "fee_changed",
                      f"El derecho para ese horario es S/ {fee.amount:.2f}. No se cobró nada.",
                      f"The fee for that time is S/ {fee.amount:.2f}. Nothing was charged.")
    year = lima(utcnow()).year
    code = documents.next_number(db=db, series=f"MC-{year}")
    booking = Booking(code=code, active=True, state="programada", resident_id=resident.id,
                      fee=fee.amount, reschedules=0, created_at=utcnow(), updated_at=utcnow())
    _take_slot(db, rules, booking, place, starts_at, ends_at)
    persons = [
        Person(booking_id=booking.id, role="contrayente", seq=1, dni=me.dni,
               given_names=me.given_names, surnames=me.surnames, birth_date=me.birth_date,
               resident_id=me.resident_id, civil_status=body.me.civil_status,
               dissolved_on=body.me.dissolved_on, sex=body.me.sex),
        Person(booking_id=booking.id, role="contrayente", seq=2, dni=partner.dni,
               given_names=partner.given_names, surnames=partner.surnames,
               birth_date=partner.birth_date, resident_id=partner.resident_id,
               civil_status=body.partner.civil_status, dissolved_on=body.partner.dissolved_on,
               sex=body.partner.sex)]
    persons += [Person(booking_id=booking.id, role="testigo", seq=i, dni=w.dni,
                       given_names=w.given_names, surnames=w.surnames, birth_date=w.birth_date,
                       resident_id=w.resident_id, civil_status="soltero")
                for i, w in enumerate(witnesses, 1)]
    db.add_all(persons)
    db.flush()
    files.add_documents(db, rules, booking, persons, day)
    if fee.amount:
        paid = payments.charge_fee(
            db=db, by=who.by, device=who.device, staff=who.staff, resident=resident,
            kind=FEE_KIND, reference=code,
            label=Text(es=texts.FEE_LABEL.es.format(code=code),
                       en=texts.FEE_LABEL.en.format(code=code)),
            amount=fee.amount, method=body.payment.method, card=body.payment.card)
        booking.receipt = paid.receipt_number
    booking.document_code = _printed(db, who, booking, place, persons, resident)
    db.flush()
    audit.record(db=db, by=who.by, action="marriages.book", target=f"booking:{code}",
                 details={"place": place.code, "starts_at": starts_at.isoformat(),
                          "fee": str(fee.amount), "fee_kind": fee.kind})
    return booking


def get(db: Session, code: str, *, lock: bool = False) -> Booking:
    query = select(Booking).where(Booking.code == code.strip().upper())
    if lock:
        query = query.with_for_update()
    booking = db.execute(query).scalar()
    if booking is None:
        raise Problem(404, "booking_not_found", f"No existe la reserva {code}.",
                      f"There is no booking {code}.")
    return booking


def owned(db: Session, code: str, resident: identity.ResidentRef, *,
          lock: bool = False) -> Booking:
    """A booking of one of the couple (the resident is either spouse-to-be)."""
    booking = get(db, code, lock=lock)
    mine = db.execute(select(Person.id).where(
        Person.booking_id == booking.id, Person.role == "contrayente",
        Person.dni == resident.dni)).first()
    if mine is None:
        raise Problem(404, "booking_not_found", f"No existe la reserva {code}.",
                      f"There is no booking {code}.")
    return booking


def _open(booking: Booking) -> None:
    if booking.state != "programada":
        state = texts.STATE[booking.state]
        raise Problem(409, "booking_closed", f"La reserva {booking.code} está {state.es}.",
                      f"Booking {booking.code} is {state.en}.")


def reschedule(*, db: Session, who: Who, resident: identity.ResidentRef, booking: Booking,
               body: RescheduleIn) -> Booking:
    """Another slot under the same rules; the old one is free at once. A slot with a higher
    fee is refused (cancel and book again)."""
    _open(booking)
    on = today()
    rules = r.in_force(db, on)
    place = slots.place_by_code(db, body.place)
    starts_at, ends_at = slots.slot_of(rules, place, body.starts_at)
    day = starts_at.date()
    _in_time(rules, day, on, complete_on=booking.file_complete_on)
    if booking.capacity_until is not None and day > booking.capacity_until:
        raise Problem(422, "capacity_expires",
                      f"La declaración de capacidad vence el {booking.capacity_until:%d/%m/%Y}.",
                      f"The declaration of capacity expires on "
                      f"{booking.capacity_until:%d/%m/%Y}.")
    for person in files.persons_of(db, booking.id):
        _of_age(rules, Party(person.dni, person.given_names, person.surnames,
                             person.birth_date, person.resident_id), day,
                Text(es="Una persona del expediente", en="A person on the file"))
    fee = r.fee(rules, uit=accounts.uit(db=db, year=on.year), hall=place.hall,
                starts_at=starts_at, ends_at=ends_at)
    if fee.amount > booking.fee:
        raise Problem(409, "fee_higher",
                      f"Ese horario cuesta S/ {fee.amount:.2f} y usted pagó S/ {booking.fee:.2f}: "
                      "cancele y reserve de nuevo, o elija otro horario.",
                      f"That time costs S/ {fee.amount:.2f} and you paid S/ {booking.fee:.2f}: "
                      "cancel and book again, or choose another time.")
    before = (booking.place_id, booking.starts_at.isoformat())
    _take_slot(db, rules, booking, place, starts_at, ends_at)
    booking.reschedules += 1
    booking.updated_at = utcnow()
    persons = files.persons_of(db, booking.id)
    if booking.document_code:
        documents.void(db=db, code=booking.document_code)
    booking.document_code = _printed(db, who, booking, place, persons, resident)
    db.flush()
    audit.record(db=db, by=who.by, action="marriages.reschedule", target=f"booking:{booking.code}",
                 details={"from": list(before), "place": place.code,
                          "starts_at": starts_at.isoformat()})
    return booking


def cancel(*, db: Session, who: Who, booking: Booking, reason: str) -> Booking:
    """The slot is free at once; the fee paid is not refunded (TUPA)."""
    _open(booking)
    booking.state, booking.active = "cancelada", False
    booking.cancel_reason = reason.strip()
    booking.updated_at = utcnow()
    if booking.document_code:
        documents.void(db=db, code=booking.document_code)
    db.flush()
    audit.record(db=db, by=who.by, action="marriages.cancel", target=f"booking:{booking.code}",
                 details={"reason": booking.cancel_reason})
    return booking
