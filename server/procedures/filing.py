"""Mesa de partes: file a procedure (kiosk or front desk), its fee, attachments, the cargo.

A filing is one transaction: the fee's debt and payment (or the check of a receipt already
paid), the expediente with its number and reception date, its first event, the cargo de
recepción and the audit entries. A kiosk filing of a procedure that needs scanned documents
stays `iniciado`, without a number, until the front desk attaches them and registers it:
numbers are taken only by files that exist, so they are never skipped.
"""

import hashlib
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.pe import ruc as stdnum_ruc

from server.audit import service as audit
from server.documents import service as documents
from server.documents.service import DocumentLine
from server.errors import Problem
from server.identity import service as identity
from server.kernel.text import Text
from server.money import fmt
from server.offices import service as offices
from server.payments import service as payments
from server.procedures import calendar, catalogue
from server.procedures.history import add_event
from server.procedures.models import Attachment, Expediente, Procedure
from server.procedures.schemas import FilingIn
from server.sites import service as sites
from server.timeutil import lima, utcnow

MAX_ATTACHMENT = 10 * 1024 * 1024
MEDIA_TYPES = {b"%PDF-": "application/pdf", b"\x89PNG\r\n\x1a\n": "image/png",
               b"\xff\xd8\xff": "image/jpeg"}


def _filer(resident: identity.ResidentRef, ruc: str | None) -> tuple[str, str, str]:
    if not ruc:
        return "dni", resident.dni, resident.full_name
    if not stdnum_ruc.is_valid(ruc):
        raise Problem(422, "ruc_invalid",
                      "El RUC no es válido: revise los 11 dígitos.",
                      "The RUC is not valid: check its 11 digits.")
    return "ruc", stdnum_ruc.compact(ruc), f"{resident.full_name} (RUC {stdnum_ruc.compact(ruc)})"


def _check_data(proc: Procedure, data: dict[str, str]) -> dict[str, str]:
    names = {f["name"]: f for f in proc.fields}
    unknown = sorted(set(data) - set(names))
    if unknown:
        raise Problem(422, "field_unknown", f"Este trámite no pide el dato «{unknown[0]}».",
                      f"This procedure does not ask for «{unknown[0]}».", fields=unknown)
    clean = {k: v.strip() for k, v in data.items()}
    missing = [f for n, f in names.items() if not clean.get(n)]
    if missing:
        raise Problem(422, "field_missing", f"Falta un dato: {missing[0]['es']}.",
                      f"A detail is missing: {missing[0]['en']}.",
                      fields=[f["name"] for f in missing])
    if any(len(v) > 300 for v in clean.values()):
        raise Problem(422, "field_too_long", "Un dato es demasiado largo (máximo 300 letras).",
                      "A detail is too long (300 characters at most).")
    return clean


def _check_requirements(proc: Procedure, checked: list[int]) -> None:
    """The filer confirms each requirement that is not a scanned document (a form, a sworn
    statement, the fee); the documents are checked when attached."""
    missing = [i for i, r in enumerate(proc.requirements)
               if not r.get("attachment") and i not in set(checked)]
    if missing:
        first = proc.requirements[missing[0]]
        raise Problem(422, "requirement_missing",
                      f"Falta un requisito: {first['es']}. Márquelo cuando lo tenga.",
                      f"A requirement is missing: {first['en']}. Tick it when you have it.",
                      requirements=missing)


FEE_KIND = "procedure"  # a procedure's fee is (FEE_KIND, its code) for payments


def _fee_label(proc: Procedure) -> Text:
    return Text(es=f"{proc.code} {proc.name_es}", en=f"{proc.code} {proc.name_en}")


def _pay_fee(db: Session, *, by: audit.Actor, device: sites.DeviceRef,
             staff: identity.StaffRef | None, resident: identity.ResidentRef, proc: Procedure,
             amount: Decimal, body: FilingIn) -> tuple[str | None, bool]:
    """The receipt that pays the fee, and whether it was paid now (not one paid before)."""
    if amount == 0:
        return None, False
    if body.payment is not None:
        if body.payment.amount != amount:
            raise Problem(409, "fee_changed",
                          f"El derecho de trámite es {fmt(amount)}: no se cobró nada.",
                          f"The fee is {fmt(amount)}: nothing was charged.", fee=str(amount))
        paid = payments.charge_fee(db=db, by=by, device=device, staff=staff, resident=resident,
                                   kind=FEE_KIND, reference=proc.code, label=_fee_label(proc),
                                   amount=amount, method=body.payment.method,
                                   card=body.payment.card)
        return paid.receipt_number, True
    if body.fee_receipt:
        receipt = body.fee_receipt.strip()
        try:
            payments.claim_fee_receipt(db=db, resident=resident, kind=FEE_KIND,
                                       reference=proc.code, amount=amount, receipt=receipt)
        except Problem as refused:
            raise _used_on_file(db, refused, receipt) from None
        return receipt, False
    raise Problem(402, "fee_unpaid",
                  f"Este trámite cuesta {fmt(amount)}: páguelo o indique el recibo ya pagado.",
                  f"This procedure costs {fmt(amount)}: pay it or give the receipt already paid.",
                  fee=str(amount))


