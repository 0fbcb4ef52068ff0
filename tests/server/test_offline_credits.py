"""Settling offline credits (docs/offline.md): offline cash whose debts were paid online
meanwhile is a credit; the cashiers' supervisor refunds it from their till (a numbered refund
slip; the till's closing counts it out and balances) or applies it to the resident's oldest
pending debts (an ordinary receipt; what it does not cover stays as a smaller credit). Each
once, audited, administrator only; settled twice or unknown is refused in words."""

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.api import ApiClient, ApiError
from server.audit.models import AuditEntry
from tests.conftest import table_counts
from tests.server.test_offline_cash import DNI, _terminal

CREDITS = "/api/v1/payments/offline/credits"


async def make_credit(make_client, state: Path, debts: int = 1, name: str = "caja-offline"
                      ) -> tuple[dict, list]:
    """Cash for the resident's `debts` oldest debts collected offline while the resident
    paid the oldest one online by card: it arrives as a credit. Returns the credit as the
    supervisor lists it and the statement the terminal had read."""
    terminal = await _terminal(make_client, state, name=name)
    chosen = terminal.lines[:debts]
    terminal.collect(chosen, tendered=None)
    kiosk = await make_client("kiosk")
    await kiosk.auth.pin_login(dni=DNI, pin="654321")
    await kiosk.payments.pay(debt_ids=[chosen[0].debt_id], method="card",
                             amount=chosen[0].total, idempotency_key=f"online-{state.name}",
                             card={"authorization": "777777", "brand": "VISA", "last4": "4242"})
    result = await terminal.outbox.drain(terminal.client.transport)
    assert (result.sent, result.failed) == (1, 0)
    [sent] = terminal.outbox.items("sent")
    assert sent.response["status"] == "credit"
    supervisor = await make_client("terminal")
    await supervisor.auth.staff_login(username="admin", password="Miraflores2026")
    [credit] = [c for c in (await supervisor.transport.request("GET", CREDITS)).json()
                if c["number"] == sent.response["number"]]
    await supervisor.aclose()
    return credit, terminal.lines


@pytest.fixture
async def supervisor(make_client) -> ApiClient:
    client = await make_client("terminal")
    await client.auth.staff_login(username="admin", password="Miraflores2026")
    return client


def _audited(database, action: str) -> list[AuditEntry]:
    with database.sessionmaker() as db:
        return list(db.execute(select(AuditEntry).where(AuditEntry.action == action)
                               .order_by(AuditEntry.seq)).scalars())


async def test_refund_from_the_supervisors_till_once_and_the_closing_balances(
        make_client, supervisor, tmp_path, database):
    credit, _ = await make_credit(make_client, tmp_path)
    amount = Decimal(credit["amount"])
    assert credit["resident_dni"] == DNI and Decimal(credit["remaining"]) == amount
    assert credit["reason_text"]["es"] == "Las deudas ya se habían pagado por otro medio."
    assert credit["reason_text"]["en"] == "The debts had already been paid another way."

    # Without an open till at this terminal there is no cash to hand back.
    with pytest.raises(ApiError) as refused:
        await supervisor.payments.settle_credit(credit["id"], "refund", idempotency_key="r-0")
    assert refused.value.status == 409 and refused.value.code == "cash_closed"

    till = await supervisor.payments.cash_open(Decimal("200.00"))
    settled = await supervisor.payments.settle_credit(credit["id"], "refund",
                                                      idempotency_key="r-1")
    assert settled.kind == "refund" and settled.amount == amount
    assert settled.credit.remaining == 0 and settled.credit.status == "settled"
    slip = settled.document
    assert slip.kind == "offline_refund" and slip.number.startswith("DV-")
    assert slip.holder_name and f"/verify/{slip.code}" in slip.verify_url
    values = {line.label.es: line.value for line in slip.lines}
    assert values["Recibo provisional"] == credit["number"]
    assert values["TOTAL DEVUELTO"] == f"S/ {amount:,.2f}"
    assert values["Caja"] == str(till.id)

    # The answer was lost: the same key gets the same slip; nothing is refunded twice.
    before = table_counts(database)
    again = await supervisor.payments.settle_credit(credit["id"], "refund",
                                                    idempotency_key="r-1")
    assert again.document.number == slip.number and table_counts(database) == before
    # Another key: settled already, refused in both languages, nothing written but the audit.
    for kind in ("refund", "apply"):
        with pytest.raises(ApiError) as twice:
            await supervisor.payments.settle_credit(credit["id"], kind,
                                                    idempotency_key=f"r-2-{kind}")
        assert twice.value.status == 409 and twice.value.code == "offline_credit_settled"
        assert credit["number"] in twice.value.text("es") and "ya se liquidó" in \
            twice.value.text("es")
        assert "already settled" in twice.value.text("en")
    after = table_counts(database)
    assert {k: v for k, v in after.items() if k != "audit_entries"} == {
        k: v for k, v in before.items() if k != "audit_entries"}
    assert credit["number"] not in [c.number for c in await supervisor.payments.offline_credits()]

    assert [e.outcome for e in _audited(database, "payment.offline.credit.refund")] == [
        "ok", "denied"]
    assert [e.outcome for e in _audited(database, "payment.offline.credit.apply")] == ["denied"]

    # The till: the refunded cash left the drawer; counting what is there, it balances.
    current = await supervisor.payments.cash_current()
    assert current.totals["refunds"] == amount
    assert current.expected_cash == Decimal("200.00") - amount
    closed = await supervisor.payments.cash_close(Decimal("200.00") - amount)
    assert closed.difference == 0
    closing = {line.label.es: line.value for line in closed.document.lines}
    assert closing["Efectivo devuelto"] == f"S/ {amount:,.2f}"


