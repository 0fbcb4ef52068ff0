"""Store-and-forward cash (docs/offline.md): a cashier's terminal reserves receipt numbers,
collects cash while the server is away (numbered from its block, signed with its device key,
kept in its outbox) and the server applies each payment once when it arrives; refused in
words when the number is not the device's or the signature fails; a debt paid online
meanwhile becomes a credit for the cashiers' supervisor."""

import json
import socket
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from kiosk import device_certificate, offline_cash
from kiosk.api import ApiClient, ApiError
from kiosk.api.accounts import StatementLine
from kiosk.outbox import Outbox
from tests.conftest import table_counts

DNI = "40123456"


@dataclass
class Terminal:
    client: ApiClient
    state: Path
    outbox: Outbox
    cash_session_id: int
    lines: list[StatementLine]  # the resident's statement, read before the link dropped

    def collect(self, lines: list[StatementLine], **changes) -> offline_cash.OfflineReceipt:
        fields = {"state_dir": self.state, "outbox": self.outbox, "resident_dni": DNI,
                  "debt_ids": [x.debt_id for x in lines],
                  "amount": sum((x.total for x in lines), Decimal(0)),
                  "tendered": Decimal("500.00"), "staff_username": "cajero",
                  "cash_session_id": self.cash_session_id}
        return offline_cash.record_cash(**{**fields, **changes})


async def _terminal(make_client, state: Path, name: str = "caja-offline",
                    open_cash: bool = True) -> Terminal:
    client = await make_client("terminal", enrol=False)
    key_pem, csr = device_certificate.new_key_and_csr(name)
    enrolment = await client.devices.enroll(token="DEMO-MIRAFLORES", name=name,
                                            kind="terminal", csr=csr)
    client.credential = enrolment.credential
    device_certificate.save(device_certificate.CertFiles.under(state), key_pem=key_pem,
                            cert_pem=enrolment.certificate, ca_pem=enrolment.ca_chain)
    await client.auth.staff_login(username="cajero", password="Miraflores2026")
    block = await client.payments.reserve_offline_block(size=3)
    offline_cash.keep_block(state, prefix=block.prefix, first=block.first, last=block.last)
    if not open_cash:
        return Terminal(client, state, Outbox.under(state), 0, [])
    session = await client.payments.cash_open(Decimal("100.00"))
    await client.auth.act_for(dni=DNI, reason="Atención en caja")
    lines = (await client.accounts.statement()).lines
    return Terminal(client, state, Outbox.under(state), session.id, lines)


@pytest.fixture
async def terminal(make_client, tmp_path) -> Terminal:
    return await _terminal(make_client, tmp_path)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_cash_collected_offline_is_applied_once_when_the_link_returns(terminal, database):
    chosen = terminal.lines[:2]
    receipt = terminal.collect(chosen)
    assert receipt.number.startswith("RO-") and offline_cash.numbers_left(terminal.state) == 2

    away = ApiClient(f"http://127.0.0.1:{_closed_port()}", credential=terminal.client.credential,
                     retries=1, timeout=2)
    assert (await terminal.outbox.drain(away.transport)).waiting == 1  # still offline
    await away.aclose()
    before = table_counts(database)

    terminal.client.session_token = None  # the cashier has gone home: the device suffices
    result = await terminal.outbox.drain(terminal.client.transport)
    assert (result.sent, result.failed) == (1, 0)
    [sent] = terminal.outbox.items("sent")
    assert sent.response["status"] == "applied"
    assert sent.response["receipt"]["receipt_number"] == receipt.number  # the number printed
    assert Decimal(sent.response["amount"]) == sum((x.total for x in chosen), Decimal(0))

    # The answer was lost on the way: sent again with its key, it is not applied twice.
    again = await terminal.client.transport.request(
        "POST", sent.path, json=sent.body, idempotency_key=sent.idempotency_key)
    assert again.json() == sent.response
    after = table_counts(database)
    assert after["payments"] == before["payments"] + 1
    assert after["offline_payments"] == before["offline_payments"] + 1

    await terminal.client.auth.staff_login(username="cajero", password="Miraflores2026")
    await terminal.client.auth.act_for(dni=DNI, reason="Atención en caja")
    left = {x.debt_id for x in (await terminal.client.accounts.statement()).lines}
    assert not {x.debt_id for x in chosen} & left  # the debts are paid
    till = await terminal.client.payments.cash_current()
    assert till.totals["cash"] == sum((x.total for x in chosen), Decimal(0))  # in the till


