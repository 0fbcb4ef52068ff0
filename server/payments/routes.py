from typing import Annotated

from fastapi import APIRouter, Header

from server.audit import service as audit
from server.auth.service import SessionRef
from server.deps import (
    CurrentActor,
    CurrentDevice,
    CurrentSession,
    DbDep,
    IdempotencyKey,
    OptionalStaff,
    RawBody,
    SettingsDep,
    SubjectResident,
    require_roles,
)
from server.documents import service as documents
from server.errors import Problem, problem_responses
from server.identity.service import Role, StaffRef
from server.payments import cards, cash, codes, credits, offline
from server.payments import receipts as service
from server.payments.schemas import (
    BankAck,
    BankNotificationIn,
    CashCloseIn,
    CashOpenIn,
    CashSessionOut,
    CodeIn,
    CodeOut,
    CollectIn,
    OfflineBlockIn,
    OfflineBlockOut,
    OfflineCashIn,
    OfflineCashOut,
    OfflineCreditOut,
    OfflineCreditSettledOut,
    PaymentCheckIn,
    PaymentCheckOut,
    PaymentIn,
    PaymentOut,
    PaymentSummary,
    UnreconciledCardOut,
    VoidIn,
)

# The refusals this domain's services, and those of the domains it reaches, may answer.
REFUSALS = problem_responses(401, 403, 404, 409, 422, 423, 503)
router = APIRouter(tags=["payments"], responses=REFUSALS)
# Banks sign each notification (HMAC) instead of holding a device credential.
public_router = APIRouter(tags=["bank"], responses=REFUSALS)
Cashier = Annotated[StaffRef, require_roles(Role.CASHIER)]
Supervisor = Annotated[StaffRef, require_roles()]  # an administrator


@router.post("/payments", response_model=PaymentOut)
def pay(body: PaymentIn, db: DbDep, device: CurrentDevice, staff: OptionalStaff,
        resident: SubjectResident, actor: CurrentActor, settings: SettingsDep,
        once: IdempotencyKey) -> PaymentOut:
    """Pay chosen debts by card (kiosk terminal or cashier) or cash (cashier only), once."""
    service.may_collect(method=body.method, staff=staff)

    def run() -> PaymentOut:
        payment = service.collect(db=db, by=actor, device=device, staff=staff,
                                  resident=resident, debt_ids=body.debt_ids, method=body.method,
                                  amount=body.amount, card=body.card, tendered=body.tendered)
        change = body.tendered - payment.amount if body.tendered is not None else None
        return service.receipt_out(db=db, receipt=payment, base_url=settings.public_base_url,
                                   change=change)

    return once.run(scope="payment",
                    payload={"resident": resident.id, **body.model_dump(mode="json")},
                    model=PaymentOut, action=run)


@router.post("/payments/check", response_model=PaymentCheckOut)
def check(body: PaymentCheckIn, db: DbDep, resident: SubjectResident) -> PaymentCheckOut:
    """Before the card terminal is asked to charge: would this payment be recorded? (The same
    refusals as paying: debts reserved by a pending code, a total that changed, …)"""
    total = service.check_payable(db=db, resident=resident, debt_ids=body.debt_ids,
                                  amount=body.amount)
    db.rollback()
    return PaymentCheckOut(total=total)


@router.get("/payments/history", response_model=list[PaymentSummary])
def history(db: DbDep, resident: SubjectResident) -> list[PaymentSummary]:
    return service.history(db=db, resident=resident)


@router.post("/payments/{receipt_number}/void", response_model=PaymentOut)
def void(receipt_number: str, body: VoidIn, db: DbDep, staff: Cashier, actor: CurrentActor,
         settings: SettingsDep) -> PaymentOut:
    payment = service.void(db=db, by=actor, staff=staff, receipt_number=receipt_number,
                           reason=body.reason, supervisor=body.supervisor,
                           supervisor_password=body.supervisor_password,
                           max_failures=settings.staff_max_failures,
                           lockout_minutes=settings.lockout_minutes)
    db.commit()
    return service.receipt_out(db=db, receipt=payment, base_url=settings.public_base_url)


@router.post("/payment-codes", response_model=CodeOut)
def create_code(body: CodeIn, db: DbDep, device: CurrentDevice, resident: SubjectResident,
                actor: CurrentActor, settings: SettingsDep, once: IdempotencyKey) -> CodeOut:
    """A payment code for the chosen debts, payable at bank agents or the cashier."""
    def run() -> CodeOut:
        code = codes.create_code(db=db, by=actor, device=device, resident=resident,
                                 debt_ids=body.debt_ids, amount=body.amount,
                                 hours=settings.payment_code_hours)
        return codes.code_out(db=db, code=code, base_url=settings.public_base_url)

    return once.run(scope="payment_code",
                    payload={"resident": resident.id, **body.model_dump(mode="json")},
                    model=CodeOut, action=run)


