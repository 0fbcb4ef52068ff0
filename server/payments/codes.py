"""Payment codes (CIP): issue one for chosen debts, collect it at a bank or the cashier.

A code freezes the quote of the day it is issued until it expires and reserves its debts.
Banks report payments by a signed notification or in their settlement file; both go through
`apply_bank_notice`, idempotent per (bank, operation), so a notice told twice pays once.
"""

import csv
import hashlib
import hmac
import io
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from stdnum import luhn

from server.accounts import service as accounts
from server.audit import service as audit
from server.documents import service as documents
from server.documents.service import DocumentLine
from server.errors import Problem
from server.identity import service as identity
from server.kernel.text import Text
from server.money import fmt
from server.payments import receipts as payments
from server.payments.models import BankNotice, Payment, PaymentCode, PaymentCodeDebt
from server.payments.schemas import AllocationOut, BankAck, CodeOut
from server.sites import service as sites
from server.timeutil import lima, today, utcnow

CODE_NOT_FOUND = Problem(404, "code_not_found",
                         "No existe un código de pago con ese número. Revise el número impreso.",
                         "No payment code has that number. Check the printed number.")


def new_code_number(db: Session) -> str:
    """Nine digits: a correlative from a locked series and a Luhn check digit (typing errors
    are caught before they reach the database)."""
    serial = str(10_000_000 + int(documents.next_number(db=db, series="CIP").split("-")[-1]))
    return serial + luhn.calc_check_digit(serial)


def create_code(*, db: Session, by: audit.Actor, device: sites.DeviceRef,
                resident: identity.ResidentRef, debt_ids: Sequence[int], amount: Decimal,
                hours: int) -> PaymentCode:
    ids = accounts.lock_debts(db=db, resident=resident, debt_ids=debt_ids)
    payments.check_not_reserved(db=db, debt_ids=ids, except_code=None)
    quote = accounts.price(db=db, resident=resident, debt_ids=ids, as_of=today())
    if quote.totals.total != amount:
        raise Problem(409, "amount_changed",
                      f"El total ahora es {fmt(quote.totals.total)}. Revíselo y confirme de "
                      "nuevo.", f"The total is now {fmt(quote.totals.total)}. Check it and "
                      "confirm again.", total=str(quote.totals.total))
    lines = [payments.allocation_from(x) for x in quote.lines]
    expires = utcnow() + timedelta(hours=hours)
    number = new_code_number(db)
    doc = documents.issue(
        db=db, by=by, device=device, kind="payment_code", prefix="CIP",
        title=Text(es="Código de pago", en="Payment code"), resident=resident,
        lines=[DocumentLine(label=Text(es="Código de pago", en="Payment code"), value=number),
               DocumentLine(label=Text(es="Monto a pagar", en="Amount to pay"),
                            value=fmt(amount)),
               DocumentLine(label=Text(es="Vence", en="Expires"),
                            value=f"{lima(expires):%d/%m/%Y %H:%M}")]
        + [DocumentLine(label=Text(es=x.label, en=x.label), value=fmt(x.total)) for x in lines]
        + [DocumentLine(label=Text(es="Dónde pagar", en="Where to pay"),
                        value="Agentes y bancos afiliados, o caja municipal / "
                              "Partner bank agents, or the municipal cashier")])
    code = PaymentCode(code=number, resident_id=resident.id, device_id=device.id, amount=amount,
                       lines=[x.model_dump(mode="json") for x in lines], expires_at=expires,
                       status="pending", document_code=doc.code, created_at=utcnow())
    db.add(code)
    db.flush()
    for debt_id in ids:
        db.add(PaymentCodeDebt(payment_code_id=code.id, debt_id=debt_id))
    audit.record(db=db, by=by, action="payment_code.create", target=f"payment_code:{number}",
                 details={"amount": str(amount), "debts": sorted(debt_ids)})
    return code


def code_out(*, db: Session, code: PaymentCode, base_url: str, with_document: bool = True
             ) -> CodeOut:
    resident = identity.get_resident(db=db, resident_id=code.resident_id)
    receipt = db.get(Payment, code.payment_id) if code.payment_id else None
    status = code.status
    if status == "pending" and code.expires_at <= utcnow():
        status = "expired"
    document = None
    if with_document:
        document = documents.document_out(db=db, code=code.document_code, base_url=base_url)
    return CodeOut(code=code.code, amount=code.amount, expires_at=code.expires_at,
                   status=status, holder_name=resident.full_name,
                   lines=[AllocationOut.model_validate(x) for x in code.lines],
                   document=document, receipt_number=receipt.receipt_number if receipt else None)


def find_code(*, db: Session, number: str, lock: bool = False) -> PaymentCode:
    query = select(PaymentCode).where(PaymentCode.code == number.strip())
    code = db.execute(query.with_for_update() if lock else query).scalar()
    if code is None:
        raise CODE_NOT_FOUND
    return code


def _payable(code: PaymentCode) -> None:
    if code.status == "paid":
        raise Problem(409, "code_already_paid", "Ese código de pago ya fue pagado.",
                      "That payment code has already been paid.")
    if code.status == "cancelled":
        raise Problem(409, "code_cancelled", "Ese código de pago fue anulado.",
                      "That payment code was cancelled.")
    if code.expires_at <= utcnow():
        raise Problem(409, "code_expired",
                      f"Ese código de pago venció el {lima(code.expires_at):%d/%m/%Y %H:%M}. "
                      "Genere uno nuevo en un quiosco.",
                      f"That payment code expired on {lima(code.expires_at):%d/%m/%Y %H:%M}. "
                      "Get a new one at a kiosk.")


