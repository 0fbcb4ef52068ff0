"""Card payments against the acquirer's settlement file: a card payment is recorded on the
kiosk's word (the terminal's authorization), so the server reconciles it with what the
acquirer settled — authorization and amount — the way payment codes are reconciled with the
bank's file; what stays unreconciled is listed for the cashier's supervisor."""

import csv
import io
from datetime import datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.kernel.clean import clean_text
from server.payments.models import CardSettlement, Payment
from server.payments.schemas import UnreconciledCardOut
from server.timeutil import utcnow


def import_card_settlement(*, db: Session, by: audit.Actor, acquirer: str, text: str
                           ) -> dict[str, list[str]]:
    """CSV `authorization,amount,settled_at` with a header line; commits. Each line settles
    the one paid card payment with that authorization and amount, once."""
    report: dict[str, list[str]] = {"reconciled": [], "duplicate": [], "refused": []}
    for row in csv.DictReader(io.StringIO(text)):
        auth = clean_text((row.get("authorization") or "").strip(), 20)
        try:
            amount = Decimal(row["amount"]).quantize(Decimal("0.01"))
            settled_at = datetime.fromisoformat(row["settled_at"])
            if settled_at.tzinfo is None:
                raise ValueError("naive")
        except (KeyError, ValueError, InvalidOperation, TypeError):
            report["refused"].append(f"{auth or '?'}: línea ilegible / unreadable line")
            continue
        seen = db.execute(select(CardSettlement).where(
            CardSettlement.acquirer == acquirer, CardSettlement.authorization == auth)).scalar()
        if seen is not None:
            report["duplicate"].append(auth)
            continue
        payment = db.execute(select(Payment).where(
            Payment.method == "card", Payment.reference == auth, Payment.status == "paid",
            Payment.amount == amount)).scalars().first()
        if payment is None or db.execute(select(CardSettlement).where(
                CardSettlement.payment_id == payment.id)).scalar() is not None:
            report["refused"].append(f"{auth}: ningún pago con tarjeta por {amount} / no card "
                                     f"payment of {amount}")
            continue
        db.add(CardSettlement(acquirer=acquirer, authorization=auth, amount=amount,
                              settled_at=settled_at, payment_id=payment.id,
                              imported_at=utcnow()))
        db.flush()
        report["reconciled"].append(auth)
    audit.record(db=db, by=by, action="card.settlement.import", target=f"acquirer:{acquirer}",
                 details={k: len(v) for k, v in report.items()})
    db.commit()
    return report


def unreconciled(*, db: Session) -> list[UnreconciledCardOut]:
    """Paid card payments no settlement line has confirmed yet, oldest first."""
    settled = select(CardSettlement.payment_id)
    rows = db.execute(select(Payment).where(
        Payment.method == "card", Payment.status == "paid", Payment.id.not_in(settled))
        .order_by(Payment.paid_at)).scalars()
    return [UnreconciledCardOut(receipt_number=p.receipt_number, paid_at=p.paid_at,
                                amount=p.amount, authorization=p.reference or "",
                                device_id=p.device_id) for p in rows]
