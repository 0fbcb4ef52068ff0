"""Payments: take money for chosen debts exactly once, issue the numbered receipt, void it.

A payment locks its debts, prices them for today (or takes a payment code's frozen quote),
checks that the payer was shown that same total, writes the receipt (a numbered document of
the site's series), the allocations and the new balances, and the audit entry: all in one
transaction, which the caller commits together with its idempotency record.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from server.accounts import service as accounts
from server.audit import service as audit
from server.documents import service as documents
from server.documents.service import DocumentLine
from server.errors import Problem
from server.identity import service as identity
from server.kernel.text import Text
from server.money import ZERO, fmt
from server.payments import cash
from server.payments.models import (
    Allocation,
    OfflineCreditSettlement,
    OfflinePayment,
    Payment,
    PaymentCode,
    PaymentCodeDebt,
)
from server.payments.schemas import AllocationOut, CardApproval, PaymentOut, PaymentSummary
from server.sites import service as sites
from server.timeutil import LIMA, lima, today, utcnow

METHOD_NAMES = {"card": ("Tarjeta", "Card"), "cash": ("Efectivo", "Cash"),
                "bank": ("Código de pago en banco", "Payment code at a bank")}


@dataclass(frozen=True)
class ReceiptRef:
    """A payment as other domains see it: its receipt, amount, state and what it paid."""

    id: int
    receipt_number: str
    document_code: str
    resident_id: int
    amount: Decimal
    method: str
    status: str  # paid | voided
    allocations: tuple[AllocationOut, ...]
    paid_at: datetime
    document: documents.IssuedDocument | None = None  # when just issued: printed as written


def receipt_ref(payment: Payment) -> ReceiptRef:
    return ReceiptRef(
        id=payment.id, receipt_number=payment.receipt_number,
        document_code=payment.document_code, resident_id=payment.resident_id,
        amount=payment.amount, method=payment.method, status=payment.status,
        allocations=tuple(_allocation_out(a) for a in payment.allocations),
        paid_at=payment.paid_at)


def _allocation_out(a: Allocation) -> AllocationOut:
    return AllocationOut(debt_id=a.debt_id, label=a.label, principal=a.principal,
                         interest=a.interest, discount=a.discount, total=a.total)


def _t(es: str, en: str) -> Text:
    return Text(es=es, en=en)


def method_line(method: str, card: CardApproval | None) -> tuple[str | None, str]:
    """The payment reference and how the receipt names the method."""
    if method == "card":
        if card is None:
            raise Problem(422, "card_approval_missing",
                          "Falta la aprobación del terminal de tarjetas: no se cobró nada.",
                          "The card terminal's approval is missing: nothing was charged.")
        return card.authorization, (f"Tarjeta {card.brand} ****{card.last4} "
                                    f"aut. {card.authorization}")
    return None, "Efectivo / Cash"


# Built once: every payment asks (building the statement costs more than running it).
_CODES, _CODE_DEBTS = PaymentCode.__table__, PaymentCodeDebt.__table__
_RESERVING = select(_CODES.c.code).join(
    _CODE_DEBTS, _CODE_DEBTS.c.payment_code_id == _CODES.c.id).where(
    _CODE_DEBTS.c.debt_id.in_(bindparam("debt_ids", expanding=True)),
    _CODES.c.status == "pending", _CODES.c.expires_at > bindparam("now"),
    _CODES.c.id != bindparam("except_code"))


def check_not_reserved(*, db: Session, debt_ids: Sequence[int], except_code: int | None
                       ) -> None:
    row = db.execute(_RESERVING, {"debt_ids": list(debt_ids), "now": utcnow(),
                                  "except_code": except_code or 0}).first()
    if row is not None:
        code = row.code
        raise Problem(409, "debt_reserved",
                      f"Esas deudas tienen un código de pago pendiente ({code}). Páguelo o "
                      "anúlelo antes de pagarlas de otra forma.",
                      f"Those debts have a pending payment code ({code}). Pay it or cancel it "
                      "before paying them another way.", payment_code=code)


def allocation_from(line: accounts.StatementLine) -> AllocationOut:
    suffix = f" ({line.property_code})" if line.property_code else ""
    return AllocationOut(debt_id=line.debt_id, label=line.label.es + suffix,
                         principal=line.principal, interest=line.interest,
                         discount=line.discount, total=line.total)


def _receipt_lines(allocations: Sequence[AllocationOut], method_line: str,
                   extra: Sequence[DocumentLine]) -> list[DocumentLine]:
    lines = [DocumentLine(label=_t(a.label, a.label), value=fmt(a.total)) for a in allocations]
    sums = {k: sum((getattr(a, k) for a in allocations), ZERO)
            for k in ("principal", "interest", "discount", "total")}
    lines += [DocumentLine(label=_t("Insoluto", "Principal"), value=fmt(sums["principal"])),
              DocumentLine(label=_t("Interés moratorio", "Late interest"),
                           value=fmt(sums["interest"])),
              DocumentLine(label=_t("Descuento", "Discount"), value=fmt(sums["discount"])),
              DocumentLine(label=_t("TOTAL PAGADO", "TOTAL PAID"), value=fmt(sums["total"])),
              DocumentLine(label=_t("Medio de pago", "Paid by"), value=method_line)]
    return lines + list(extra)


def _priced(*, db: Session, resident: identity.ResidentRef, debt_ids: Sequence[int],
            amount: Decimal, code: PaymentCode | None, as_of: date
            ) -> tuple[list[int], list[AllocationOut], Decimal]:
    """Lock the debts and price them (or take a code's frozen quote); refuse when a pending
    code reserves them or when the payer was shown another total."""
    if code is not None:  # the amounts frozen when the code was issued
        ids = accounts.lock_debts(db=db, resident=resident, debt_ids=debt_ids)
        check_not_reserved(db=db, debt_ids=ids, except_code=code.id)
        lines = [AllocationOut.model_validate(x) for x in code.lines]
    else:
        ids, quote = accounts.lock_and_price(db=db, resident=resident, debt_ids=debt_ids,
                                             as_of=as_of)
        check_not_reserved(db=db, debt_ids=ids, except_code=None)
        lines = [allocation_from(x) for x in quote.lines]
    total = sum((x.total for x in lines), ZERO)
    if total != amount:
        raise Problem(409, "amount_changed",
                      f"El total a pagar ahora es {fmt(total)} (antes {fmt(amount)}). Revíselo "
                      "y confirme de nuevo: no se cobró nada.",
                      f"The total is now {fmt(total)} (was {fmt(amount)}). Check it and "
                      "confirm again: nothing was charged.", total=str(total))
    return ids, lines, total


def check_payable(*, db: Session, resident: identity.ResidentRef, debt_ids: Sequence[int],
                  amount: Decimal) -> Decimal:
    """What `pay` would refuse, asked before the card is charged: nothing is written (the
    caller rolls back the locks)."""
    return _priced(db=db, resident=resident, debt_ids=debt_ids, amount=amount, code=None,
                   as_of=today())[2]


def pay(*, db: Session, by: audit.Actor, device: sites.DeviceRef,
        resident: identity.ResidentRef, debt_ids: Sequence[int], method: str, amount: Decimal,
        reference: str | None, method_line: str, cash_session_id: int | None = None,
        code: PaymentCode | None = None, tendered: Decimal | None = None,
        paid_on: date | None = None, collected_at: datetime | None = None,
        number: str | None = None) -> ReceiptRef:
    """`paid_on` is for payments imported from the previous system (priced on their day);
    `code` is the payment code being paid (payments.codes), whose quote is frozen;
    `collected_at` and `number` are for cash collected offline (payments.offline): priced
    on the day it was collected, its receipt numbered from the device's block."""
    if collected_at is not None:
        paid_on = lima(collected_at).date()
    ids, lines, total = _priced(db=db, resident=resident, debt_ids=debt_ids, amount=amount,
                                code=code, as_of=paid_on or today())
    extra = []
    if tendered is not None:
        if tendered < total:
            raise Problem(422, "tendered_short", f"El efectivo recibido no cubre {fmt(total)}.",
                          f"The cash tendered does not cover {fmt(total)}.")
        extra = [DocumentLine(label=_t("Recibido", "Tendered"), value=fmt(tendered)),
                 DocumentLine(label=_t("Vuelto", "Change"), value=fmt(tendered - total))]
    doc = documents.issue(db=db, by=by, device=device, kind="payment_receipt", prefix="RP",
                          title=_t("Recibo de pago", "Payment receipt"),
                          lines=_receipt_lines(lines, method_line, extra), resident=resident,
                          number=number)
    paid_at = collected_at or (utcnow() if paid_on is None else datetime.combine(
        paid_on, time(12), LIMA))
    payment_id = db.execute(_INSERT_PAYMENT, {
        "receipt_number": doc.number, "document_code": doc.code, "resident_id": resident.id,
        "device_id": device.id, "cash_session_id": cash_session_id, "method": method,
        "amount": total, "reference": reference, "paid_at": paid_at, "paid_by": by.actor,
        "status": "paid"}).scalar_one()
    db.execute(_INSERT_ALLOCATION, [{"payment_id": payment_id, **line.model_dump()}
                                    for line in lines])
    for line in lines:
        accounts.reduce_balance(db=db, debt_id=line.debt_id, principal=line.principal)
    audit.record(db=db, by=by, action=f"payment.{method}", target=f"payment:{doc.number}",
                 details={"amount": str(total), "debts": sorted(ids), "reference": reference})
    return ReceiptRef(id=payment_id, receipt_number=doc.number, document_code=doc.code,
                      resident_id=resident.id, amount=total, method=method, status="paid",
                      allocations=tuple(lines), paid_at=paid_at, document=doc)


# Built once: the statements of every payment (building one costs more than running it),
# run on the tables rather than through the ORM's unit of work.
_INSERT_PAYMENT = insert(Payment.__table__).returning(Payment.__table__.c.id)
_INSERT_ALLOCATION = insert(Allocation.__table__)


def _find(db: Session, receipt_number: str, lock: bool = False) -> Payment | None:
    query = select(Payment).where(Payment.receipt_number == receipt_number)
    return db.execute(query.with_for_update() if lock else query).scalar()


def payment_out(*, db: Session, receipt_number: str, base_url: str,
                change: Decimal | None = None) -> PaymentOut:
    """The receipt as the kiosk prints it."""
    return receipt_out(db=db, receipt=receipt_ref(_find(db, receipt_number)),
                       base_url=base_url, change=change)


def receipt_out(*, db: Session, receipt: ReceiptRef, base_url: str,
                change: Decimal | None = None) -> PaymentOut:
    """The receipt as the kiosk prints it, from the payment just made or voided (not read
    again)."""
    return PaymentOut(
        receipt_number=receipt.receipt_number, amount=receipt.amount, method=receipt.method,
        status=receipt.status, paid_at=receipt.paid_at, change=change,
        allocations=list(receipt.allocations),
        document=documents.document_out(db=db, code=receipt.document_code, base_url=base_url)
        if receipt.document is None
        else documents.issued_out(doc=receipt.document, base_url=base_url))


def history(*, db: Session, resident: identity.ResidentRef, limit: int = 50
            ) -> list[PaymentSummary]:
    rows = db.execute(select(Payment).where(Payment.resident_id == resident.id)
                      .order_by(Payment.paid_at.desc(), Payment.id.desc()).limit(limit))
    return [PaymentSummary(receipt_number=p.receipt_number, document_code=p.document_code,
                           paid_at=p.paid_at, amount=p.amount, method=p.method, status=p.status)
            for p in rows.scalars()]


SUPERVISOR_REQUIRED = (403, "supervisor_required",
                       "Anular requiere la clave de un supervisor distinto de quien cobra.",
                       "Voiding needs the password of a supervisor other than the cashier.")


def _supervisor_locked(until: datetime) -> Problem:
    at = lima(until).strftime("%H:%M")
    return Problem(423, "supervisor_locked",
                   f"La clave del supervisor está bloqueada por intentos fallidos hasta las {at}.",
                   f"The supervisor's password is locked after failed attempts until {at}.",
                   locked_until=until.isoformat())


def void(*, db: Session, by: audit.Actor, staff: identity.StaffRef, receipt_number: str,
         reason: str, supervisor: str, supervisor_password: str, max_failures: int,
         lockout_minutes: int) -> ReceiptRef:
    """Anular: a supervisor (an administrator other than the cashier) confirms; the payment
    stays, marked voided, and every debt gets back exactly what the payment took from it.
    The supervisor's password is checked like a login: wrong ones count towards the same
    lockout, and a locked supervisor cannot confirm."""
    payment = _find(db, receipt_number, lock=True)
    if payment is None:
        raise Problem(404, "receipt_not_found", "No existe un recibo con ese número.",
                      "No receipt has that number.")
    if payment.status == "voided":
        raise Problem(409, "receipt_already_voided", "Ese recibo ya está anulado.",
                      "That receipt is already voided.")
    now = utcnow()
    check = identity.check_login(db=db, username=supervisor, password=supervisor_password,
                                 now=now, max_failures=max_failures,
                                 lockout_minutes=lockout_minutes)
    target = f"payment:{receipt_number}"
    if check.outcome == "locked":
        audit.record_denied(db=db, by=by, action="payment.void", target=target,
                            details={"reason": "supervisor_locked",
                                     "supervisor": f"staff:{check.staff.id}"})
        raise _supervisor_locked(check.locked_until)
    if check.outcome == "wrong":  # the failure counts: committed with its audit entry
        audit.record(db=db, by=by, action="payment.void", target=target, outcome="denied",
                     details={"reason": "supervisor_password",
                              "supervisor": f"staff:{check.staff.id}"})
        db.commit()
        if check.locked_until and check.locked_until > now:
            raise _supervisor_locked(check.locked_until)
        raise Problem(*SUPERVISOR_REQUIRED)
    boss = check.staff
    if boss is None or boss.role != identity.Role.ADMINISTRATOR or boss.id == staff.id:
        audit.record_denied(db=db, by=by, action="payment.void", target=target,
                            details={"reason": "supervisor", "supervisor": supervisor[:64]})
        raise Problem(*SUPERVISOR_REQUIRED)
    for allocation in payment.allocations:
        accounts.restore_balance(db=db, debt_id=allocation.debt_id,
                                 principal=allocation.principal)
    payment.status, payment.void_reason, payment.voided_at = "voided", reason, utcnow()
    payment.voided_by, payment.void_supervisor = by.actor, f"staff:{boss.id}"
    documents.void(db=db, code=payment.document_code)
    _credit_back(db=db, by=by, payment=payment)
    audit.record(db=db, by=by, action="payment.void", target=f"payment:{receipt_number}",
                 details={"reason": reason, "supervisor": f"staff:{boss.id}",
                          "restored": {str(a.debt_id): str(a.principal)
                                       for a in payment.allocations}})
    return receipt_ref(payment)


def _credit_back(*, db: Session, by: audit.Actor, payment: Payment) -> None:
    """A voided receipt that had applied an offline credit (payments.credits): the debts get
    their balances back, so the credit is owed to the resident again, to refund or apply
    anew; otherwise the resident's cash would be neither applied nor refundable."""
    applied = db.execute(select(OfflineCreditSettlement).where(
        OfflineCreditSettlement.kind == "apply",
        OfflineCreditSettlement.payment_id == payment.id)).scalar()
    if applied is None:
        return
    credit = db.execute(select(OfflinePayment).where(
        OfflinePayment.id == applied.offline_payment_id).with_for_update()).scalar_one()
    left = credit.amount if credit.remaining is None else credit.remaining
    credit.remaining, credit.status = left + applied.amount, "credit"
    audit.record(db=db, by=by, action="payment.offline.credit.restore",
                 target=f"offline:{credit.number}",
                 details={"amount": str(applied.amount), "receipt": payment.receipt_number,
                          "remaining": str(credit.remaining)})


def may_collect(*, method: str, staff: identity.StaffRef | None) -> None:
    """Residents pay their own debts by card; of the staff, only cashiers (and
    administrators) collect, and cash is taken only at a cashier's open session."""
    if method == "cash" and staff is None:
        raise Problem(422, "cash_at_cashier", "En efectivo se paga en la caja municipal o con "
                      "un código de pago.", "Cash is paid at the municipal cashier or with a "
                      "payment code.")
    if staff is not None and staff.role not in (identity.Role.CASHIER,
                                                identity.Role.ADMINISTRATOR):
        raise Problem(403, "role_forbidden", "Su rol no permite cobrar.",
                      "Your role does not allow collecting payments.")


def collect(*, db: Session, by: audit.Actor, device: sites.DeviceRef,
            staff: identity.StaffRef | None, resident: identity.ResidentRef,
            debt_ids: Sequence[int], method: str, amount: Decimal, card: CardApproval | None,
            tendered: Decimal | None = None) -> ReceiptRef:
    """Take a payment for the chosen debts in the caller's transaction."""
    may_collect(method=method, staff=staff)
    session_id = cash.require_open(db=db, staff=staff, device=device).id if staff else None
    reference, line = method_line(method, card)
    return pay(db=db, by=by, device=device, resident=resident, debt_ids=debt_ids,
               method=method, amount=amount, reference=reference, method_line=line,
               cash_session_id=session_id, tendered=tendered)


def find(*, db: Session, receipt_number: str) -> ReceiptRef | None:
    payment = _find(db, receipt_number)
    return receipt_ref(payment) if payment is not None else None