def pay_code(*, db: Session, by: audit.Actor, device: sites.DeviceRef, number: str,
             method: str, reference: str | None, method_line: str,
             cash_session_id: int | None = None, tendered: Decimal | None = None
             ) -> payments.ReceiptRef:
    code = find_code(db=db, number=number, lock=True)
    _payable(code)
    resident = identity.get_resident(db=db, resident_id=code.resident_id)
    payment = payments.pay(db=db, by=by, device=device, resident=resident,
                           debt_ids=[x["debt_id"] for x in code.lines], method=method,
                           amount=code.amount, reference=reference, method_line=method_line,
                           cash_session_id=cash_session_id, code=code, tendered=tendered)
    code.status, code.payment_id = "paid", payment.id
    return payment


def pending_codes(*, db: Session, resident_id: int) -> list[PaymentCode]:
    """The resident's codes that still reserve their debts (unpaid, not cancelled, not
    expired), newest first."""
    return list(db.execute(select(PaymentCode).where(
        PaymentCode.resident_id == resident_id, PaymentCode.status == "pending",
        PaymentCode.expires_at > utcnow()).order_by(PaymentCode.id.desc())).scalars())


def expire_codes(*, db: Session, by: audit.Actor, now: datetime | None = None) -> list[str]:
    """Mark every pending code past its time "expired" (each audited); the numbers. A code
    being paid right now is locked by its payment and left for the next sweep."""
    now = now or utcnow()
    found = list(db.execute(select(PaymentCode).where(
        PaymentCode.status == "pending", PaymentCode.expires_at <= now)
        .order_by(PaymentCode.id).with_for_update(skip_locked=True)).scalars())
    for code in found:
        code.status = "expired"
        audit.record(db=db, by=by, action="payment_code.expire",
                     target=f"payment_code:{code.code}",
                     details={"expires_at": code.expires_at.isoformat()})
    return [code.code for code in found]


def cancel_code(*, db: Session, by: audit.Actor, resident_id: int | None, number: str) -> None:
    code = find_code(db=db, number=number, lock=True)
    if resident_id is not None and code.resident_id != resident_id:
        raise CODE_NOT_FOUND
    _payable(code)
    code.status = "cancelled"
    audit.record(db=db, by=by, action="payment_code.cancel", target=f"payment_code:{number}")


def signature_ok(secret: str, body: bytes, signature: str | None) -> bool:
    """`X-Bank-Signature: sha256=<hex HMAC-SHA256 of the raw body with the bank's secret>`."""
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return bool(signature) and hmac.compare_digest(expected, signature)


def apply_bank_notice(*, db: Session, bank: str, operation: str, number: str,
                      amount: Decimal, paid_at: datetime, source: str) -> BankAck:
    """Record that `bank` collected code `number`; commits. Told twice, it pays once."""
    by = audit.Actor(f"bank:{bank}")
    # The code's row lock first: copies of one notice arriving at once wait here, and each
    # later one finds the first one's notice (a duplicate), not a code already paid (409).
    code = find_code(db=db, number=number, lock=True)
    seen = db.execute(select(BankNotice).where(BankNotice.bank == bank,
                                               BankNotice.operation == operation)).scalar()
    if seen is not None:
        return BankAck(status="duplicate",
                       receipt_number=db.get(Payment, seen.payment_id).receipt_number)
    if code.amount != amount:
        raise Problem(422, "amount_mismatch",
                      f"El monto {fmt(amount)} no es el del código ({fmt(code.amount)}).",
                      f"The amount {fmt(amount)} is not the code's ({fmt(code.amount)}).")
    # The receipt takes the number series of the site where the code was issued.
    payment = pay_code(db=db, by=by, device=sites.get_device(db=db, device_id=code.device_id),
                       number=number, method="bank",
                       reference=f"{bank} {operation}",
                       method_line=f"Código {number} · {bank} op. {operation}")
    db.add(BankNotice(bank=bank, operation=operation, code=number, amount=amount,
                      paid_at=paid_at, source=source, payment_id=payment.id,
                      received_at=utcnow()))
    try:
        db.commit()
    except IntegrityError:  # the same operation arrived at the same moment and won
        db.rollback()
        return apply_bank_notice(db=db, bank=bank, operation=operation, number=number,
                                 amount=amount, paid_at=paid_at, source=source)
    return BankAck(status="applied", receipt_number=payment.receipt_number)


def import_settlement(*, db: Session, bank: str, text: str) -> dict[str, list[str]]:
    """A bank's settlement file, CSV `operation,code,amount,paid_at` with a header line.

    Each line is reconciled on its own: applied, already known (by notification or an earlier
    import), or refused with its reason. Returns the operations under each outcome.
    """
    report: dict[str, list[str]] = {"applied": [], "duplicate": [], "refused": []}
    for row in csv.DictReader(io.StringIO(text)):
        op = (row.get("operation") or "").strip()
        try:
            ack = apply_bank_notice(db=db, bank=bank, operation=op, number=row["code"],
                                    amount=Decimal(row["amount"]).quantize(Decimal("0.01")),
                                    paid_at=datetime.fromisoformat(row["paid_at"]),
                                    source="settlement")
            report[ack.status].append(op)
        except Problem as exc:
            db.rollback()
            report["refused"].append(f"{op}: {exc.code} — {exc.es}")
        except (KeyError, ValueError, InvalidOperation, TypeError):
            db.rollback()
            report["refused"].append(f"{op or '?'}: línea ilegible / unreadable line")
    return report
