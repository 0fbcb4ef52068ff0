"""Expedientes: file, register, find them for their resident, staff and the public."""

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.documents import service as documents
from server.errors import Problem
from server.identity import service as identity
from server.payments import service as payments
from server.procedures import filing, views, workflow
from server.procedures.models import Expediente
from server.procedures.schemas import FilingIn, FilingOut
from server.procedures.workflow import FILE_NOT_FOUND, sweep_silence
from server.sites import service as sites

NUMBER = re.compile(r"\d{4}-\d{6}")


def _filed(db: Session, *, by: audit.Actor, device: sites.DeviceRef, exp: Expediente,
           base_url: str, receipt: str | None = None) -> FilingOut:
    """Approve an automatic procedure on registration, print the cargo, answer (with the
    receipt of the fee when it was paid now)."""
    if exp.number and exp.procedure.qualification == "automatic":
        workflow.approve_automatic(db=db, by=by, device=device, exp=exp)
    doc = filing.cargo(db=db, by=by, device=device, exp=exp)
    db.flush()
    return FilingOut(expediente=views.expediente_out(db, exp),
                     document=documents.document_out(db=db, code=doc.code, base_url=base_url),
                     payment=(payments.payment_out(db=db, receipt_number=receipt,
                                                   base_url=base_url)
                              if receipt is not None else None))


def file(*, db: Session, by: audit.Actor, device: sites.DeviceRef,
         staff: identity.StaffRef | None, resident: identity.ResidentRef, channel: str,
         body: FilingIn, base_url: str) -> FilingOut:
    """File, pay, print: one transaction (the caller commits it with its idempotency record)."""
    exp, receipt = filing.file(db=db, by=by, device=device, staff=staff, resident=resident,
                               channel=channel, body=body)
    return _filed(db, by=by, device=device, exp=exp, base_url=base_url, receipt=receipt)


def complete(*, db: Session, by: audit.Actor, device: sites.DeviceRef, start_code: str,
             base_url: str) -> FilingOut:
    """The front desk registers a kiosk-started filing: number, dates, the cargo."""
    exp = filing.find_started(db, start_code=start_code)
    filing.complete(db=db, by=by, exp=exp)
    return _filed(db, by=by, device=device, exp=exp, base_url=base_url)


def _by_ref(ref: str):
    """A file by its number (2026-000123) or, before it has one, its start code."""
    ref = ref.strip().upper()
    if NUMBER.fullmatch(ref):
        return select(Expediente).where(Expediente.number == ref)
    return select(Expediente).where(Expediente.start_code == documents.normalise_code(ref))


def own_file(*, db: Session, resident: identity.ResidentRef, ref: str) -> Expediente:
    """A resident's own file by number or start code; another's is "not found"."""
    exp = db.execute(_by_ref(ref)).scalar()
    if exp is None or exp.resident_id != resident.id:
        raise FILE_NOT_FOUND
    sweep_silence(db=db, ids=[exp.id])
    return exp


def my_files(*, db: Session, resident: identity.ResidentRef) -> list[Expediente]:
    ids = list(db.execute(select(Expediente.id).where(Expediente.resident_id == resident.id))
               .scalars())
    sweep_silence(db=db, ids=ids)
    return list(db.execute(select(Expediente).where(Expediente.resident_id == resident.id)
                           .order_by(Expediente.created_at.desc(), Expediente.id.desc()))
                .scalars())


def staff_file(*, db: Session, ref: str, lock: bool = False) -> Expediente:
    query = _by_ref(ref)
    exp = db.execute(query.with_for_update(of=Expediente) if lock else query).scalar()
    if exp is None:
        raise Problem(404, "expediente_not_found", "No existe ese expediente.",
                      "There is no such file.")
    return exp


PUBLIC_NOT_FOUND = Problem(
    404, "expediente_lookup_failed",
    "No hay un expediente con ese número y ese DNI o RUC. Revise ambos datos en su cargo.",
    "There is no file with that number and that DNI or RUC. Check both on your receipt.")


def public_lookup(*, db: Session, number: str, document: str) -> Expediente:
    """The same answer for a wrong number and a wrong document: it reveals nothing."""
    exp = db.execute(select(Expediente).where(
        Expediente.number == number.strip())).scalar()
    if exp is None or exp.filer_doc != "".join(ch for ch in document if ch.isdigit()):
        raise PUBLIC_NOT_FOUND
    sweep_silence(db=db, ids=[exp.id])
    return exp

