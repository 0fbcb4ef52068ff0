"""Settling offline credits (docs/offline.md): offline cash that could not pay the debts it
was collected for is kept as a credit; the cashiers' supervisor (an administrator) lists them
and settles each one, exactly once:

- **refund**: the cash still owed is handed back to the resident from the supervisor's own
  open till (its closing counts it out), with a numbered, verifiable refund slip;
- **apply**: the credit pays the resident's other pending debts in imputation order (the
  oldest first, as many whole debts as it covers, priced today) with an ordinary receipt.
  That receipt moves no cash (the money came in with the offline collection), so it counts
  in no till. What it does not cover stays as a smaller credit, to refund (or apply later).
"""

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.accounts import service as accounts
from server.audit import service as audit
from server.documents import service as documents
from server.documents.service import DocumentLine
from server.errors import Problem
from server.identity import service as identity
from server.kernel.text import Text
from server.money import ZERO, fmt
from server.payments import cash, receipts
from server.payments.models import OfflineCreditSettlement, OfflinePayment
from server.payments.schemas import OfflineCreditOut, OfflineCreditSettledOut
from server.sites import service as sites
from server.timeutil import lima, today, utcnow

# Why the cash could not pay its debts (the code `receipts.pay` refused with), in words.
REASONS = {
    "debt_already_paid": ("Las deudas ya se habían pagado por otro medio.",
                          "The debts had already been paid another way."),
    "amount_changed": ("El importe de las deudas había cambiado.",
                       "The amount of the debts had changed."),
    "debt_reserved": ("Un código de pago reservaba esas deudas.",
                      "A payment code reserved those debts."),
    "debt_not_found": ("Las deudas ya no figuraban en la cuenta.",
                       "The debts were no longer on the account."),
    "imputation_order": ("Quedaba una deuda más antigua sin pagar.",
                         "An older debt was still unpaid."),
    "tendered_short": ("El efectivo recibido no cubría el total.",
                       "The cash tendered did not cover the total."),
}

NOT_FOUND = Problem(404, "offline_credit_not_found",
                    "No existe un crédito de efectivo sin conexión con ese número.",
                    "No offline cash credit has that number.")


def reason_text(code: str | None) -> Text:
    es, en = REASONS.get(code or "", (f"No se pudo aplicar a sus deudas ({code}).",
                                      f"It could not be applied to its debts ({code})."))
    return Text(es=es, en=en)


def _left(row: OfflinePayment) -> Decimal:
    return row.amount if row.remaining is None else row.remaining


def credit_out(db: Session, row: OfflinePayment) -> OfflineCreditOut:
    resident = identity.get_resident(db=db, resident_id=row.resident_id)
    return OfflineCreditOut(
        id=row.id, number=row.number, device_id=row.device_id, staff_id=row.staff_id,
        resident_id=row.resident_id, resident_dni=resident.dni, debt_ids=row.debt_ids,
        amount=row.amount, remaining=_left(row), collected_at=row.collected_at,
        received_at=row.received_at, reason=row.reason, reason_text=reason_text(row.reason),
        status="settled" if row.status == "settled" else "credit")


def credits(*, db: Session) -> list[OfflineCreditOut]:
    """Offline cash that could not pay its debts and is not settled yet, oldest first."""
    rows = db.execute(select(OfflinePayment).where(OfflinePayment.status == "credit")
                      .order_by(OfflinePayment.id)).scalars()
    return [credit_out(db, r) for r in rows]


def _locked(db: Session, by: audit.Actor, credit_id: int, action: str) -> OfflinePayment:
    """The credit, locked until the transaction ends (two supervisors: one settles it)."""
    row = db.execute(select(OfflinePayment).where(OfflinePayment.id == credit_id)
                     .with_for_update()).scalar()
    if row is None or row.status not in ("credit", "settled"):
        raise NOT_FOUND
    if row.status == "settled" or _left(row) <= ZERO:
        audit.record_denied(db=db, by=by, action=action, target=f"payment:{row.number}",
                            details={"reason": "offline_credit_settled"})
        raise Problem(409, "offline_credit_settled",
                      f"El crédito del recibo {row.number} ya se liquidó (devuelto o "
                      "aplicado): nada se hizo.",
                      f"The credit of receipt {row.number} was already settled (refunded or "
                      "applied): nothing was done.")
    return row


def _settled(db: Session, row: OfflinePayment, *, kind: str, amount: Decimal,
             document_code: str, by: audit.Actor, cash_session_id: int | None = None,
             payment_id: int | None = None) -> None:
    row.remaining = _left(row) - amount
    if row.remaining == ZERO:
        row.status = "settled"
    db.add(OfflineCreditSettlement(
        offline_payment_id=row.id, kind=kind, amount=amount, cash_session_id=cash_session_id,
        payment_id=payment_id, document_code=document_code, settled_by=by.actor,
        settled_at=utcnow()))
    db.flush()


