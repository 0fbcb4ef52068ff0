"""Actas as the wire shows them."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.registry import texts
from server.registry.models import Acta, Annotation, Batch, Image, Person
from server.registry.schemas import (
    ActaOut,
    ActaSummary,
    AnnotationOut,
    PersonOut,
    RegistryImageOut,
)


def persons_of(db: Session, acta_id: int) -> list[Person]:
    order = {role: n for n, role in enumerate(texts.ROLE_TEXT)}
    rows = db.execute(select(Person).where(Person.acta_id == acta_id).order_by(Person.id))
    return sorted(rows.scalars(), key=lambda p: order[p.role])


def annotations_of(db: Session, acta_id: int) -> list[Annotation]:
    return list(db.execute(select(Annotation).where(Annotation.acta_id == acta_id)
                           .order_by(Annotation.seq)).scalars())


def image_of(db: Session, acta_id: int) -> Image | None:
    return db.execute(select(Image).where(Image.acta_id == acta_id)
                      .order_by(Image.id.desc()).limit(1)).scalar()


def principal_names(persons: list[Person]) -> str:
    return " / ".join(f"{p.given_names} {p.surnames}" for p in persons if p.principal)


def summary(db: Session, acta: Acta, *, role: str | None = None,
            persons: list[Person] | None = None) -> ActaSummary:
    persons = persons if persons is not None else persons_of(db, acta.id)
    return ActaSummary(id=acta.id, ref=acta.ref, kind=acta.kind, names=principal_names(persons),
                       event_date=acta.event_date, role=role, digitised=acta.digitised,
                       reserved=acta.reserved)


def acta_out(db: Session, acta: Acta, *, registrar: bool) -> ActaOut:
    """The acta with its persons and annotations; the reason for a reservation, the image's
    fingerprint and the RENIEC state only for the registrar."""
    image = image_of(db, acta.id) if registrar else None
    batch = db.get(Batch, acta.batch_id) if registrar and acta.batch_id else None
    return ActaOut(
        id=acta.id, ref=acta.ref, kind=acta.kind, kind_text=texts.KIND_TEXT[acta.kind],
        office=acta.office, book=acta.book, event_date=acta.event_date,
        event_place=acta.event_place, registered_on=acta.registered_on,
        registrar_name=acta.registrar_name, digitised=acta.digitised, reserved=acta.reserved,
        reserved_reason=acta.reserved_reason if registrar else None,
        persons=[PersonOut(role=p.role, role_text=texts.ROLE_TEXT[p.role],
                           given_names=p.given_names, surnames=p.surnames, dni=p.dni,
                           birth_date=p.birth_date) for p in persons_of(db, acta.id)],
        annotations=[AnnotationOut(seq=a.seq, kind=a.kind, kind_text=texts.ANNOTATION_TEXT[a.kind],
                                   text=a.text, reference=a.reference,
                                   made_by_name=a.made_by_name, made_at=a.made_at)
                     for a in annotations_of(db, acta.id)],
        image=RegistryImageOut(filename=image.filename, media_type=image.media_type,
                               size=image.size, sha256=image.sha256, added_at=image.added_at)
        if image else None,
        sent_at=acta.sent_at if registrar else None, batch=batch.number if batch else None)
