"""Cuenta corriente through the real kiosk client and server: statement, pay, receipts."""

import asyncio
import uuid
from decimal import Decimal

import httpx
import pytest

from kiosk.api import ApiError
from tests.conftest import card_login, table_counts

ROSA, MARIA = "40123456", "10234567"  # Rosa owes; María Elena has paid everything


def key() -> str:
    return str(uuid.uuid4())


async def _resident(make_client, cards_dir, dni=ROSA):
    client = await make_client()
    await card_login(client, cards_dir, dni=dni)
    return client


async def _card(client, lines, **kw):
    return await client.payments.pay(debt_ids=[x.debt_id for x in lines], method="card",
                                     amount=sum(x.total for x in lines), idempotency_key=kw.get(
                                "key", key()), card={"authorization": "123456",
                                                     "brand": "VISA", "last4": "4242"})


async def test_statement_totals_are_the_sum_of_its_lines(make_client, cards_dir):
    client = await _resident(make_client, cards_dir)
    statement = await client.accounts.statement()
    assert statement.holder_name == "Rosa Quispe Mamani" and statement.lines
    for field in ("principal", "interest", "discount", "total"):
        assert getattr(statement.totals, field) == sum(getattr(x, field)
                                                       for x in statement.lines)
    assert statement.overdue_total == sum(x.total for x in statement.lines if x.overdue)
    assert all(x.total == x.principal + x.interest - x.discount for x in statement.lines)
    dues = [x.due_on for x in statement.lines]
    assert dues == sorted(dues)  # oldest first: what is overdue comes first
    assert {p.code for p in statement.properties} == {"P-07-0001", "P-01-0002"}
    assert all(isinstance(x.total, Decimal) for x in statement.lines)


async def test_card_payment_is_exactly_once_and_prints_a_numbered_receipt(
        make_client, cards_dir, database):
    client = await _resident(make_client, cards_dir)
    oldest = (await client.accounts.statement()).lines[:3]
    same = key()
    paid = await _card(client, oldest, key=same)
    assert paid.amount == sum(x.total for x in oldest)
    assert sum(a.total for a in paid.allocations) == paid.amount
    assert paid.document.number.startswith("RP-PM-")
    assert any(line.value == f"S/ {paid.amount:,.2f}" for line in paid.document.lines)
    counts = table_counts(database)
    again = await _card(client, oldest, key=same)  # a retry after a lost reply
    assert again == paid and table_counts(database) == counts
    after = await client.accounts.statement()
    assert not {x.debt_id for x in oldest} & {x.debt_id for x in after.lines}
    with pytest.raises(ApiError) as refused:  # a new attempt at the same cuotas
        await _card(client, oldest)
    assert refused.value.status == 409 and refused.value.code == "debt_already_paid"
    history = await client.payments.history()
    assert history[0].receipt_number == paid.receipt_number


async def test_older_cuotas_first(make_client, cards_dir):
    client = await _resident(make_client, cards_dir)
    lines = (await client.accounts.statement()).lines
    first = lines[0]
    later = next(x for x in lines[1:] if x.tribute == first.tribute
                 and x.property_code == first.property_code)
    with pytest.raises(ApiError) as refused:
        await _card(client, [later])
    assert refused.value.code == "imputation_order" and "antigua" in refused.value.text("es")


async def test_a_changed_total_is_refused_not_charged(make_client, cards_dir, database):
    client = await _resident(make_client, cards_dir)
    first = (await client.accounts.statement()).lines[0]
    before = table_counts(database)
    with pytest.raises(ApiError) as refused:
        await client.payments.pay(debt_ids=[first.debt_id], method="card", amount=first.total - 1,
                                  idempotency_key=key(), card={"authorization": "1"})
    assert refused.value.status == 409 and refused.value.code == "amount_changed"
    assert Decimal(refused.value.extra["total"]) == first.total
    assert table_counts(database)["payments"] == before["payments"]


@pytest.mark.parametrize("body, code", [
    ({"amount": "-5.00"}, "amount_invalid"),
    ({"amount": "diez"}, "decimal_parsing"),
    ({"amount": "10.001"}, "amount_invalid"),
    ({"currency": "USD"}, "currency_not_accepted"),
    ({"debt_ids": []}, "invalid_request"),
    ({"debt_ids": [999999]}, "debt_not_found"),
    ({"method": "cash"}, "cash_at_cashier"),
    ({"card": None}, "card_approval_missing"),
])
async def test_bad_payments_get_a_clear_4xx_and_write_nothing(
        make_client, cards_dir, server_app, database, body, code):
    client = await _resident(make_client, cards_dir)
    first = (await client.accounts.statement()).lines[0]
    payload = {"debt_ids": [first.debt_id], "method": "card", "amount": str(first.total),
               "currency": "PEN", "card": {"authorization": "1"}} | body
    before = table_counts(database)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=server_app),
                                 base_url="http://kiosk.test") as http:
        response = await http.post("/api/v1/payments", json=payload, headers={
            "Authorization": f"Bearer {client.credential}",
            "X-Kiosk-Session": client.session_token, "Idempotency-Key": key()})
    assert 400 <= response.status_code < 500
    problem = response.json()
    assert problem["code"] == code and problem["message"]["es"] and problem["message"]["en"]
    assert table_counts(database) == before


async def test_two_terminals_paying_the_same_cuota_at_once(make_client, cards_dir, database):
    a = await _resident(make_client, cards_dir)
    b = await _resident(make_client, cards_dir)
    first = (await a.accounts.statement()).lines[:1]
    results = await asyncio.gather(_card(a, first), _card(b, first), return_exceptions=True)
    paid = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, ApiError)]
    assert len(paid) == 1 and len(refused) == 1, results
    assert refused[0].status == 409 and refused[0].code in {"debt_already_paid"}
    assert table_counts(database)["allocations"] >= 1


async def test_no_debt_certificate_only_when_nothing_is_owed(make_client, cards_dir):
    rosa = await _resident(make_client, cards_dir)
    with pytest.raises(ApiError) as refused:
        await rosa.accounts.no_debt_certificate(idempotency_key=key())
    assert refused.value.code == "debt_pending" and "S/ " in refused.value.text("es")
    maria = await _resident(make_client, cards_dir, MARIA)
    assert not (await maria.accounts.statement()).lines
    doc = await maria.accounts.no_debt_certificate(idempotency_key=key())
    assert doc.kind == "no_debt" and doc.number.startswith("CNA-")
    assert (await maria.documents.verify(doc.code)).valid
