"""Demo TUPA, offices (with their staff), FAQ, news and report kinds; idempotent."""

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.audit.service import SYSTEM
from server.demo import procedures_data as d
from server.identity import service as identity
from server.identity.service import Role
from server.info.models import FaqEntry, NewsItem, ServiceType
from server.offices import service as offices
from server.procedures import catalogue
from server.procedures.schemas import ProcedureIn
from server.timeutil import today

TUPA_SINCE = date(2026, 1, 1)


def _member(db: Session, username: str, office: offices.OfficeRef) -> None:
    staff = identity.get_staff_by_username(db=db, username=username)
    offices.add_member(db=db, staff_id=staff.id, office_id=office.id)


def seed_procedures(*, db: Session, password: str) -> list[str]:
    by_code = {}
    for code, es, en, address, hours, phone, handles in d.OFFICES:
        by_code[code] = offices.upsert(db=db, code=code, name_es=es, name_en=en,
                                       address=address, hours=hours, phone=phone,
                                       handles_es=handles)
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
    for username, full_name, codes in d.CASE_OFFICERS:
        if identity.get_staff_by_username(db=db, username=username) is None:
            identity.create_staff(db=db, by=SYSTEM, username=username, full_name=full_name,
                                  role=Role.CASE_OFFICER, password=password)
        db.flush()
        for code in codes:
            _member(db, username, by_code[code])
        lines.append(f"  {username:<13} {Role.CASE_OFFICER.value:<20} {full_name} "
                     f"({', '.join(codes)})")
    for username, codes in d.FRONT_DESK_OFFICES.items():
        for code in codes:
            _member(db, username, by_code[code])
    if db.execute(select(FaqEntry.id)).first() is None:
        for q_es, q_en, a_es, a_en in d.FAQ:
            db.add(FaqEntry(question_es=q_es, question_en=q_en, answer_es=a_es, answer_en=a_en))
        for ago, t_es, t_en, b_es, b_en in d.NEWS:
            db.add(NewsItem(published_on=today() - timedelta(days=ago), title_es=t_es,
                            title_en=t_en, body_es=b_es, body_en=b_en))
    for code, es, en, desc, group, keywords, office, days in d.SERVICE_TYPES:
        if db.execute(select(ServiceType).where(ServiceType.code == code)).first() is None:
            db.add(ServiceType(code=code, name_es=es, name_en=en, description=desc, group=group,
                               keywords=keywords, office_id=by_code[office].id,
                               expected_days=days))
    db.flush()
    return lines
