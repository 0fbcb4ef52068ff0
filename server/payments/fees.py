"""One way to charge a fee for a thing of another domain (a procedure, a certified copy, a
marriage, a Wi-Fi voucher): the thing is named by `kind` and `reference`, kept in structured
columns, and each receipt pays for one use of it.

Three ways, all in the caller's transaction (which commits them with its own writes and its
Idempotency-Key record, or rolls everything back on a refusal):
- `charge_fee`: take the fee now, by card or cash, for what is being done now;
- `fee_debt`: leave it as a pending debt, to pay at the cashier or a bank;
- `claim_fee_receipt`: accept a receipt paid that way, once, for that same kind and reference.
A fee of 0 (e.g. a free first copy) is nothing to pay: no debt, no receipt, nothing written.
"""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from server.accounts import service as accounts
from server.audit import service as audit
from server.errors import Problem
from server.identity import service as identity
from server.kernel.text import Text
from server.money import ZERO
from server.payments.models import Allocation, Fee, Payment
from server.payments.receipts import collect
from server.payments.schemas import CardApproval
from server.sites import service as sites
from server.timeutil import utcnow


@dataclass(frozen=True)
class FeeReceipt:
    """What pays a fee: its receipt (None when the fee is 0) and the amount."""

    receipt_number: str | None
    amount: Decimal


@dataclass(frozen=True)
class FeeDebt:
    """A fee left as a pending debt of the resident (payable like any other debt)."""

    debt_id: int
    amount: Decimal
    label: str  # as the debt carries it (Spanish)


def _add(db: Session, *, by: audit.Actor, resident: identity.ResidentRef, kind: str,
         reference: str, label: Text, amount: Decimal, used: bool) -> int:
    debt = accounts.add_fee(db=db, by=by, resident=resident, label=label.es, amount=amount)
    db.add(Fee(debt_id=debt.id, resident_id=resident.id, kind=kind, reference=reference,
               label_es=label.es[:240], label_en=label.en[:240], created_at=utcnow(),
               used_at=utcnow() if used else None))
    db.flush()
    return debt.id


def charge_fee(*, db: Session, by: audit.Actor, device: sites.DeviceRef,
               staff: identity.StaffRef | None, resident: identity.ResidentRef, kind: str,
               reference: str, label: Text, amount: Decimal, method: str,
               card: CardApproval | None, tendered: Decimal | None = None) -> FeeReceipt:
    """Charge the fee now (card at a kiosk or the cashier, cash at the cashier's open session)
    for what the caller does in the same transaction; its receipt is used up by it."""
    if amount == ZERO:
        return FeeReceipt(receipt_number=None, amount=ZERO)
    debt_id = _add(db, by=by, resident=resident, kind=kind, reference=reference, label=label,
                   amount=amount, used=True)
    receipt = collect(db=db, by=by, device=device, staff=staff, resident=resident,
                      debt_ids=[debt_id], method=method, amount=amount, card=card,
                      tendered=tendered)
    return FeeReceipt(receipt_number=receipt.receipt_number, amount=amount)


def fee_debt(*, db: Session, by: audit.Actor, resident: identity.ResidentRef, kind: str,
             reference: str, label: Text, amount: Decimal) -> FeeDebt:
    """The fee as a pending debt, to pay at the cashier, a bank (payment code) or a kiosk;
    the receipt is then handed in with `claim_fee_receipt`."""
    if amount <= ZERO:
        raise Problem(422, "fee_none", "No hay nada que pagar: es gratuito.",
                      "There is nothing to pay: it is free.")
    debt_id = _add(db, by=by, resident=resident, kind=kind, reference=reference, label=label,
                   amount=amount, used=False)
    return FeeDebt(debt_id=debt_id, amount=amount, label=label.es[:240])


def claim_fee_receipt(*, db: Session, resident: identity.ResidentRef, kind: str,
                      reference: str, amount: Decimal, receipt: str) -> FeeReceipt:
    """Accept `receipt` as paying this resident's fee for (kind, reference) of at least
    `amount`, and mark that fee used: a receipt serves once. A fee of 0 needs no receipt."""
    if amount == ZERO:
        return FeeReceipt(receipt_number=None, amount=ZERO)
    invalid = Problem(422, "fee_receipt_invalid",
                      f"El recibo {receipt} no paga el derecho de {reference} de este vecino.",
                      f"Receipt {receipt} does not pay this resident's {reference} fee.")
    payment = db.execute(select(Payment).where(Payment.receipt_number == receipt)).scalar()
    if payment is None or payment.resident_id != resident.id or payment.status != "paid":
        raise invalid
    paying = db.execute(
        select(Fee.id, Allocation.total).join(Allocation, Allocation.debt_id == Fee.debt_id)
        .where(Allocation.payment_id == payment.id, Fee.kind == kind,
               Fee.reference == reference, Allocation.total >= amount)
        .order_by(Fee.id)).all()
    if not paying:
        raise invalid
    for fee_id, paid in paying:
        # Conditional: of two requests handing in the same receipt, exactly one wins.
        claimed = db.execute(update(Fee).where(Fee.id == fee_id, Fee.used_at.is_(None))
                             .values(used_at=utcnow())).rowcount
        if claimed == 1:
            return FeeReceipt(receipt_number=receipt, amount=paid)
    raise Problem(409, "fee_receipt_used", f"El recibo {receipt} ya se usó.",
                  f"Receipt {receipt} was already used.")
