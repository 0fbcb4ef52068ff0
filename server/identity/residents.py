"""Residents and zones: look-ups, creation, the municipal PIN. Keyword-only use cases."""

from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.documents.service import DocumentLine
from server.errors import Problem
from server.identity import phantoms
from server.identity.models import Resident, Zone
from server.identity.passwords import hash_secret, verify_secret
from server.identity.refs import LoginCheck, ResidentRef, resident_ref
from server.identity.schemas import ResidentOut
from server.kernel.text import Text
from server.timeutil import utcnow


def resident_out(resident: ResidentRef) -> ResidentOut:
    return ResidentOut(
        dni=resident.dni, given_names=resident.given_names, surnames=resident.surnames,
        full_name=resident.full_name, birth_date=resident.birth_date, address=resident.address,
        zone_id=resident.zone_id, zone_name=resident.zone_name,
    )


def get_resident(*, db: Session, resident_id: int) -> ResidentRef:
    row = db.execute(_GET, {"resident_id": resident_id}).first()
    if row is None:
        raise LookupError(f"no resident {resident_id}")
    return ResidentRef(**row._mapping)


# Built once, read as a row: nearly every request of a resident asks (building the statement
# costs more than running it).
_RESIDENTS, _ZONES = Resident.__table__, Zone.__table__
_GET = select(
    _RESIDENTS.c.id, _RESIDENTS.c.dni, _RESIDENTS.c.given_names, _RESIDENTS.c.surnames,
    _RESIDENTS.c.birth_date, _RESIDENTS.c.address, _RESIDENTS.c.zone_id,
    _ZONES.c.name.label("zone_name"),
).join(_ZONES, _ZONES.c.id == _RESIDENTS.c.zone_id).where(
    _RESIDENTS.c.id == bindparam("resident_id"))


def _by_dni(db: Session, dni: str) -> Resident | None:
    return db.execute(select(Resident).where(Resident.dni == dni)).scalar()


def get_resident_by_dni(*, db: Session, dni: str) -> ResidentRef | None:
    row = _by_dni(db, dni)
    return resident_ref(row) if row is not None else None


def require_resident(*, db: Session, dni: str) -> ResidentRef:
    resident = get_resident_by_dni(db=db, dni=dni)
    if resident is None:
        raise Problem(
            404, "resident_not_found",
            f"No hay ningún vecino registrado con DNI {dni}. Verifique el número.",
            f"No resident is registered with DNI {dni}. Check the number.",
        )
    return resident


def upsert_zone(*, db: Session, zone_id: int, name: str) -> None:
    zone = db.get(Zone, zone_id)
    if zone is None:
        zone = Zone(id=zone_id, name=name)
        db.add(zone)
    zone.name = name


def create_resident(
    *, db: Session, by: audit.Actor, dni: str, given_names: str, surnames: str,
    birth_date: date, address: str, zone_id: int, pin: str | None = None,
) -> ResidentRef:
    resident = Resident(
        dni=dni, given_names=given_names, surnames=surnames, birth_date=birth_date,
        address=address, zone_id=zone_id, pin_hash=hash_secret(pin) if pin else None,
        failed_pin_attempts=0, created_at=utcnow(),
    )
    db.add(resident)
    db.flush()
    audit.record(db=db, by=by, action="resident.create", target=f"resident:{resident.id}")
    return resident_ref(resident)


def check_pin(*, db: Session, dni: str, pin: str, now: datetime, max_failures: int,
              lockout_minutes: int) -> LoginCheck:
    """Check a resident's municipal PIN; after `max_failures` wrong ones in a row the
    resident is locked out for `lockout_minutes`. The caller records and commits."""
    row = _by_dni(db, dni)
    if row is not None and row.locked_until and row.locked_until > now:
        return LoginCheck("locked", resident=resident_ref(row), locked_until=row.locked_until)
    if row is None:  # answered like a known DNI: the PIN checked, the tries counted
        if until := phantoms.locked_until(db=db, kind="resident", name=dni, now=now):
            return LoginCheck("locked", locked_until=until)
        verify_secret(None, pin)
        left, until = phantoms.fail(db=db, kind="resident", name=dni, now=now,
                                    max_failures=max_failures, lockout_minutes=lockout_minutes)
        return LoginCheck("unknown", tries_left=left, locked_until=until)
    if not verify_secret(row.pin_hash, pin):
        row.failed_pin_attempts += 1
        left = max_failures - row.failed_pin_attempts
        if left <= 0:
            row.failed_pin_attempts = 0
            row.locked_until = now + timedelta(minutes=lockout_minutes)
        return LoginCheck("wrong", resident=resident_ref(row), tries_left=left,
                          locked_until=row.locked_until)
    row.failed_pin_attempts, row.locked_until = 0, None
    return LoginCheck("ok", resident=resident_ref(row))


def record_certificate_lines(resident: ResidentRef) -> list[DocumentLine]:
    """The lines of the constancia de datos del vecino (what the register holds on them)."""
    return [
        DocumentLine(label=Text(es="DNI", en="DNI"), value=resident.dni),
        DocumentLine(label=Text(es="Nombre", en="Name"), value=resident.full_name),
        DocumentLine(label=Text(es="Fecha de nacimiento", en="Date of birth"),
                     value=resident.birth_date.strftime("%d/%m/%Y")),
        DocumentLine(label=Text(es="Domicilio", en="Address"), value=resident.address),
        DocumentLine(label=Text(es="Zona vecinal", en="Neighbourhood zone"),
                     value=resident.zone_name),
    ]


def adults_by_zone(*, db: Session, zones: list[int], on: date) -> list[tuple[int, int]]:
    """(resident id, zone) of residents aged 18 or more on `on`, registered in `zones`."""
    latest_birth = on.replace(year=on.year - 18) if not (on.month == 2 and on.day == 29) \
        else date(on.year - 18, 2, 28)
    rows = db.execute(select(Resident.id, Resident.zone_id).where(
        Resident.zone_id.in_(zones), Resident.birth_date <= latest_birth).order_by(Resident.id))
    return [(rid, zone) for rid, zone in rows]


def zone_names(*, db: Session) -> dict[int, str]:
    return dict(db.execute(select(Zone.id, Zone.name)).all())
