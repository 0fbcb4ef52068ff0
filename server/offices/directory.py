"""The offices and who works in each: look-ups, membership, the scope of a staff member."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.errors import Problem
from server.identity import service as identity
from server.kernel.text import Text
from server.offices.models import Office, OfficeMember
from server.offices.schemas import OfficeOut


@dataclass(frozen=True)
class OfficeRef:
    id: int
    code: str
    name_es: str
    name_en: str
    address: str
    hours: str
    phone: str
    handles_es: str  # what it handles, in words residents search for

    @property
    def name(self) -> Text:
        return Text(es=self.name_es, en=self.name_en)


def _ref(row: Office) -> OfficeRef:
    return OfficeRef(id=row.id, code=row.code, name_es=row.name_es, name_en=row.name_en,
                     address=row.address, hours=row.hours, phone=row.phone,
                     handles_es=row.handles_es)


def office_out(office: OfficeRef) -> OfficeOut:
    return OfficeOut(code=office.code, name=office.name, address=office.address,
                     hours=office.hours, phone=office.phone)


def get(*, db: Session, code: str) -> OfficeRef:
    office = db.execute(select(Office).where(Office.code == code.upper())).scalar()
    if office is None:
        raise Problem(404, "office_not_found", f"No existe la oficina {code}.",
                      f"There is no office {code}.")
    return _ref(office)


def get_by_id(*, db: Session, office_id: int) -> OfficeRef:
    office = db.get(Office, office_id)
    if office is None:
        raise LookupError(f"no office {office_id}")
    return _ref(office)


def list_all(*, db: Session) -> list[OfficeRef]:
    return [_ref(o) for o in db.execute(select(Office).order_by(Office.code)).scalars()]


def signature(*, db: Session) -> tuple:
    """Changes when an office is added (for caches built from the offices)."""
    return tuple(db.execute(select(func.count(), func.max(Office.id))).one())


def upsert(*, db: Session, code: str, name_es: str, name_en: str, address: str, hours: str,
           phone: str, handles_es: str = "") -> OfficeRef:
    office = db.execute(select(Office).where(Office.code == code)).scalar()
    if office is None:
        office = Office(code=code)
        db.add(office)
    office.name_es, office.name_en, office.address = name_es, name_en, address
    office.hours, office.phone, office.handles_es = hours, phone, handles_es
    db.flush()
    return _ref(office)


def members(*, db: Session, office_id: int) -> list[int]:
    """The staff ids of an office's members."""
    return list(db.execute(select(OfficeMember.staff_id).where(
        OfficeMember.office_id == office_id).order_by(OfficeMember.staff_id)).scalars())


def offices_of_staff(*, db: Session, staff_id: int) -> set[int]:
    return set(db.execute(select(OfficeMember.office_id).where(
        OfficeMember.staff_id == staff_id)).scalars())


def is_member(*, db: Session, staff_id: int, office_id: int) -> bool:
    return db.execute(select(OfficeMember.id).where(
        OfficeMember.staff_id == staff_id, OfficeMember.office_id == office_id)).first() is not None


def add_member(*, db: Session, staff_id: int, office_id: int) -> None:
    if not is_member(db=db, staff_id=staff_id, office_id=office_id):
        db.add(OfficeMember(staff_id=staff_id, office_id=office_id))


def in_scope(*, db: Session, staff: identity.StaffRef, office_id: int) -> bool:
    """Whether a staff member may work on what is at an office: its members, and
    administrators everywhere."""
    return staff.role == identity.Role.ADMINISTRATOR or is_member(
        db=db, staff_id=staff.id, office_id=office_id)
