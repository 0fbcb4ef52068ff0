"""Certified copies: the fee (paid now by card or cash, or by a receipt paid at the cashier or
a bank; the couple's first marriage copy free), then the certificate (a numbered document,
printed, and its PDF signed with PAdES and published with it) — or, for an acta held only on
paper, a request with a tracking number that staff fulfil. One transaction each: a refusal
anywhere leaves nothing charged and nothing issued."""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.documents import service as documents
from server.documents.service import DocumentLine
from server.errors import Problem
from server.identity import service as identity
from server.kernel.text import Text
from server.money import ZERO, fmt
from server.payments import service as payments
from server.registry import access, fees, pdf, signing, texts
from server.registry.certificate import copy_lines
from server.registry.models import Acta, Copy, CopyRequest
from server.registry.schemas import CopyIn, CopyOut, CopyQuote, CopyRequestOut
from server.registry.views import image_of, summary
from server.sites import service as sites
from server.timeutil import lima, utcnow

REQUEST_STATE = {"pendiente": Text(es="Pendiente: el registro civil la está preparando",
                                   en="Pending: the civil registry is preparing it"),
                 "atendida": Text(es="Lista: imprímala en cualquier quiosco",
                                  en="Ready: print it at any kiosk")}


@dataclass(frozen=True)
class Issuing:
    """Where a copy is issued and with what: the device, who serves, the signing set-up."""

    by: audit.Actor
    device: sites.DeviceRef
    staff: identity.StaffRef | None
    signing: signing.SigningPaths
    base_url: str


def quote(*, db: Session, resident: identity.ResidentRef, staff: identity.StaffRef | None,
          acta_id: int) -> CopyQuote:
    registrar = access.is_registrar(staff)
    acta = access.get_acta(db, acta_id, registrar=registrar)
    access.check_copy(db, acta, resident=resident, registrar=registrar)
    free = fees.free_for(db, acta, resident)
    return CopyQuote(acta=summary(db, acta), amount=ZERO if free else fees.fee(db),
                     free=free, digitised=acta.digitised, tupa_code=fees.fee_row(db).tupa_code)


def _label(acta: Acta) -> Text:
    kind = texts.KIND_TEXT[acta.kind]
    return Text(es=f"Copia certificada {kind.es.lower()} {acta.ref}",
                en=f"Certified copy {kind.en.lower()} {acta.ref}")


def _pay(db: Session, ctx: Issuing, *, resident: identity.ResidentRef, acta: Acta,
         body: CopyIn) -> tuple[Decimal, bool, str | None]:
    """(amount, free, receipt): the fee charged now, or a receipt paid before, or nothing."""
    if fees.take_free(db, acta, resident):
        return ZERO, True, None
    amount = fees.fee(db)
    if body.payment is not None:
        if body.payment.amount != amount:
            raise Problem(409, "fee_changed",
                          f"La copia cuesta {fmt(amount)}: no se cobró nada.",
                          f"The copy costs {fmt(amount)}: nothing was charged.",
                          fee=str(amount))
        paid = payments.charge_fee(db=db, by=ctx.by, device=ctx.device, staff=ctx.staff,
                                   resident=resident, kind=fees.FEE_KIND, reference=acta.ref,
                                   label=_label(acta), amount=amount,
                                   method=body.payment.method, card=body.payment.card)
        return amount, False, paid.receipt_number
    if body.fee_receipt:
        receipt = body.fee_receipt.strip()
        payments.claim_fee_receipt(db=db, resident=resident, kind=fees.FEE_KIND,
                                   reference=acta.ref, amount=amount, receipt=receipt)
        return amount, False, receipt
    raise Problem(402, "fee_unpaid",
                  f"La copia cuesta {fmt(amount)}: páguela o indique el recibo ya pagado.",
                  f"The copy costs {fmt(amount)}: pay it or give the receipt already paid.",
                  fee=str(amount))


