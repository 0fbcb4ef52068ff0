"""Store-and-forward cash (docs/offline.md): a terminal reserves a block of receipt numbers
while online; offline, it numbers the cash it collects from that block and signs each record
with its device key; the record reaches the server later through the terminal's outbox, with
its Idempotency-Key, and is applied here exactly once.

A record is refused in words when its number is not in a block of that very device, when the
device's signature does not verify, or when the cashier or cash session it names are not
that device's. Otherwise it is never refused: the money is in the drawer. If its debts can
no longer be paid as recorded (paid online meanwhile, another amount, reserved by a payment
code), it is kept as a credit the cashiers' supervisor settles (refund or apply, in
payments.credits), audited.
"""

import base64
import binascii
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.config import ServerSettings
from server.errors import Problem
from server.idempotency import service as idempotency
from server.identity import service as identity
from server.payments import receipts
from server.payments.models import CashSession, OfflinePayment, OfflineReceiptBlock, Payment
from server.payments.schemas import OfflineBlockOut, OfflineCashIn, OfflineCashOut
from server.sites import service as sites
from server.timeutil import utcnow

CLOCK_SKEW = timedelta(minutes=10)  # a terminal's clock may run a little ahead

NUMBER_UNKNOWN = Problem(
    422, "offline_number_unknown",
    "Ese número de recibo no pertenece a un bloque reservado por este equipo: nada se "
    "registró.",
    "That receipt number is not in a block this device reserved: nothing was recorded.")


def prefix(device: sites.DeviceRef) -> str:
    return f"RO-{device.site_code}-{device.id}-"


def canonical(*, number: str, resident_dni: str, debt_ids: list[int], amount: Decimal,
              tendered: Decimal | None, staff_username: str, cash_session_id: int,
              collected_at: datetime, online_key: str | None = None) -> bytes:
    """The bytes the device signs (the same function is in kiosk/offline_cash.py): amounts
    to the cent and the time in UTC, so both sides write them alike."""
    record = {
        "number": number, "resident_dni": resident_dni, "debt_ids": list(debt_ids),
        "amount": f"{amount:.2f}", "tendered": None if tendered is None else f"{tendered:.2f}",
        "staff_username": staff_username, "cash_session_id": cash_session_id,
        "collected_at": collected_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "online_key": online_key,
    }
    return json.dumps(record, sort_keys=True, separators=(",", ":")).encode()


def reserve_block(*, db: Session, by: audit.Actor, device: sites.DeviceRef, size: int
                  ) -> OfflineBlockOut:
    """The next `size` numbers of this device, after its last block; audited."""
    last = db.execute(select(func.max(OfflineReceiptBlock.last))
                      .where(OfflineReceiptBlock.device_id == device.id)).scalar() or 0
    block = OfflineReceiptBlock(device_id=device.id, first=last + 1, last=last + size,
                                reserved_by=by.actor, reserved_at=utcnow())
    db.add(block)
    try:
        db.flush()
    except IntegrityError:  # another request of this device reserved the same numbers
        db.rollback()
        raise Problem(409, "offline_block_busy", "Se está reservando otro bloque para este "
                      "equipo. Inténtelo de nuevo.", "Another block is being reserved for "
                      "this device. Try again.") from None
    audit.record(db=db, by=by, action="payment.offline.block", target=f"device:{device.id}",
                 details={"first": f"{prefix(device)}{block.first:06d}",
                          "last": f"{prefix(device)}{block.last:06d}"})
    return OfflineBlockOut(prefix=prefix(device), first=block.first, last=block.last)


def _in_a_block(db: Session, device: sites.DeviceRef, number: str) -> bool:
    head, digits = number[:len(prefix(device))], number[len(prefix(device)):]
    if head != prefix(device) or not digits.isdigit() or len(digits) != 6:
        return False
    n = int(digits)
    # Locked: a retry arriving while its first attempt is still being applied waits for it,
    # then finds the record (below) instead of racing it.
    return db.execute(select(OfflineReceiptBlock.id).where(
        OfflineReceiptBlock.device_id == device.id, OfflineReceiptBlock.first <= n,
        OfflineReceiptBlock.last >= n).with_for_update()).first() is not None


def _refuse(db: Session, by: audit.Actor, body: OfflineCashIn, problem: Problem) -> Problem:
    audit.record_denied(db=db, by=by, action="payment.offline", target=f"payment:{body.number}",
                        details={"reason": problem.code, "amount": str(body.amount)})
    return problem


def _session(db: Session, device: sites.DeviceRef, body: OfflineCashIn) -> identity.StaffRef:
    """The cashier the record names, who had that cash session open at this device."""
    wrong = Problem(422, "offline_session_unknown",
                    "El cajero o la caja indicados no corresponden a este equipo: nada se "
                    "registró.",
                    "The cashier or cash session given do not belong to this device: nothing "
                    "was recorded.")
    staff = identity.get_staff_by_username(db=db, username=body.staff_username)
    if staff is None:
        raise wrong
    session = db.get(CashSession, body.cash_session_id)
    if (session is None or session.staff_id != staff.id or session.device_id != device.id
            or session.opened_at > body.collected_at):
        raise wrong
    receipts.may_collect(method="cash", staff=staff)
    return staff


