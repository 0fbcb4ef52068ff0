"""Sending actas to RENIEC: each acta must reach it within 15 days of its registration. An
export takes every acta not yet sent into one batch file (format below and in
docs/registry.md), marks them sent with that batch, and keeps the file and its SHA-256.

The file: UTF-8, one record per line (LF), fields separated by "|" ("|" and line breaks in a
value become spaces; an empty value is "-"):

    H|RENIEC-LOTE|1|<batch>|<ubigeo>|<created, ISO 8601 UTC>|<actas>
    A|<ref>|<kind>|<year>|<number>|<office>|<book>|<event date>|<place>|<registered on>|
      <registrar>|<image SHA-256>                                   (one line per acta)
    P|<ref>|<role>|<surnames>|<given names>|<DNI>|<birth date>      (its persons)
    N|<ref>|<seq>|<kind>|<date>|<reference>|<text>                  (its annotations)
    T|<actas>|<SHA-256 of every byte before this line>
"""

import hashlib
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.documents import service as documents
from server.errors import Problem
from server.registry.models import Acta, Batch
from server.registry.schemas import BatchOut, ReniecStatusOut
from server.registry.views import annotations_of, image_of, persons_of, summary
from server.timeutil import lima, today, utcnow

DEADLINE_DAYS = 15
UBIGEO = "150122"  # Miraflores, Lima
FORMAT_VERSION = "1"


def _field(value: object) -> str:
    text = "-" if value is None or value == "" else str(value)
    return " ".join(text.replace("|", " ").split())


def _line(*fields: object) -> str:
    return "|".join(_field(f) for f in fields) + "\n"


def render(db: Session, *, number: str, actas: list[Acta], created) -> bytes:
    body = _line("H", "RENIEC-LOTE", FORMAT_VERSION, number, UBIGEO,
                 created.isoformat(timespec="seconds"), len(actas))
    for acta in actas:
        image = image_of(db, acta.id)
        body += _line("A", acta.ref, acta.kind, acta.year, acta.number, acta.office, acta.book,
                      acta.event_date.isoformat(), acta.event_place,
                      acta.registered_on.isoformat(), acta.registrar_name,
                      image.sha256 if image else None)
        for p in persons_of(db, acta.id):
            body += _line("P", acta.ref, p.role, p.surnames, p.given_names, p.dni,
                          p.birth_date.isoformat() if p.birth_date else None)
        for a in annotations_of(db, acta.id):
            body += _line("N", acta.ref, a.seq, a.kind, lima(a.made_at).date().isoformat(),
                          a.reference, a.text)
    data = body.encode("utf-8")
    return data + _line("T", len(actas), hashlib.sha256(data).hexdigest()).encode("utf-8")


def check_file(content: bytes) -> bool:
    """Does a batch file's trailer match its content (as RENIEC would check it)?"""
    head, _, trailer = content.rstrip(b"\n").rpartition(b"\n")
    fields = trailer.decode("utf-8").split("|")
    return (len(fields) == 3 and fields[0] == "T"
            and fields[2] == hashlib.sha256(head + b"\n").hexdigest())


def export(*, db: Session, by: audit.Actor) -> Batch:
    actas = list(db.execute(select(Acta).where(Acta.sent_at.is_(None)).order_by(Acta.id)
                            .with_for_update()).scalars())
    if not actas:
        raise Problem(409, "nothing_to_send", "No hay actas pendientes de envío a RENIEC.",
                      "There are no records waiting to be sent to RENIEC.")
    now = utcnow()
    number = documents.next_number(db=db, series=f"RENIEC-{lima(now).year}",
                                   fmt="{series}-{n:04d}")
    content = render(db, number=number, actas=actas, created=now)
    batch = Batch(number=number, filename=f"{number}.txt", count=len(actas),
                  sha256=hashlib.sha256(content).hexdigest(), content=content,
                  created_by=by.actor, created_at=now)
    db.add(batch)
    db.flush()
    for acta in actas:
        acta.sent_at, acta.batch_id = now, batch.id
    db.flush()
    audit.record(db=db, by=by, action="registry.reniec_batch", target=f"batch:{number}",
                 details={"count": len(actas), "sha256": batch.sha256,
                          "actas": [a.ref for a in actas][:500]})
    return batch


def batch_out(batch: Batch) -> BatchOut:
    return BatchOut(number=batch.number, filename=batch.filename, count=batch.count,
                    sha256=batch.sha256, created_at=batch.created_at)


def get_batch(*, db: Session, number: str) -> Batch:
    batch = db.execute(select(Batch).where(Batch.number == number.strip().upper())).scalar()
    if batch is None:
        raise Problem(404, "batch_not_found", "No existe ese lote.", "There is no such batch.")
    return batch


def status(*, db: Session, on: date | None = None, limit: int = 50) -> ReniecStatusOut:
    """What is still to send, what is overdue (registered more than 15 days ago), and the
    last batches."""
    limit_day = (on or today()) - timedelta(days=DEADLINE_DAYS)
    unsent = db.execute(select(func.count()).where(Acta.sent_at.is_(None))).scalar_one()
    late = select(Acta).where(Acta.sent_at.is_(None), Acta.registered_on < limit_day)
    overdue_count = db.execute(select(func.count()).select_from(late.subquery())).scalar_one()
    overdue = [summary(db, a) for a in db.execute(
        late.order_by(Acta.registered_on, Acta.id).limit(limit)).scalars()]
    batches = db.execute(select(Batch).order_by(Batch.id.desc()).limit(10)).scalars()
    return ReniecStatusOut(unsent=unsent, overdue=overdue, overdue_count=overdue_count,
                           deadline_days=DEADLINE_DAYS, batches=[batch_out(b) for b in batches])