def issue_copy(*, db: Session, ctx: Issuing, resident: identity.ResidentRef,
               body: CopyIn) -> CopyOut:
    """A copy for `resident`: the certificate now, or a request for a paper-only acta."""
    if ctx.staff is not None and ctx.staff.role not in (
            identity.Role.REGISTRAR, identity.Role.CASHIER, identity.Role.ADMINISTRATOR):
        raise Problem(403, "role_forbidden", "Su rol no permite emitir copias certificadas.",
                      "Your role does not allow issuing certified copies.")
    registrar = access.is_registrar(ctx.staff)
    acta = access.get_acta(db, body.acta_id, registrar=registrar, lock=True)
    access.check_copy(db, acta, resident=resident, registrar=registrar)
    if acta.digitised:
        signing.signer_for(ctx.signing)  # a missing signature set-up refuses before charging
    amount, free, receipt = _pay(db, ctx, resident=resident, acta=acta, body=body)
    if not acta.digitised:
        return _request(db, ctx, resident=resident, acta=acta, amount=amount, free=free,
                        receipt=receipt)
    channel = "kiosk" if ctx.staff is None else "counter"
    doc = certify(db, ctx, resident=resident, acta=acta, amount=amount, free=free,
                  receipt=receipt, channel=channel)
    return CopyOut(document=doc, amount=amount, free=free, receipt=receipt,
                   pdf_url=f"{ctx.base_url.rstrip('/')}/verify/{doc.code}/pdf")


def certify(db: Session, ctx: Issuing, *, resident: identity.ResidentRef, acta: Acta,
            amount: Decimal, free: bool, receipt: str | None, channel: str
            ) -> documents.DocumentOut:
    """Issue the certificate document, render and sign its PDF, publish it, record the copy."""
    lines = copy_lines(db, acta, certifier=signing.signer_name(ctx.signing))
    issued = documents.issue(db=db, by=ctx.by, device=ctx.device, kind="registry_copy",
                             prefix="CC", title=texts.COPY_TITLE[acta.kind], lines=lines,
                             resident=resident)
    out = documents.document_out(db=db, code=issued.code, base_url=ctx.base_url)
    page = pdf.CopyPage(title=out.title, number=out.number, code=out.code,
                        verify_url=out.verify_url, issued_at=lima(out.issued_at),
                        site=out.site_name, holder=out.holder_name, lines=out.lines)
    signed = signing.sign(pdf.render(page), ctx.signing,
                          reason=f"Copia certificada {acta.ref} / {out.number}")
    documents.attach_pdf(db=db, code=issued.code, filename=f"{out.number}.pdf", content=signed)
    db.add(Copy(acta_id=acta.id, resident_id=resident.id, document_code=issued.code,
                amount=amount, free=free, receipt=receipt, channel=channel,
                issued_by=ctx.by.actor, issued_at=utcnow()))
    db.flush()
    audit.record(db=db, by=ctx.by, action="registry.copy", target=f"acta:{acta.ref}",
                 details={"document": out.number, "amount": str(amount), "free": free,
                          "channel": channel, "reserved": acta.reserved})
    return out


def _request(db: Session, ctx: Issuing, *, resident: identity.ResidentRef, acta: Acta,
             amount: Decimal, free: bool, receipt: str | None) -> CopyOut:
    year = lima(utcnow()).year
    tracking = documents.next_number(db=db, series=f"SOL-{year}")
    kind = texts.KIND_TEXT[acta.kind]
    lines = [DocumentLine(label=Text(es="N.º de seguimiento", en="Tracking number"),
                          value=tracking),
             DocumentLine(label=kind, value=acta.ref),
             DocumentLine(label=Text(es="Importe", en="Amount"),
                          value=f"{fmt(amount)}{' rec. ' + receipt if receipt else ''}"),
             DocumentLine(label=Text(es="Siguiente paso", en="Next step"),
                          value="El acta está en papel: el registro civil prepara la copia. "
                                "Siga la solicitud en el quiosco / Follow it at a kiosk.")]
    issued = documents.issue(db=db, by=ctx.by, device=ctx.device, kind="registry_request",
                             prefix="SOL", title=texts.REQUEST_TITLE, lines=lines,
                             resident=resident)
    req = CopyRequest(tracking=tracking, acta_id=acta.id, resident_id=resident.id,
                      amount=amount, receipt=receipt, state="pendiente",
                      ticket_code=issued.code, created_at=utcnow())
    db.add(req)
    db.flush()
    audit.record(db=db, by=ctx.by, action="registry.request", target=f"acta:{acta.ref}",
                 details={"tracking": tracking, "amount": str(amount)})
    return CopyOut(document=documents.document_out(db=db, code=issued.code,
                                                   base_url=ctx.base_url),
                   amount=amount, free=free, receipt=receipt,
                   request=request_out(db, req, staff=False))