def _used_on_file(db: Session, refused: Problem, receipt: str) -> Problem:
    """A used receipt is told with the file that used it."""
    if refused.code != "fee_receipt_used":
        return refused
    used = db.execute(select(Expediente.number, Expediente.start_code)
                      .where(Expediente.fee_receipt == receipt)).first()
    if used is None:
        return refused
    file = used.number or used.start_code
    return Problem(409, "fee_receipt_used",
                   f"El recibo {receipt} ya se usó en el expediente {file}.",
                   f"Receipt {receipt} was already used for file {file}.")


def fee_debt(*, db: Session, by: audit.Actor, resident: identity.ResidentRef, code: str
             ) -> payments.FeeDebt:
    """A pending fee debt, to pay at the cashier or a bank before filing at the front desk."""
    proc = catalogue.get(db=db, code=code)
    amount = catalogue.fee(db=db, proc=proc, year=lima(utcnow()).year)
    if amount == 0:
        raise Problem(422, "fee_none", "Este trámite es gratuito.", "This procedure is free.")
    return payments.fee_debt(db=db, by=by, resident=resident, kind=FEE_KIND,
                             reference=proc.code, label=_fee_label(proc), amount=amount)


def register(db: Session, *, by: audit.Actor, exp: Expediente) -> None:
    """Give the file its number, reception date and deadline (Ley 31465, Ley 27444)."""
    now = utcnow()
    year = lima(now).year
    exp.number = documents.next_number(db=db, series=f"EXP-{year}", fmt=f"{year}-{{n:06d}}")
    exp.filed_at = now
    exp.received_on = calendar.reception_date(now)
    exp.due_on = calendar.add_working_days(exp.received_on, exp.procedure.deadline_days)
    exp.state = "registrado"
    db.flush()
    add_event(db, exp, by=by.actor, action="file")
    audit.record(db=db, by=by, action="procedures.file", target=f"expediente:{exp.number}",
                 details={"procedure": exp.procedure.code, "channel": exp.channel,
                          "received_on": exp.received_on.isoformat()})


def file(*, db: Session, by: audit.Actor, device: sites.DeviceRef,
         staff: identity.StaffRef | None, resident: identity.ResidentRef, channel: str,
         body: FilingIn) -> tuple[Expediente, str | None]:
    """The new file, and the receipt number when its fee was paid now."""
    proc = catalogue.get(db=db, code=body.procedure_code)
    doc_type, doc, name = _filer(resident, body.ruc)
    data = _check_data(proc, body.data)
    _check_requirements(proc, body.checked)
    amount = catalogue.fee(db=db, proc=proc, year=lima(utcnow()).year)
    receipt, paid_now = _pay_fee(db, by=by, device=device, staff=staff, resident=resident,
                                 proc=proc, amount=amount, body=body)
    exp = Expediente(
        number=None, start_code=documents.new_code(), procedure_id=proc.id,
        resident_id=resident.id, filer_doc_type=doc_type, filer_doc=doc, filer_name=name,
        data=data, channel=channel, device_id=device.id, created_at=utcnow(),
        office_id=proc.office_id, state="iniciado", fee=amount, fee_receipt=receipt)
    exp.procedure = proc
    db.add(exp)
    db.flush()
    if catalogue.needs_attachment(proc) and channel == "kiosk":
        add_event(db, exp, by=by.actor, action="start")
        audit.record(db=db, by=by, action="procedures.start", target=f"expediente:{exp.start_code}",
                     details={"procedure": proc.code})
    else:
        if catalogue.needs_attachment(proc):
            raise Problem(422, "attachments_first",
                          "Este trámite necesita documentos escaneados: adjúntelos antes de "
                          "registrarlo.", "This procedure needs scanned documents: attach them "
                          "before registering it.")
        register(db, by=by, exp=exp)
    return exp, receipt if paid_now else None


def check(*, db: Session, resident: identity.ResidentRef, body: FilingIn) -> Decimal:
    """What `file` would refuse before any money moves (asked before a card is charged):
    the procedure, the filer, the data, the requirements and the fee shown. Writes nothing."""
    proc = catalogue.get(db=db, code=body.procedure_code)
    _filer(resident, body.ruc)
    _check_data(proc, body.data)
    _check_requirements(proc, body.checked)
    amount = catalogue.fee(db=db, proc=proc, year=lima(utcnow()).year)
    if body.payment is not None and body.payment.amount != amount:
        raise Problem(409, "fee_changed",
                      f"El derecho de trámite es {fmt(amount)}: no se cobró nada.",
                      f"The fee is {fmt(amount)}: nothing was charged.", fee=str(amount))
    return amount


def find_started(db: Session, *, start_code: str) -> Expediente:
    exp = db.execute(select(Expediente).where(
        Expediente.start_code == documents.normalise_code(start_code))).scalar()
    if exp is None or exp.state != "iniciado":
        raise Problem(404, "start_not_found",
                      "No hay una solicitud iniciada con ese código.",
                      "No started request has that code.")
    return exp


