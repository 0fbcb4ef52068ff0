"""Payment codes and banks, cashiers, voids, plans, and the privacy of every account."""

import hashlib
import hmac
import json
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import update

from kiosk.api import ApiError
from server.audit import service as audit
from server.payments.codes import import_settlement
from server.payments.models import PaymentCode
from tests.conftest import card_login, table_counts

ROSA, JORGE = "40123456", "07654321"
SECRET = "demo-bank-secret"  # BANCO-DEMO's, in the test settings (tests/conftest.py)


def key() -> str:
    return str(uuid.uuid4())


async def _resident(make_client, cards_dir, dni=ROSA):
    client = await make_client()
    await card_login(client, cards_dir, dni=dni)
    return client


async def _cashier(make_client, dni=None, user="cajero"):
    client = await make_client("terminal")
    await client.auth.staff_login(username=user, password="Miraflores2026")
    if dni:
        await client.auth.act_for(dni=dni, reason="Atención en caja")
    return client


async def _code(client, n=2):
    lines = (await client.accounts.statement()).lines[:n]
    return await client.payments.create_code(debt_ids=[x.debt_id for x in lines],
                                             amount=sum(x.total for x in lines),
                                             idempotency_key=key()), lines


def _notify(server_app, body: dict, secret: str = SECRET):
    raw = json.dumps(body).encode()
    signature = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    transport = httpx.ASGITransport(app=server_app)

    async def send():
        async with httpx.AsyncClient(transport=transport, base_url="http://kiosk.test") as http:
            return await http.post("/api/v1/bank/notifications", content=raw, headers={
                "X-Bank-Signature": signature, "Content-Type": "application/json"})
    return send()


def _notice(code, operation="OP-1", amount=None):
    return {"bank": "BANCO-DEMO", "operation": operation, "code": code.code,
            "amount": str(amount or code.amount), "currency": "PEN",
            "paid_at": datetime.now(UTC).isoformat()}


async def test_payment_code_paid_at_a_bank_once(make_client, cards_dir, server_app, database):
    client = await _resident(make_client, cards_dir)
    code, lines = await _code(client)
    assert len(code.code) == 9 and code.status == "pending"
    assert code.document.kind == "payment_code" and code.amount == sum(x.total for x in lines)
    with pytest.raises(ApiError) as reserved:  # the code reserves its debts
        await client.payments.pay(debt_ids=[lines[0].debt_id], method="card", amount=lines[0].total,
                                  idempotency_key=key(), card={"authorization": "1"})
    assert reserved.value.code == "debt_reserved" and code.code in reserved.value.text("es")

    before = table_counts(database)
    forged = await _notify(server_app, _notice(code), secret="not-the-secret")
    assert forged.status_code == 401 and forged.json()["code"] == "bad_signature"
    after_forged = table_counts(database)
    assert after_forged["payments"] == before["payments"]
    assert after_forged["audit_entries"] == before["audit_entries"] + 1  # the refusal

    short = await _notify(server_app, _notice(code, amount=code.amount - 1))
    assert short.status_code == 422 and short.json()["code"] == "amount_mismatch"
    applied = await _notify(server_app, _notice(code))
    assert applied.status_code == 200 and applied.json()["status"] == "applied"
    told_again = await _notify(server_app, _notice(code))
    assert told_again.json() == {"status": "duplicate",
                                 "receipt_number": applied.json()["receipt_number"]}
    other_op = await _notify(server_app, _notice(code, operation="OP-2"))
    assert other_op.status_code == 409 and other_op.json()["code"] == "code_already_paid"
    assert table_counts(database)["payments"] == before["payments"] + 1
    assert (await client.payments.code(code.code)).status == "paid"
    remaining = {x.debt_id for x in (await client.accounts.statement()).lines}
    assert not remaining & {x.debt_id for x in lines}


async def test_expired_code_is_refused_clearly(make_client, cards_dir, server_app, database):
    client = await _resident(make_client, cards_dir)
    code, _ = await _code(client, 1)
    with database.sessionmaker() as db:
        db.execute(update(PaymentCode).values(expires_at=datetime.now(UTC) - timedelta(hours=1)))
        db.commit()
    response = await _notify(server_app, _notice(code))
    assert response.status_code == 409 and response.json()["code"] == "code_expired"
    assert "venció" in response.json()["message"]["es"]
    cashier = await _cashier(make_client)
    await cashier.payments.cash_open(Decimal("100.00"))
    with pytest.raises(ApiError) as refused:
        await cashier.payments.collect_code(code.code, method="cash", idempotency_key=key(),
                                            tendered=code.amount)
    assert refused.value.code == "code_expired"


async def test_settlement_file_reconciles_each_line_once(make_client, cards_dir, database):
    client = await _resident(make_client, cards_dir)
    code, _ = await _code(client, 1)
    csv = ("operation,code,amount,paid_at\n"
           f"S-1,{code.code},{code.amount},2026-11-24T10:00:00-05:00\n"
           f"S-2,{code.code},{code.amount},2026-11-24T10:05:00-05:00\n"
           "S-3,123456789,10.00,2026-11-24T10:00:00-05:00\n"
           "S-4,oops\n")
    with database.sessionmaker() as db:
        report = import_settlement(db=db, bank="BANCO-DEMO", text=csv)
        again = import_settlement(db=db, bank="BANCO-DEMO", text=csv)
    assert report["applied"] == ["S-1"] and len(report["refused"]) == 3
    assert "code_already_paid" in report["refused"][0]
    assert again["duplicate"] == ["S-1"] and not again["applied"]


