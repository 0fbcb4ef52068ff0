"""A booking's file: its persons and the checklist of documents each must file."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.marriages import rules as r
from server.marriages.models import Booking, Document, Person, Rules

SPOUSE_DOCUMENTS = ("birth_acta", "dni", "medical", "domicile", "single")


def checklist(rules: Rules, spouse: Person, ceremony_day: date) -> list[str]:
    kinds = list(SPOUSE_DOCUMENTS)
    if spouse.civil_status != "soltero":
        kinds.append("annotated_acta")
    if r.pregnancy_certificate_needed(rules, sex=spouse.sex, civil_status=spouse.civil_status,
                                      dissolved_on=spouse.dissolved_on,
                                      ceremony_day=ceremony_day):
        kinds.append("pregnancy")
    return kinds


def add_documents(db: Session, rules: Rules, booking: Booking, persons: list[Person],
                  ceremony_day: date) -> None:
    for person in persons:
        kinds = (checklist(rules, person, ceremony_day) if person.role == "contrayente"
                 else ["witness_dni"])
        for kind in kinds:
            db.add(Document(booking_id=booking.id, person_id=person.id, kind=kind,
                            state="pendiente"))
    db.flush()


def persons_of(db: Session, booking_id: int) -> list[Person]:
    return list(db.execute(select(Person).where(Person.booking_id == booking_id)
                           .order_by(Person.role, Person.seq)).scalars())


def documents_of(db: Session, booking_id: int) -> list[Document]:
    return list(db.execute(select(Document).where(Document.booking_id == booking_id)
                           .order_by(Document.id)).scalars())


def missing(docs: list[Document]) -> int:
    return sum(d.state != "aceptado" for d in docs)