def request_out(db: Session, req: CopyRequest, *, staff: bool) -> CopyRequestOut:
    acta = db.get(Acta, req.acta_id)
    requester = identity.get_resident(db=db, resident_id=req.resident_id) if staff else None
    return CopyRequestOut(tracking=req.tracking, acta_ref=acta.ref,
                          kind_text=texts.KIND_TEXT[acta.kind], state=req.state,
                          state_text=REQUEST_STATE[req.state], created_at=req.created_at,
                          fulfilled_at=req.fulfilled_at, copy_code=req.copy_code,
                          requester=requester.full_name if requester else None)


def own_request(*, db: Session, resident: identity.ResidentRef, tracking: str) -> CopyRequest:
    req = db.execute(select(CopyRequest).where(
        CopyRequest.tracking == tracking.strip().upper())).scalar()
    if req is None or req.resident_id != resident.id:
        raise Problem(404, "request_not_found",
                      "No tiene una solicitud con ese número de seguimiento.",
                      "You have no request with that tracking number.")
    return req


def my_requests(*, db: Session, resident: identity.ResidentRef) -> list[CopyRequest]:
    return list(db.execute(select(CopyRequest).where(CopyRequest.resident_id == resident.id)
                           .order_by(CopyRequest.id.desc())).scalars())


def pending(*, db: Session) -> list[CopyRequest]:
    return list(db.execute(select(CopyRequest).where(CopyRequest.state == "pendiente")
                           .order_by(CopyRequest.id)).scalars())


def fulfil(*, db: Session, ctx: Issuing, tracking: str) -> CopyRequest:
    """Staff prepared the copy of a paper acta: its scanned image must be attached first
    (which digitises it); the certificate is issued to the requester, already paid."""
    req = db.execute(select(CopyRequest).where(CopyRequest.tracking == tracking.strip()
                                               .upper()).with_for_update()).scalar()
    if req is None:
        raise Problem(404, "request_not_found", "No existe esa solicitud.",
                      "There is no such request.")
    if req.state != "pendiente":
        raise Problem(409, "request_done", f"La solicitud {req.tracking} ya fue atendida.",
                      f"Request {req.tracking} was already fulfilled.")
    acta = access.get_acta(db, req.acta_id, registrar=True, lock=True)
    if image_of(db, acta.id) is None:
        raise Problem(409, "image_missing",
                      "Primero adjunte la imagen escaneada del acta en papel.",
                      "First attach the scanned image of the paper record.")
    resident = identity.get_resident(db=db, resident_id=req.resident_id)
    doc = certify(db, ctx, resident=resident, acta=acta, amount=req.amount,
                  free=req.amount == ZERO, receipt=req.receipt, channel="request")
    req.state, req.fulfilled_at, req.fulfilled_by = "atendida", utcnow(), ctx.by.actor
    req.copy_code = doc.code
    db.flush()
    audit.record(db=db, by=ctx.by, action="registry.fulfil", target=f"request:{req.tracking}",
                 details={"document": doc.number})
    return req


def fee_debt(*, db: Session, by: audit.Actor, resident: identity.ResidentRef,
             staff: identity.StaffRef | None, acta_id: int) -> payments.FeeDebt:
    """The copy's fee as a pending debt (payment code, cashier); its receipt then pays it."""
    registrar = access.is_registrar(staff)
    acta = access.get_acta(db, acta_id, registrar=registrar)
    access.check_copy(db, acta, resident=resident, registrar=registrar)
    if fees.free_for(db, acta, resident):
        raise Problem(422, "fee_none", "La primera copia de su acta de matrimonio es gratuita.",
                      "The first copy of your marriage record is free.")
    return payments.fee_debt(db=db, by=by, resident=resident, kind=fees.FEE_KIND,
                             reference=acta.ref, label=_label(acta), amount=fees.fee(db))