@router.get("/payment-codes/pending", response_model=list[CodeOut])
def pending_codes(db: DbDep, resident: SubjectResident, settings: SettingsDep
                  ) -> list[CodeOut]:
    """The resident's payment codes that still reserve debts (to show and to cancel)."""
    return [codes.code_out(db=db, code=code, base_url=settings.public_base_url,
                           with_document=False)
            for code in codes.pending_codes(db=db, resident_id=resident.id)]


def _visible_code(db: DbDep, session: SessionRef, staff: StaffRef | None, number: str):
    """Residents reach their own codes only; a cashier reaches any."""
    code = codes.find_code(db=db, number=number)
    if staff is None and code.resident_id != session.resident_id:
        raise codes.CODE_NOT_FOUND
    if staff is not None:
        service.may_collect(method="card", staff=staff)
    return code


@router.get("/payment-codes/{number}", response_model=CodeOut)
def get_code(number: str, db: DbDep, session: CurrentSession, staff: OptionalStaff,
             settings: SettingsDep) -> CodeOut:
    code = _visible_code(db, session, staff, number)
    return codes.code_out(db=db, code=code, base_url=settings.public_base_url)


@router.post("/payment-codes/{number}/cancel", response_model=CodeOut)
def cancel_code(number: str, db: DbDep, session: CurrentSession, staff: OptionalStaff,
                actor: CurrentActor, settings: SettingsDep) -> CodeOut:
    code = _visible_code(db, session, staff, number)
    codes.cancel_code(db=db, by=actor, resident_id=None, number=code.code)
    db.commit()
    return codes.code_out(db=db, code=code, base_url=settings.public_base_url)


@router.post("/payment-codes/{number}/collect", response_model=PaymentOut)
def collect_code(number: str, body: CollectIn, db: DbDep, device: CurrentDevice,
                 staff: Cashier, actor: CurrentActor, settings: SettingsDep,
                 once: IdempotencyKey) -> PaymentOut:
    """The cashier collects a payment code in cash or by card."""
    def run() -> PaymentOut:
        session = cash.require_open(db=db, staff=staff, device=device)
        reference, line = service.method_line(body.method, body.card)
        payment = codes.pay_code(db=db, by=actor, device=device, number=number,
                                 method=body.method, reference=reference,
                                 method_line=f"{line} · código {number}",
                                 cash_session_id=session.id, tendered=body.tendered)
        change = body.tendered - payment.amount if body.tendered is not None else None
        return service.receipt_out(db=db, receipt=payment, base_url=settings.public_base_url,
                                   change=change)

    return once.run(scope="collect_code",
                    payload={"code": number, **body.model_dump(mode="json")},
                    model=PaymentOut, action=run)


@router.get("/cash/current", response_model=CashSessionOut | None)
def cash_current(db: DbDep, staff: Cashier) -> CashSessionOut | None:
    session = cash.current(db=db, staff=staff)
    return cash.session_out(db=db, session=session) if session else None


@router.post("/cash/open", response_model=CashSessionOut)
def cash_open(body: CashOpenIn, db: DbDep, device: CurrentDevice, staff: Cashier,
              actor: CurrentActor) -> CashSessionOut:
    session = cash.open_session(db=db, by=actor, staff=staff, device=device,
                                opening_float=body.opening_float)
    db.commit()
    return cash.session_out(db=db, session=session)


@router.post("/cash/close", response_model=CashSessionOut)
def cash_close(body: CashCloseIn, db: DbDep, device: CurrentDevice, staff: Cashier,
               actor: CurrentActor, settings: SettingsDep) -> CashSessionOut:
    checkpoint = audit.take_checkpoint(db=db, data_dir=settings.data_dir,
                                       file=settings.checkpoint_path)
    session, doc = cash.close_session(db=db, by=actor, staff=staff, device=device,
                                      counted_cash=body.counted_cash, note=body.note,
                                      checkpoint=checkpoint)
    db.commit()
    return cash.session_out(db=db, session=session, document=documents.document_out(
        db=db, code=doc.code, base_url=settings.public_base_url))