async def test_apply_pays_the_oldest_pending_debts_and_leaves_the_rest_as_a_credit(
        make_client, supervisor, tmp_path, database):
    credit, lines = await make_credit(make_client, tmp_path, debts=3)
    amount = Decimal(credit["amount"])
    assert amount == sum((x.total for x in lines[:3]), Decimal(0))
    tills = table_counts(database)["cash_sessions"]

    settled = await supervisor.payments.settle_credit(credit["id"], "apply",
                                                      idempotency_key="a-1")
    receipt = settled.receipt
    assert settled.kind == "apply" and receipt is not None
    assert settled.document.number == receipt.receipt_number
    assert receipt.receipt_number.startswith("RP-")
    paid = [a.debt_id for a in receipt.allocations]
    # Oldest first: the two still pending of those collected for, then whatever else fits.
    assert paid[:2] == [x.debt_id for x in lines[1:3]]
    assert receipt.amount <= amount and settled.amount == receipt.amount
    assert settled.credit.remaining == amount - receipt.amount
    assert any(credit["number"] in line.value for line in receipt.document.lines)

    await supervisor.auth.act_for(dni=DNI, reason="Crédito sin conexión")
    statement = (await supervisor.accounts.statement()).lines
    assert not set(paid) & {x.debt_id for x in statement}  # those debts are paid
    if settled.credit.remaining:  # what is left does not cover the next oldest debt
        assert statement and statement[0].total > settled.credit.remaining
        [left] = [c for c in await supervisor.payments.offline_credits()
                  if c.id == credit["id"]]
        assert left.remaining == settled.credit.remaining and left.amount == amount
    assert table_counts(database)["cash_sessions"] == tills  # no till was involved
    [entry] = _audited(database, "payment.offline.credit.apply")
    assert entry.details["receipt"] == receipt.receipt_number

    # The same key again: the same receipt, the debts not paid twice.
    before = table_counts(database)
    again = await supervisor.payments.settle_credit(credit["id"], "apply",
                                                    idempotency_key="a-1")
    assert again.receipt.receipt_number == receipt.receipt_number
    assert table_counts(database) == before

    # The receipt voided (the wrong debts): the debts are owed again, and so is the credit,
    # whole, to refund or apply anew; the resident's cash never just disappears.
    cashier = await make_client("terminal")
    await cashier.auth.staff_login(username="cajero", password="Miraflores2026")
    voided = await cashier.payments.void(receipt.receipt_number, reason="Deudas equivocadas",
                                         supervisor="admin",
                                         supervisor_password="Miraflores2026")
    assert voided.status == "voided"
    [back] = [c for c in await supervisor.payments.offline_credits() if c.id == credit["id"]]
    assert back.remaining == amount and back.status == "credit"
    [restored] = _audited(database, "payment.offline.credit.restore")
    assert restored.details["receipt"] == receipt.receipt_number


async def test_only_the_administrator_settles_and_unknown_credits_are_refused(
        make_client, supervisor, tmp_path, database):
    credit, _ = await make_credit(make_client, tmp_path)
    cashier = await make_client("terminal")
    await cashier.auth.staff_login(username="cajero", password="Miraflores2026")
    before = table_counts(database)
    for kind in ("refund", "apply"):
        with pytest.raises(ApiError) as forbidden:
            await cashier.payments.settle_credit(credit["id"], kind, idempotency_key=f"c-{kind}")
        assert forbidden.value.status == 403
        with pytest.raises(ApiError) as unknown:
            await supervisor.payments.settle_credit(999999, kind, idempotency_key=f"u-{kind}")
        assert unknown.value.status == 404 and unknown.value.code == "offline_credit_not_found"
        assert unknown.value.text("en") == "No offline cash credit has that number."
        with pytest.raises(ApiError) as keyless:  # no Idempotency-Key: nothing done
            await supervisor.transport.request("POST", f"{CREDITS}/{credit['id']}/{kind}")
        assert keyless.value.status == 400
    with pytest.raises(ApiError) as listing:
        await cashier.payments.offline_credits()
    assert listing.value.status == 403
    assert table_counts(database) == before
    assert [c.id for c in await supervisor.payments.offline_credits()] == [credit["id"]]