def refund(*, db: Session, by: audit.Actor, staff: identity.StaffRef, device: sites.DeviceRef,
           credit_id: int, base_url: str) -> OfflineCreditSettledOut:
    """Hand what is left of the credit back to the resident from this supervisor's open till
    at this terminal; a numbered refund slip is issued (the caller commits)."""
    action = "payment.offline.credit.refund"
    row = _locked(db, by, credit_id, action)
    session = cash.current(db=db, staff=staff, lock=True)  # not closed while it counts out
    if session is None or session.device_id != device.id:
        raise Problem(409, "cash_closed",
                      "Abra la caja en este terminal para devolver el efectivo: nada se "
                      "devolvió.",
                      "Open the cash session at this terminal to refund the cash: nothing was "
                      "refunded.")
    resident = identity.get_resident(db=db, resident_id=row.resident_id)
    amount, why = _left(row), reason_text(row.reason)

    def line(es: str, en: str, value: str) -> DocumentLine:
        return DocumentLine(label=Text(es=es, en=en), value=value)

    doc = documents.issue(
        db=db, by=by, device=device, kind="offline_refund", prefix="DV",
        title=Text(es="Devolución de efectivo", en="Cash refund"), resident=resident,
        lines=[line("DNI", "DNI", resident.dni),
               line("Recibo provisional", "Provisional receipt", row.number),
               line("Cobrado el", "Collected on", f"{lima(row.collected_at):%d/%m/%Y %H:%M}"),
               line("Motivo", "Reason", f"{why.es} / {why.en}"),
               line("Crédito", "Credit", fmt(row.amount)),
               line("TOTAL DEVUELTO", "TOTAL REFUNDED", fmt(amount)),
               line("Caja", "Cash session", str(session.id)),
               line("Supervisor", "Supervisor", staff.full_name)])
    _settled(db, row, kind="refund", amount=amount, document_code=doc.code, by=by,
             cash_session_id=session.id)
    audit.record(db=db, by=by, action=action, target=f"payment:{row.number}",
                 details={"amount": str(amount), "document": doc.number,
                          "cash_session": session.id})
    return OfflineCreditSettledOut(
        kind="refund", amount=amount, credit=credit_out(db, row),
        document=documents.document_out(db=db, code=doc.code, base_url=base_url))


def _covered(db: Session, resident: identity.ResidentRef, left: Decimal
             ) -> tuple[list[int], Decimal]:
    """The longest run of the resident's pending debts, oldest first (the imputation order),
    whose total today the credit covers; priced as a payment would price them."""
    lines = accounts.statement(db=db, resident=resident, as_of=today()).lines
    ids, running = [], ZERO
    for line in lines:
        if running + line.total > left:
            break
        ids.append(line.debt_id)
        running += line.total
    while ids:
        total = accounts.quote(db=db, resident=resident, debt_ids=ids, as_of=today()).totals.total
        if total <= left:
            return ids, total
        ids.pop()
    first = fmt(lines[0].total) if lines else None
    raise Problem(409, "offline_credit_nothing_to_apply",
                  f"El crédito ({fmt(left)}) no cubre ninguna deuda pendiente del vecino"
                  + (f" (la más antigua cuesta {first})" if first else "")
                  + ": devuélvale el efectivo. Nada se aplicó.",
                  f"The credit ({fmt(left)}) covers none of the resident's pending debts"
                  + (f" (the oldest costs {first})" if first else "")
                  + ": refund the cash. Nothing was applied.")


def apply(*, db: Session, by: audit.Actor, device: sites.DeviceRef, credit_id: int,
          base_url: str) -> OfflineCreditSettledOut:
    """Pay the resident's oldest pending debts with the credit (an ordinary receipt); what it
    does not cover stays as a smaller credit (the caller commits)."""
    action = "payment.offline.credit.apply"
    row = _locked(db, by, credit_id, action)
    resident = identity.get_resident(db=db, resident_id=row.resident_id)
    left = _left(row)
    debt_ids, total = _covered(db, resident, left)
    payer = audit.Actor(by.actor, by.device_id, f"resident:{resident.id}")
    payment = receipts.pay(
        db=db, by=payer, device=device, resident=resident, debt_ids=debt_ids, method="cash",
        amount=total, reference=row.number,
        method_line=f"Crédito de efectivo sin conexión {row.number} / Offline cash credit "
                    f"{row.number}")
    _settled(db, row, kind="apply", amount=total, document_code=payment.document_code, by=by,
             payment_id=payment.id)
    audit.record(db=db, by=payer, action=action, target=f"payment:{row.number}",
                 details={"amount": str(total), "receipt": payment.receipt_number,
                          "debts": sorted(debt_ids), "remaining": str(row.remaining)})
    receipt = receipts.payment_out(db=db, receipt_number=payment.receipt_number,
                                   base_url=base_url)
    return OfflineCreditSettledOut(kind="apply", amount=total, credit=credit_out(db, row),
                                   receipt=receipt, document=receipt.document)