def media_type(content: bytes) -> str | None:
    return next((t for magic, t in MEDIA_TYPES.items() if content.startswith(magic)), None)


def attach(*, db: Session, by: audit.Actor, exp: Expediente, requirement: int, filename: str,
           content: bytes) -> Attachment:
    """Keep one scanned document of a file, with its type checked by content, not by name."""
    reqs = exp.procedure.requirements
    if not 0 <= requirement < len(reqs) or not reqs[requirement].get("attachment"):
        raise Problem(422, "requirement_not_document",
                      "Ese requisito no es un documento para adjuntar.",
                      "That requirement is not a document to attach.")
    if exp.state in ("resuelto", "archivado"):
        raise Problem(409, "file_closed", "El expediente ya está cerrado.",
                      "The file is already closed.")
    if len(content) > MAX_ATTACHMENT:
        raise Problem(413, "attachment_too_large",
                      "El archivo pasa de 10 MB: escanéelo en menor resolución o en partes.",
                      "The file is over 10 MB: scan it at a lower resolution or in parts.",
                      limit=MAX_ATTACHMENT)
    kind = media_type(content)
    if kind is None:
        raise Problem(415, "attachment_type",
                      "Solo se aceptan PDF, PNG o JPEG.", "Only PDF, PNG or JPEG are accepted.")
    att = Attachment(expediente_id=exp.id, requirement=requirement, filename=filename[:200],
                     media_type=kind, size=len(content),
                     sha256=hashlib.sha256(content).hexdigest(), content=content,
                     added_by=by.actor, added_at=utcnow())
    db.add(att)
    db.flush()
    add_event(db, exp, by=by.actor, action="attach", note=f"{filename[:120]} ({att.sha256[:12]})")
    audit.record(db=db, by=by, action="procedures.attach",
                 target=f"expediente:{exp.number or exp.start_code}",
                 details={"sha256": att.sha256, "size": att.size, "requirement": requirement})
    return att


def missing_attachments(db: Session, exp: Expediente) -> list[int]:
    have = set(db.execute(select(Attachment.requirement).where(
        Attachment.expediente_id == exp.id)).scalars())
    return [i for i, r in enumerate(exp.procedure.requirements)
            if r.get("attachment") and i not in have]


def complete(*, db: Session, by: audit.Actor, exp: Expediente) -> None:
    """The front desk registers a kiosk-started filing once every document is attached."""
    missing = missing_attachments(db, exp)
    if missing:
        first = exp.procedure.requirements[missing[0]]
        raise Problem(422, "requirement_missing", f"Falta adjuntar: {first['es']}.",
                      f"Still to attach: {first['en']}.", requirements=missing)
    register(db, by=by, exp=exp)


def cargo(*, db: Session, by: audit.Actor, device: sites.DeviceRef,
          exp: Expediente) -> documents.IssuedDocument:
    """The cargo de recepción: what was received, when it counts from, and until when."""
    proc = exp.procedure
    started = exp.number is None
    lines = [DocumentLine(label=Text(es="Trámite", en="Procedure"),
                          value=f"{proc.code} {proc.name_es}")]
    if started:
        lines.append(DocumentLine(label=Text(es="Código de inicio", en="Start code"),
                                  value=exp.start_code))
    else:
        lines += [DocumentLine(label=Text(es="Expediente", en="File"), value=exp.number),
                  DocumentLine(label=Text(es="Fecha de recepción", en="Received on"),
                               value=f"{exp.received_on:%d/%m/%Y}"),
                  DocumentLine(label=Text(es="Plazo", en="Term"),
                               value=f"{proc.deadline_days} días hábiles / working days"),
                  DocumentLine(label=Text(es="Respuesta hasta", en="Answer by"),
                               value=f"{exp.due_on:%d/%m/%Y}")]
    office = offices.get_by_id(db=db, office_id=exp.office_id)
    lines.append(DocumentLine(label=Text(es="Oficina", en="Office"), value=office.name_es))
    for i, req in enumerate(proc.requirements):
        mark = "PENDIENTE" if started and req.get("attachment") else "OK"
        label = Text(es=f"{i + 1}. {req['es']}", en=f"{i + 1}. {req['en']}")
        lines.append(DocumentLine(label=label, value=mark))
    if exp.fee_receipt:
        lines.append(DocumentLine(label=Text(es="Derecho pagado", en="Fee paid"),
                                  value=f"{fmt(exp.fee)} rec. {exp.fee_receipt}"))
    lines.append(DocumentLine(
        label=Text(es="Seguimiento", en="Follow it"),
        value=("Mesa de partes: lleve los documentos" if started else
               "Quiosco: N.º de expediente + DNI/RUC")))
    title = (Text(es="Solicitud iniciada (falta documentación)",
                  en="Request started (documents missing)") if started else
             Text(es="Cargo de recepción", en="Filing receipt"))
    doc = documents.issue(db=db, by=by, device=device, kind="cargo", prefix="CAR", title=title,
                          lines=lines,
                          resident=identity.get_resident(db=db, resident_id=exp.resident_id))
    exp.cargo_code = doc.code
    return doc

