"""Residents and staff: look-ups and creation. Keyword-only use cases over a Session."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.documents.service import DocumentLine
from server.errors import Problem
from server.identity.dni import DNI, normalise_dni
from server.identity.models import Resident, StaffUser, Zone
from server.identity.passwords import hash_secret, verify_secret
from server.identity.roles import Role
from server.identity.schemas import ResidentOut, StaffOut
from server.kernel.text import Text
from server.timeutil import utcnow

# The domain's public face: other domains use these names from here, not from its modules.
__all__ = [
    "DNI",
    "Resident",
    "ResidentOut",
    "Role",
    "StaffOut",
    "StaffUser",
    "check_password",
    "create_resident",
    "create_staff",
    "get_resident_by_dni",
    "normalise_dni",
    "record_certificate_lines",
    "require_resident",
    "resident_out",
    "upsert_zone",
    "verify_secret",
]


def resident_out(resident: Resident) -> ResidentOut:
    return ResidentOut(
        dni=resident.dni, given_names=resident.given_names, surnames=resident.surnames,
        full_name=resident.full_name, birth_date=resident.birth_date, address=resident.address,
        zone_id=resident.zone_id, zone_name=resident.zone.name,
    )


def get_resident_by_dni(*, db: Session, dni: str) -> Resident | None:
    return db.execute(select(Resident).where(Resident.dni == dni)).scalar()


def require_resident(*, db: Session, dni: str) -> Resident:
    resident = get_resident_by_dni(db=db, dni=dni)
    if resident is None:
        raise Problem(
            404, "resident_not_found",
            f"No hay ningún vecino registrado con DNI {dni}. Verifique el número.",
            f"No resident is registered with DNI {dni}. Check the number.",
        )
    return resident


def upsert_zone(*, db: Session, zone_id: int, name: str) -> Zone:
    zone = db.get(Zone, zone_id)
    if zone is None:
        zone = Zone(id=zone_id, name=name)
        db.add(zone)
    zone.name = name
    return zone


def create_resident(
    *, db: Session, by: audit.Actor, dni: str, given_names: str, surnames: str,
    birth_date: date, address: str, zone_id: int, pin: str | None = None,
) -> Resident:
    resident = Resident(
        dni=dni, given_names=given_names, surnames=surnames, birth_date=birth_date,
        address=address, zone_id=zone_id, pin_hash=hash_secret(pin) if pin else None,
        failed_pin_attempts=0, created_at=utcnow(),
    )
    db.add(resident)
    db.flush()
    audit.record(db=db, by=by, action="resident.create", target=f"resident:{resident.id}")
    return resident


def create_staff(
    *, db: Session, by: audit.Actor, username: str, full_name: str, role: Role, password: str,
) -> StaffUser:
    if db.execute(select(StaffUser).where(StaffUser.username == username)).scalar():
        raise Problem(409, "staff_exists", f"El usuario {username} ya existe.",
                      f"User {username} already exists.")
    user = StaffUser(username=username, full_name=full_name, role=role.value,
                     password_hash=hash_secret(password), failed_attempts=0, active=True,
                     created_at=utcnow())
    db.add(user)
    db.flush()
    audit.record(db=db, by=by, action="staff.create", target=f"staff:{user.id}",
                 details={"username": username, "role": role.value})
    return user


def record_certificate_lines(resident: Resident) -> list[DocumentLine]:
    """The lines of the constancia de datos del vecino (what the register holds on them)."""
    return [
        DocumentLine(label=Text(es="DNI", en="DNI"), value=resident.dni),
        DocumentLine(label=Text(es="Nombre", en="Name"), value=resident.full_name),
        DocumentLine(label=Text(es="Fecha de nacimiento", en="Date of birth"),
                     value=resident.birth_date.strftime("%d/%m/%Y")),
        DocumentLine(label=Text(es="Domicilio", en="Address"), value=resident.address),
        DocumentLine(label=Text(es="Zona vecinal", en="Neighbourhood zone"),
                     value=resident.zone.name),
    ]


def check_password(*, db: Session, username: str, password: str) -> StaffUser | None:
    """The active staff member with these credentials (e.g. a supervisor confirming a void)."""
    user = db.execute(select(StaffUser).where(StaffUser.username == username)).scalar()
    if user is None or not user.active or not verify_secret(user.password_hash, password):
        return None
    return user


def adults_by_zone(*, db: Session, zones: list[int], on: date) -> list[tuple[int, int]]:
    """(resident id, zone) of residents aged 18 or more on `on`, registered in `zones`."""
    latest_birth = on.replace(year=on.year - 18) if not (on.month == 2 and on.day == 29) \
        else date(on.year - 18, 2, 28)
    rows = db.execute(select(Resident.id, Resident.zone_id).where(
        Resident.zone_id.in_(zones), Resident.birth_date <= latest_birth).order_by(Resident.id))
    return [(rid, zone) for rid, zone in rows]


def zone_names(*, db: Session) -> dict[int, str]:
    return dict(db.execute(select(Zone.id, Zone.name)).all())