async def test_a_debt_paid_online_meanwhile_becomes_a_credit_for_the_supervisor(
        terminal, make_client):
    chosen = terminal.lines[:1]
    terminal.collect(chosen)
    # Meanwhile the resident paid the same debt by card at a kiosk that was online.
    kiosk = await make_client("kiosk")
    await kiosk.auth.pin_login(dni=DNI, pin="654321")
    await kiosk.payments.pay(debt_ids=[chosen[0].debt_id], method="card", amount=chosen[0].total,
                             idempotency_key="online-1",
                             card={"authorization": "777777", "brand": "VISA", "last4": "4242"})
    result = await terminal.outbox.drain(terminal.client.transport)
    assert (result.sent, result.failed) == (1, 0)  # never refused: the cash is in the drawer
    [sent] = terminal.outbox.items("sent")
    assert sent.response["status"] == "credit" and sent.response["receipt"] is None
    assert sent.response["reason"]

    admin = await make_client("terminal")
    await admin.auth.staff_login(username="admin", password="Miraflores2026")
    credits = (await admin.transport.request("GET", "/api/v1/payments/offline/credits")).json()
    assert [(c["number"], Decimal(c["amount"])) for c in credits] == [
        (sent.response["number"], chosen[0].total)]


async def test_refused_in_words_when_the_number_or_the_signature_is_not_the_devices(
        terminal, make_client, tmp_path, database):
    # Another terminal's number, signed with this terminal's key: not in this device's block.
    other = await _terminal(make_client, tmp_path / "other", name="caja-otra", open_cash=False)
    foreign = offline_cash.take_number(other.state)
    state = terminal.state
    offline_cash.keep_block(state, prefix=foreign[:-6], first=int(foreign[-6:]),
                            last=int(foreign[-6:]))
    terminal.collect(terminal.lines[:1])
    # A record altered after it was signed (the amount made smaller).
    block = await terminal.client.payments.reserve_offline_block(size=2)
    offline_cash.keep_block(state, prefix=block.prefix, first=block.first, last=block.last)
    tampered = terminal.collect(terminal.lines[:1])
    body = {**tampered.item.body, "amount": "1.00"}
    before = table_counts(database)["payments"]

    with pytest.raises(ApiError) as wrong_number:
        item = terminal.outbox.items()[0]
        await terminal.client.transport.request("POST", item.path, json=item.body,
                                                idempotency_key="direct-1")
    assert wrong_number.value.code == "offline_number_unknown"
    assert "bloque" in wrong_number.value.message.es and "block" in wrong_number.value.message.en
    with pytest.raises(ApiError) as bad_signature:
        await terminal.client.transport.request("POST", tampered.item.path, json=body,
                                                idempotency_key="direct-2")
    assert bad_signature.value.code == "device_signature_invalid"
    assert "firma" in bad_signature.value.message.es

    result = await terminal.outbox.drain(terminal.client.transport)  # the queued ones
    assert (result.sent, result.failed) == (1, 1)
    refused = json.loads(terminal.outbox.items("failed")[0].last_error)
    assert refused["code"] == "offline_number_unknown" and refused["es"] and refused["en"]
    assert table_counts(database)["payments"] == before + 1  # only the genuine one


async def test_the_same_cash_tried_online_first_is_not_recorded_twice(terminal, database):
    """The cashier's ordinary payment reached the server but its answer did not; the till
    then recorded the same cash offline, naming that attempt: it arrives as the same cash."""
    chosen = terminal.lines[:1]
    amount = chosen[0].total
    online = await terminal.client.payments.pay(
        debt_ids=[chosen[0].debt_id], method="cash", amount=amount, tendered=amount,
        idempotency_key="till-attempt-1")  # applied; pretend the answer was lost
    before = table_counts(database)
    terminal.collect(chosen, online_key="till-attempt-1")
    result = await terminal.outbox.drain(terminal.client.transport)
    assert (result.sent, result.failed) == (1, 0)
    [sent] = terminal.outbox.items("sent")
    assert sent.response["status"] == "superseded"
    assert sent.response["receipt"]["receipt_number"] == online.receipt_number
    after = table_counts(database)
    assert after["payments"] == before["payments"]  # no second payment, no credit
    till = await terminal.client.payments.cash_current()
    assert till.totals["cash"] == amount  # the drawer counts that cash once


async def test_the_same_signed_record_under_another_key_gets_the_same_answer(terminal,
                                                                           database):
    """A retry that lost its key (a terminal restored from a backup, a second outbox) is
    still the same signed record: answered alike, never a refusal nor a second payment."""
    queued = terminal.collect(terminal.lines[:1])
    result = await terminal.outbox.drain(terminal.client.transport)
    assert (result.sent, result.failed) == (1, 0)
    [sent] = terminal.outbox.items("sent")
    before = table_counts(database)["payments"]
    again = await terminal.client.transport.request(
        "POST", queued.item.path, json=queued.item.body, idempotency_key="another-key")
    assert again.json() == sent.response
    assert table_counts(database)["payments"] == before