def record(*, db: Session, settings: ServerSettings, device: sites.DeviceRef,
           body: OfflineCashIn) -> OfflineCashOut:
    """Apply one offline cash record (the caller's idempotency layer commits it once)."""
    by = audit.Actor(f"device:{device.id}", device.id)
    if not _in_a_block(db, device, body.number):
        raise _refuse(db, by, body, NUMBER_UNKNOWN)
    try:
        signature = base64.b64decode(body.signature, validate=True)
        if body.collected_at > utcnow() + CLOCK_SKEW:
            raise sites.BAD_DEVICE_SIGNATURE
        sites.verify_device_signature(
            db=db, settings=settings, device_id=device.id, certificate_pem=body.certificate,
            signature=signature, at=body.collected_at, message=canonical(
                number=body.number, resident_dni=body.resident_dni, debt_ids=body.debt_ids,
                amount=body.amount, tendered=body.tendered, staff_username=body.staff_username,
                cash_session_id=body.cash_session_id, collected_at=body.collected_at,
                online_key=body.online_key))
    except (binascii.Error, ValueError):
        raise _refuse(db, by, body, sites.BAD_DEVICE_SIGNATURE) from None
    except Problem as problem:
        raise _refuse(db, by, body, problem) from None
    kept = db.execute(select(OfflinePayment).where(OfflinePayment.number == body.number)
                      ).scalar()
    if kept is not None and kept.signature == body.signature:
        return _answer(db, settings, kept)  # the same signed record again: the same answer
    if kept is not None:
        raise _refuse(db, by, body, Problem(
            409, "offline_number_used",
            f"El recibo {body.number} ya se registró con otros datos: nada se registró.",
            f"Receipt {body.number} was already recorded with other data: nothing was "
            "recorded."))
    try:
        staff = _session(db, device, body)
    except Problem as problem:
        raise _refuse(db, by, body, problem) from None
    resident = identity.get_resident_by_dni(db=db, dni=body.resident_dni)
    if resident is None:
        raise _refuse(db, by, body, Problem(
            422, "offline_resident_unknown", "El vecino indicado no existe: nada se registró.",
            "The resident given does not exist: nothing was recorded."))
    cashier = audit.Actor(f"staff:{staff.id}", device.id, f"resident:{resident.id}")
    row = OfflinePayment(number=body.number, device_id=device.id, staff_id=staff.id,
                         cash_session_id=body.cash_session_id, resident_id=resident.id,
                         debt_ids=list(body.debt_ids), amount=body.amount,
                         collected_at=body.collected_at, received_at=utcnow(),
                         signature=body.signature, status="applied")
    online = _online_receipt(db, device, body)
    if online is None:
        try:
            with db.begin_nested():  # a refusal of the debts undoes only what pay wrote
                payment = receipts.pay(
                    db=db, by=cashier, device=device, resident=resident,
                    debt_ids=body.debt_ids, method="cash", amount=body.amount,
                    reference=body.number, method_line="Efectivo, sin conexión / Cash, offline",
                    cash_session_id=body.cash_session_id, tendered=body.tendered,
                    collected_at=body.collected_at, number=body.number)
            row.payment_id = payment.id
        except Problem as problem:
            # The ordinary attempt may have committed meanwhile: then it is that payment.
            online = _online_receipt(db, device, body)
            if online is None:
                row.status, row.reason, row.remaining = "credit", problem.code, body.amount
                audit.record(db=db, by=cashier, action="payment.offline.credit",
                             target=f"payment:{body.number}",
                             details={"reason": problem.code, "amount": str(body.amount),
                                      "debts": sorted(body.debt_ids)})
    if online is not None:
        row.status, row.payment_id = "superseded", online.id
    db.add(row)
    db.flush()
    audit.record(db=db, by=by, action="payment.offline", target=f"payment:{body.number}",
                 details={"status": row.status, "amount": str(body.amount),
                          "collected_at": body.collected_at.isoformat()})
    return _answer(db, settings, row)


def _answer(db: Session, settings: ServerSettings, row: OfflinePayment) -> OfflineCashOut:
    """What the terminal is told: the receipt its cash paid (its own, or the ordinary
    payment's it superseded), or that it is kept as a credit."""
    receipt = None
    if row.payment_id is not None:
        number = db.get(Payment, row.payment_id).receipt_number
        receipt = receipts.payment_out(db=db, receipt_number=number,
                                       base_url=settings.public_base_url)
    # A credit settled since is still what this record became on arrival: a credit.
    status = "credit" if row.status == "settled" else row.status
    return OfflineCashOut(number=row.number, status=status, reason=row.reason,
                          amount=row.amount, receipt=receipt)


def _online_receipt(db: Session, device: sites.DeviceRef, body: OfflineCashIn
                    ) -> receipts.ReceiptRef | None:
    """The ordinary payment this terminal tried first for the same cash (`online_key`), if
    the server applied it though its answer never reached the terminal."""
    if not body.online_key:
        return None
    answer = idempotency.stored(db=db, device_id=device.id, key=body.online_key)
    if not answer or "receipt_number" not in answer:
        return None
    return receipts.find(db=db, receipt_number=answer["receipt_number"])

