"""Demo TUPA (published from 2026-01-01 by the catalogue's own use case), the case officers who
work on its files and the front desk's office; idempotent."""

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from server.audit.service import SYSTEM
from server.demo.data import STAFF_PASSWORD
from server.identity import service as identity
from server.offices import service as offices
from server.procedures import catalogue
from server.procedures import demo_data as d
from server.procedures.schemas import ProcedureIn

ORDER = 50
TUPA_SINCE = date(2026, 1, 1)


def _member(db: Session, username: str, office_code: str) -> None:
    staff = identity.get_staff_by_username(db=db, username=username)
    office = offices.get(db=db, code=office_code)
    offices.add_member(db=db, staff_id=staff.id, office_id=office.id)


def seed(*, db: Session, data_dir: Path) -> list[str]:
    for (code, es, en, filer, reqs, fields, fee, qual, days, office, authority,
         basis) in d.PROCEDURES:
        if any(p.code == code for p in catalogue.in_force(db=db, on=date(2100, 1, 1))):
            continue
        catalogue.publish(db=db, by=SYSTEM, allow_past=True, body=ProcedureIn(
            code=code, valid_from=TUPA_SINCE, name_es=es, name_en=en, filer=filer,
            requirements=reqs, fields=[{"name": n, "es": fe, "en": fn} for n, fe, fn in fields],
            fee_uit=fee, qualification=qual, deadline_days=days, office_code=office,
            authority=authority, legal_basis=basis))
    lines = ["Trámite documentario / document processing:"]
    role = identity.Role.CASE_OFFICER
    for username, full_name, codes in d.CASE_OFFICERS:
        if identity.get_staff_by_username(db=db, username=username) is None:
            identity.create_staff(db=db, by=SYSTEM, username=username, full_name=full_name,
                                  role=role, password=STAFF_PASSWORD)
        db.flush()
        for code in codes:
            _member(db, username, code)
        lines.append(f"  {username:<13} {role.value:<20} {full_name} ({', '.join(codes)})")
    for username, codes in d.FRONT_DESK_OFFICES.items():
        for code in codes:
            _member(db, username, code)
    db.flush()
    return lines