async def test_cashier_collects_in_cash_and_closes_with_the_difference(make_client, cards_dir):
    cashier = await _cashier(make_client, dni=ROSA)
    lines = (await cashier.accounts.statement()).lines[:2]
    total = sum(x.total for x in lines)
    with pytest.raises(ApiError) as closed:
        await cashier.payments.pay(debt_ids=[x.debt_id for x in lines], method="cash", amount=total,
                                   idempotency_key=key(), tendered=total)
    assert closed.value.code == "cash_closed"
    await cashier.payments.cash_open(Decimal("200.00"))
    tendered = (total + 50).quantize(Decimal("1"))
    paid = await cashier.payments.pay(debt_ids=[x.debt_id for x in lines], method="cash", amount=total,
                                      idempotency_key=key(), tendered=tendered)
    assert paid.change == tendered - total
    closing = await cashier.payments.cash_close(Decimal("200.00") + total - Decimal("1.50"))
    assert closing.totals["cash"] == total and closing.payments == 1
    assert closing.expected_cash == Decimal("200.00") + total
    assert closing.difference == Decimal("-1.50") and closing.document.kind == "cash_close"


async def test_void_needs_a_supervisor_and_restores_exactly(make_client, cards_dir, database):
    resident = await _resident(make_client, cards_dir)
    before = {x.debt_id: x.principal for x in (await resident.accounts.statement()).lines}
    lines = (await resident.accounts.statement()).lines[:3]
    paid = await resident.payments.pay(debt_ids=[x.debt_id for x in lines], method="card",
                                       amount=sum(x.total for x in lines), idempotency_key=key(),
                                       card={"authorization": "777"})
    cashier = await _cashier(make_client)
    with pytest.raises(ApiError) as own:  # the cashier cannot be their own supervisor
        await cashier.payments.void(paid.receipt_number, reason="Error de digitación",
                                    supervisor="cajero", supervisor_password="Miraflores2026")
    assert own.value.code == "supervisor_required"
    voided = await cashier.payments.void(paid.receipt_number, reason="Error de digitación",
                                         supervisor="admin", supervisor_password="Miraflores2026")
    assert voided.status == "voided" and voided.document.voided
    restored = {x.debt_id: x.principal for x in (await resident.accounts.statement()).lines}
    assert restored == before
    assert not (await resident.documents.verify(paid.document.code)).valid
    with database.sessionmaker() as db:
        assert audit.verify(db=db).ok


async def test_void_supervisor_password_counts_failures_and_respects_lockout(
        make_client, cards_dir, database):
    resident = await _resident(make_client, cards_dir)
    lines = (await resident.accounts.statement()).lines[:1]
    paid = await resident.payments.pay(debt_ids=[x.debt_id for x in lines], method="card",
                                       amount=sum(x.total for x in lines), idempotency_key=key(),
                                       card={"authorization": "778"})
    cashier = await _cashier(make_client)
    codes = []
    for _ in range(6):  # staff_max_failures is 5: the fifth wrong one locks the supervisor
        with pytest.raises(ApiError) as wrong:
            await cashier.payments.void(paid.receipt_number, reason="Error de digitación",
                                        supervisor="admin", supervisor_password="adivinando")
        codes.append(wrong.value.code)
    assert codes == ["supervisor_required"] * 4 + ["supervisor_locked"] * 2
    with pytest.raises(ApiError) as locked:  # the right password while locked: still refused
        await cashier.payments.void(paid.receipt_number, reason="Error de digitación",
                                    supervisor="admin", supervisor_password="Miraflores2026")
    assert locked.value.code == "supervisor_locked" and locked.value.status == 423
    assert (await resident.payments.history())[0].status == "paid"
    terminal = await make_client("terminal")
    with pytest.raises(ApiError) as login:  # the same lockout as the supervisor's login
        await terminal.auth.staff_login(username="admin", password="Miraflores2026")
    assert login.value.code == "account_locked"
    with database.sessionmaker() as db:
        assert audit.verify(db=db).ok