@router.post("/payments/offline/blocks", response_model=OfflineBlockOut)
def offline_block(body: OfflineBlockIn, db: DbDep, device: CurrentDevice, staff: Cashier,
                  actor: CurrentActor) -> OfflineBlockOut:
    """A block of receipt numbers for this terminal to number the cash it collects while the
    link is down (docs/offline.md)."""
    block = offline.reserve_block(db=db, by=actor, device=device, size=body.size)
    db.commit()
    return block


@router.post("/payments/offline", response_model=OfflineCashOut)
def offline_cash(body: OfflineCashIn, db: DbDep, device: CurrentDevice, settings: SettingsDep,
                 once: IdempotencyKey) -> OfflineCashOut:
    """Cash collected offline, signed by the terminal, arriving from its outbox: once. The
    device's own credential and signature stand for it; no person's session is needed (the
    cashier may have left by the time the link returns)."""
    return once.run(scope="payment.offline", payload=body.model_dump(mode="json"),
                    model=OfflineCashOut,
                    action=lambda: offline.record(db=db, settings=settings, device=device,
                                                  body=body))


@router.get("/payments/offline/credits", response_model=list[OfflineCreditOut],
            dependencies=[require_roles()])
def offline_credits(db: DbDep) -> list[OfflineCreditOut]:
    """For the cashiers' supervisor: offline cash whose debts were paid meanwhile (or
    changed), kept as credits to refund or apply."""
    return credits.credits(db=db)


@router.post("/payments/offline/credits/{credit_id}/refund",
             response_model=OfflineCreditSettledOut)
def offline_credit_refund(credit_id: int, db: DbDep, device: CurrentDevice, staff: Supervisor,
                          actor: CurrentActor, settings: SettingsDep, once: IdempotencyKey
                          ) -> OfflineCreditSettledOut:
    """The supervisor hands what is left of an offline credit back to the resident, from
    their own open till at this terminal (its closing counts it out), with a numbered refund
    slip to print; once."""
    return once.run(scope="payment.offline.credit.refund", payload={"credit": credit_id},
                    model=OfflineCreditSettledOut,
                    action=lambda: credits.refund(db=db, by=actor, staff=staff, device=device,
                                                  credit_id=credit_id,
                                                  base_url=settings.public_base_url))


@router.post("/payments/offline/credits/{credit_id}/apply",
             response_model=OfflineCreditSettledOut, dependencies=[require_roles()])
def offline_credit_apply(credit_id: int, db: DbDep, device: CurrentDevice,
                         actor: CurrentActor, settings: SettingsDep, once: IdempotencyKey
                         ) -> OfflineCreditSettledOut:
    """The supervisor applies an offline credit to the resident's oldest pending debts (an
    ordinary receipt); what it does not cover stays as a smaller credit; once."""
    return once.run(scope="payment.offline.credit.apply", payload={"credit": credit_id},
                    model=OfflineCreditSettledOut,
                    action=lambda: credits.apply(db=db, by=actor, device=device,
                                                 credit_id=credit_id,
                                                 base_url=settings.public_base_url))


@router.get("/payments/card/unreconciled", response_model=list[UnreconciledCardOut],
            dependencies=[require_roles()])
def unreconciled_cards(db: DbDep) -> list[UnreconciledCardOut]:
    """For the cashiers' supervisor (an administrator): card payments recorded on a
    terminal's word that the acquirer's settlement file has not confirmed."""
    return cards.unreconciled(db=db)


@public_router.post("/bank/notifications", response_model=BankAck)
def bank_notification(raw: RawBody, db: DbDep, settings: SettingsDep,
                      x_bank_signature: Annotated[str | None, Header()] = None) -> BankAck:
    """A bank tells that a payment code was paid. Authenticated by the bank's HMAC signature
    over the raw body, not by a device credential; told twice, it pays once."""
    try:
        body = BankNotificationIn.model_validate_json(raw)
    except ValueError as exc:
        raise Problem(422, "invalid_request", "Notificación ilegible.",
                      "Unreadable notification.") from exc
    secret = settings.bank_secrets.get(body.bank)
    if secret is None or not codes.signature_ok(secret, raw, x_bank_signature):
        audit.record_denied(db=db, by=audit.Actor(f"bank:{body.bank}"), action="bank.notification",
                            target=f"payment_code:{body.code}",
                            details={"reason": "bad_signature", "operation": body.operation})
        raise Problem(401, "bad_signature", "Firma del banco no válida: nada se registró.",
                      "Invalid bank signature: nothing was recorded.")
    return codes.apply_bank_notice(db=db, bank=body.bank, operation=body.operation,
                                   number=body.code, amount=body.amount,
                                   paid_at=body.paid_at, source="notification")
