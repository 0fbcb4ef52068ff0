"""Keeping the register: annotations appended (never edited), reservations, scanned images.
Each change is audited in the same transaction."""

import hashlib

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.errors import Problem
from server.identity import service as identity
from server.registry.models import Acta, Annotation, Image
from server.registry.schemas import AnnotationIn
from server.timeutil import utcnow

MAX_IMAGE = 10 * 1024 * 1024
MEDIA_TYPES = {b"%PDF-": "application/pdf", b"\x89PNG\r\n\x1a\n": "image/png",
               b"\xff\xd8\xff": "image/jpeg"}


def annotate(*, db: Session, by: audit.Actor, staff: identity.StaffRef, acta: Acta,
             body: AnnotationIn) -> Annotation:
    """Append an annotation (the next `seq` of the acta, which the caller locked). An
    adoption reserves the acta."""
    seq = (db.execute(select(func.max(Annotation.seq)).where(Annotation.acta_id == acta.id))
           .scalar() or 0) + 1
    note = Annotation(acta_id=acta.id, seq=seq, kind=body.kind, text=body.text.strip(),
                      reference=body.reference.strip(), made_by=by.actor,
                      made_by_name=staff.full_name, made_at=utcnow())
    db.add(note)
    db.flush()
    audit.record(db=db, by=by, action="registry.annotate", target=f"acta:{acta.ref}",
                 details={"seq": seq, "kind": body.kind, "reference": note.reference,
                          "text": note.text})
    if body.kind == "adopcion" and not acta.reserved:
        reserve(db=db, by=by, acta=acta, reason=f"Adopción ({note.reference})")
    return note


def reserve(*, db: Session, by: audit.Actor, acta: Acta, reason: str) -> None:
    """Mark the acta reserved: from now on only the registrar gives copies of it."""
    if acta.reserved:
        raise Problem(409, "already_reserved", f"El acta {acta.ref} ya es reservada.",
                      f"Record {acta.ref} is already reserved.")
    acta.reserved, acta.reserved_reason = True, reason.strip()
    db.flush()
    audit.record(db=db, by=by, action="registry.reserve", target=f"acta:{acta.ref}",
                 details={"reason": acta.reserved_reason})


def media_type(content: bytes) -> str | None:
    return next((t for magic, t in MEDIA_TYPES.items() if content.startswith(magic)), None)


def attach_image(*, db: Session, by: audit.Actor, acta: Acta, filename: str,
                 content: bytes) -> Image:
    """Keep the scanned paper acta, its type checked by its content (not its name). An acta
    held only on paper is digitised by it: its copies are issued at once from then on."""
    if len(content) > MAX_IMAGE:
        raise Problem(413, "image_too_large",
                      "El archivo pasa de 10 MB: escanéelo en menor resolución.",
                      "The file is over 10 MB: scan it at a lower resolution.",
                      limit=MAX_IMAGE)
    kind = media_type(content)
    if kind is None:
        raise Problem(415, "image_type", "Solo se aceptan PDF, PNG o JPEG.",
                      "Only PDF, PNG or JPEG are accepted.")
    image = Image(acta_id=acta.id, filename=filename[:200], media_type=kind, size=len(content),
                  sha256=hashlib.sha256(content).hexdigest(), content=content,
                  added_by=by.actor, added_at=utcnow())
    db.add(image)
    acta.digitised = True
    db.flush()
    audit.record(db=db, by=by, action="registry.image", target=f"acta:{acta.ref}",
                 details={"sha256": image.sha256, "size": image.size, "type": kind})
    return image
