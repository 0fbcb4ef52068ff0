"""Demo civil marriages: the dated rules (TUPA fees as shares of the UIT), the places with
their slots and stream URLs, a ceremony today ready to be held (capacity declared) and a
marriage whose edicto is posted now (anyone may object). Idempotent."""

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.audit.service import SYSTEM
from server.identity import service as identity
from server.marriages import files
from server.marriages import rules as r
from server.marriages.models import Booking, Person, Place, Rules
from server.timeutil import today, utcnow

ORDER = 80

PLACES = [
    ("SALON", "Salón de Actos, Palacio Municipal", True, "Av. Larco 400, Miraflores",
     "09:00 10:00 11:00 12:00 15:00 16:00 17:00 18:00", "012345",
     "https://stream.miraflores.gob.pe/salon/index.m3u8"),
    ("PALMA", "Sala de Matrimonios, Centro Cultural Ricardo Palma", False,
     "Av. Larco 770, Miraflores", "10:00 12:00 16:00", "2345", None),
    ("AMOR", "Parque del Amor (malecón)", False, "Malecón Cisneros s/n, Miraflores",
     "10:00 11:30 16:30", "56", "https://stream.miraflores.gob.pe/amor/index.m3u8"),
]


def add_rules(db: Session, valid_from: date = date(2024, 1, 1)) -> Rules:
    row = Rules(valid_from=valid_from, min_age=18, file_working_days=15, edicto_days=8,
                capacity_months=4, medical_days=30, dissolution_days=300, witness_years=3,
                duration_minutes=45, buffer_minutes=15, office_opens="08:00",
                office_closes="16:30", fee_hall_uit=Decimal("0.0132"),
                fee_hall_after_hours_uit=Decimal("0.0264"), fee_elsewhere_uit=Decimal("0.0396"),
                tupa_code="RC-10", legal_basis="Código Civil arts. 248-268; Ley 31945; TUPA de "
                "Miraflores, Registro Civil: matrimonio civil (demo)", created_by=SYSTEM.actor,
                created_at=utcnow())
    db.add(row)
    db.flush()
    return row


def add_places(db: Session) -> list[Place]:
    out = []
    for code, name, hall, address, times, weekdays, stream in PLACES:
        place = Place(code=code, name=name, hall=hall, address=address, slot_times=times,
                      weekdays=weekdays, stream_url=stream, active=True)
        db.add(place)
        out.append(place)
    db.flush()
    return out


def _demo_booking(db: Session, rules: Rules, place: Place, code: str, day: date, at: str,
                  spouses: list[str], witnesses: list[str]) -> Booking:
    start, end = r.slot_times(rules, day, at)
    b_start, b_end = r.block(rules, start, end)
    owner = identity.get_resident_by_dni(db=db, dni=spouses[0])
    booking = Booking(code=code, place_id=place.id, starts_at=start, ends_at=end,
                      block_start=b_start, block_end=b_end, active=True, state="programada",
                      resident_id=owner.id, fee=Decimal("0"), reschedules=0,
                      created_at=utcnow(), updated_at=utcnow())
    db.add(booking)
    db.flush()
    persons = []
    for role, dnis in (("contrayente", spouses), ("testigo", witnesses)):
        for seq, dni in enumerate(dnis, 1):
            who = identity.get_resident_by_dni(db=db, dni=dni)
            persons.append(Person(booking_id=booking.id, role=role, seq=seq, dni=who.dni,
                                  given_names=who.given_names, surnames=who.surnames,
                                  birth_date=who.birth_date, resident_id=who.id,
                                  civil_status="soltero"))
    db.add_all(persons)
    db.flush()
    files.add_documents(db, rules, booking, persons, day)
    for doc in files.documents_of(db, booking.id):
        doc.state, doc.checked_by = "aceptado", "registrador"
        doc.issued_on = today() - timedelta(days=5) if doc.kind == "medical" else None
    booking.file_complete_on = today() - timedelta(days=25)
    return booking


def seed(*, db: Session, data_dir: Path) -> list[str]:
    if db.execute(select(Rules.id)).first() is None:
        add_rules(db)
    if db.execute(select(Place.id)).first() is None:
        add_places(db)
    lines = ["Matrimonios civiles / civil marriages (registrador, Miraflores2026):"]
    if db.execute(select(Booking.id)).first() is None:
        rules = r.in_force(db, today())
        salon, palma = (db.execute(select(Place).where(Place.code == c)).scalar_one()
                        for c in ("SALON", "PALMA"))
        held = _demo_booking(db, rules, salon, f"MC-DEMO-{today().year}-1", today(), "18:00",
                             ["42345678", "44556677"], ["08123456", "05432198"])
        held.edicto_on = today() - timedelta(days=20)
        held.edicto_until = r.edicto_until(rules, held.edicto_on)
        held.newspaper = "El Peruano (demo)"
        held.capacity_on = today() - timedelta(days=10)
        held.capacity_until = r.capacity_until(rules, held.capacity_on)
        later = today() + timedelta(days=40)
        posted = _demo_booking(db, rules, palma, f"MC-DEMO-{today().year}-2",
                               _weekday(later, palma), "12:00",
                               ["41234987", "09876543"], ["07654321", "06543210"])
        posted.edicto_on = today() - timedelta(days=2)
        posted.edicto_until = r.edicto_until(rules, posted.edicto_on)
        posted.newspaper_waiver = "Dispensa por domicilio de ambos en el distrito (demo)"
        db.flush()
    # Read back, so that a second run prints the same lines (the seed is idempotent).
    codes = db.scalars(select(Booking.code).where(Booking.code.like("MC-DEMO-%"))
                       .order_by(Booking.id).limit(2)).all()
    held_code, posted_code = [*codes, "-", "-"][:2]
    lines.append(f"  {held_code}: ceremonia hoy 18:00 / today 18:00 (Salón de Actos); "
                 f"{posted_code}: edicto publicado / edicto posted")
    return lines


def _weekday(day: date, place: Place) -> date:
    while str(day.weekday()) not in place.weekdays:
        day += timedelta(days=1)
    return day