async def test_plan_simulated_requested_and_approved(make_client, cards_dir):
    resident = await _resident(make_client, cards_dir)
    lines = (await resident.accounts.statement()).lines[:4]
    ids = [x.debt_id for x in lines]
    total = sum(x.total for x in lines)
    initial = (total * Decimal("0.25")).quantize(Decimal("0.01"))
    simulation = await resident.accounts.simulate_plan(debt_ids=ids, instalments=6, initial=initial)
    assert simulation.total == total and len(simulation.cuotas) == 7
    assert sum(c.principal for c in simulation.cuotas) == total
    with pytest.raises(ApiError) as low:
        await resident.accounts.simulate_plan(debt_ids=ids, instalments=6, initial=Decimal("1.00"))
    assert low.value.code == "plan_initial_invalid"
    plan = await resident.accounts.request_plan(debt_ids=ids, instalments=6, initial=initial,
                                                idempotency_key=key())
    cashier = await _cashier(make_client)
    assert plan.id in [p.id for p in await cashier.accounts.pending_plans()]
    approved = await cashier.accounts.decide_plan(plan.id, approve=True, note="Cumple la ordenanza")
    assert approved.status == "approved"
    after = (await resident.accounts.statement()).lines
    assert not set(ids) & {x.debt_id for x in after}
    cuotas = [x for x in after if x.tribute == "fraccionamiento"]
    assert len(cuotas) == 7 and sum(x.principal for x in cuotas) == sum(
        c.total for c in approved.cuotas)


async def test_a_resident_never_reaches_another_residents_account(make_client, cards_dir,
                                                                  database):
    rosa = await _resident(make_client, cards_dir)
    code, _lines = await _code(rosa, 1)
    rosa_debt = (await rosa.accounts.statement()).lines[0]
    jorge = await _resident(make_client, cards_dir, JORGE)
    assert rosa_debt.debt_id not in {x.debt_id for x in (await jorge.accounts.statement()).lines}
    before = table_counts(database)
    attempts = [
        jorge.payments.pay(debt_ids=[rosa_debt.debt_id], method="card", amount=rosa_debt.total,
                           idempotency_key=key(), card={"authorization": "1"}),
        jorge.accounts.quote([rosa_debt.debt_id]),
        jorge.payments.create_code(debt_ids=[rosa_debt.debt_id], amount=rosa_debt.total,
                                   idempotency_key=key()),
        jorge.payments.code(code.code),
        jorge.accounts.simulate_plan(debt_ids=[rosa_debt.debt_id], instalments=3,
                                     initial=Decimal("50.00")),
        jorge.accounts.request_plan(debt_ids=[rosa_debt.debt_id], instalments=3,
                                    initial=Decimal("50.00"), idempotency_key=key()),
        jorge.accounts.no_debt_certificate(idempotency_key=key(), property_code="P-07-0001"),
        jorge.payments.collect_code(code.code, method="cash", idempotency_key=key()),
        jorge.payments.cash_open(Decimal("0")),
        jorge.payments.void("RP-PM-2026-000001", reason="no es mío", supervisor="admin",
                            supervisor_password="Miraflores2026"),
        jorge.accounts.pending_plans(),
    ]
    for attempt in attempts:
        with pytest.raises(ApiError) as refused:
            await attempt
        assert refused.value.status in (403, 404), refused.value.code
    after = table_counts(database)
    assert {k: v for k, v in after.items() if k not in {"audit_entries", "audit_head"}} == {
        k: v for k, v in before.items() if k not in {"audit_entries", "audit_head"}}
    cashier = await _cashier(make_client)  # staff can, acting for her explicitly
    assert (await cashier.payments.code(code.code)).holder_name == "Rosa Quispe Mamani"


async def test_card_payments_unreconciled_until_the_acquirer_settles_them(
        make_client, cards_dir, database, settings, tmp_path, monkeypatch, capsys):
    from server.cli import main

    resident = await _resident(make_client, cards_dir)
    lines = (await resident.accounts.statement()).lines[:1]
    amount = sum(x.total for x in lines)
    paid = await resident.payments.pay(debt_ids=[x.debt_id for x in lines], method="card",
                                       amount=amount, idempotency_key=key(),
                                       card={"authorization": "A55501"})
    admin = await make_client("terminal")
    await admin.auth.staff_login(username="admin", password="Miraflores2026")

    async def unreconciled() -> list[dict]:
        answer = await admin.transport.request("GET", "/api/v1/payments/card/unreconciled")
        return answer.json()

    [listed] = [x for x in await unreconciled() if x["receipt_number"] == paid.receipt_number]
    assert listed["authorization"] == "A55501" and Decimal(listed["amount"]) == amount
    cashier = await _cashier(make_client)
    with pytest.raises(ApiError) as not_supervisor:
        await cashier.transport.request("GET", "/api/v1/payments/card/unreconciled")
    assert not_supervisor.value.status == 403

    monkeypatch.setenv("KIOSK_SERVER_DATABASE_URL", settings.database_url)
    settlement = tmp_path / "visanet.csv"
    settlement.write_text("authorization,amount,settled_at\n"
                          f"A55501,{amount},2026-11-30T23:00:00-05:00\n"
                          "Z99999,10.00,2026-11-30T23:00:00-05:00\n")
    args = ["payments", "import-card-settlement", "--acquirer", "VISANET", str(settlement)]
    assert main(args) == 1  # the line for no payment is refused and told
    assert "Conciliados / reconciled: 1" in capsys.readouterr().out
    assert paid.receipt_number not in {x["receipt_number"] for x in await unreconciled()}
    assert main(args) == 1 and "ya conocidos / already known: 1" in capsys.readouterr().out
    with database.sessionmaker() as db:
        assert audit.verify(db=db).ok
