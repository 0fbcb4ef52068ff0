"""The transport's rules (docs/kiosk-api.md) against the real server behind an unreliable link:
what is retried, what never is, waiting for the enrolment, and what start-up loads."""

import asyncio
import os
import subprocess
import sys
import uuid
from decimal import Decimal

import httpx
import pytest

from kiosk.api import ApiClient, ServerUnavailable

ROSA = "40123456"


class Link(httpx.AsyncBaseTransport):
    """The real app behind a link that fails the next `failures` requests: `gateway` answers
    503 (the server never saw it), `lost` lets the server act and loses its answer."""

    def __init__(self, app) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.failures, self.how, self.seen = 0, "gateway", []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append((request.method, request.url.path,
                          request.headers.get("idempotency-key")))
        if not self.failures:
            return await self.inner.handle_async_request(request)
        self.failures -= 1
        if self.how == "gateway":
            return httpx.Response(503)
        response = await self.inner.handle_async_request(request)
        await response.aread()
        raise httpx.ReadError("connection reset before the answer arrived", request=request)

    def fail(self, times: int, how: str = "gateway") -> None:
        self.failures, self.how, self.seen = times, how, []


@pytest.fixture
async def rosa(server_app):
    link = Link(server_app)
    client = ApiClient("http://kiosk.test", transport=link, retries=3, backoff=0)
    await client.devices.enroll(token="DEMO-MIRAFLORES", name="link", kind="kiosk")
    await client.auth.pin_login(dni=ROSA, pin="654321")
    yield client, link
    await client.aclose()


async def test_a_get_is_tried_again_after_a_gateway_error(rosa):
    client, link = rosa
    link.fail(2)
    assert (await client.residents.me()).dni == ROSA
    assert [m for m, _, _ in link.seen] == ["GET", "GET", "GET"]


async def test_a_post_without_a_key_is_never_repeated(rosa):
    client, link = rosa
    debt = (await client.accounts.statement()).lines[0]
    link.fail(1)
    with pytest.raises(ServerUnavailable) as failed:
        await client.accounts.quote([debt.debt_id])
    assert failed.value.code == "server_unavailable" and "Nada se ha registrado" in (
        failed.value.text("es"))
    assert link.seen == [("POST", "/api/v1/accounts/quote", None)]


async def test_a_payment_whose_answer_was_lost_is_repeated_with_its_key_and_paid_once(rosa):
    client, link = rosa
    debt = (await client.accounts.statement()).lines[0]
    before = {p.receipt_number for p in await client.payments.history()}
    key = str(uuid.uuid4())
    link.fail(1, how="lost")
    paid = await client.payments.pay(debt_ids=[debt.debt_id], method="card", amount=debt.total,
                                     idempotency_key=key, card={"authorization": "123456"})
    assert link.seen == [("POST", "/api/v1/payments", key)] * 2
    after = {p.receipt_number for p in await client.payments.history()}
    assert after - before == {paid.receipt_number}
    assert paid.amount == debt.total and isinstance(paid.amount, Decimal)


async def test_a_call_made_while_enrolling_waits_for_the_credential(server_app):
    client = ApiClient("http://kiosk.test", transport=Link(server_app), retries=1)
    early = asyncio.create_task(client.auth.card_challenge())
    await asyncio.sleep(0)
    assert not early.done()
    await client.devices.enroll(token="DEMO-MIRAFLORES", name="early", kind="kiosk")
    assert (await early).challenge_id
    await client.aclose()


async def test_a_call_gives_up_when_the_device_never_enrols(server_app):
    client = ApiClient("http://kiosk.test", transport=Link(server_app), retries=1)
    client.transport.enrol_wait = 0.01
    with pytest.raises(ServerUnavailable):
        await client.auth.card_challenge()


def test_start_up_loads_neither_httpx_nor_pydantic_nor_the_domains():
    # pydantic (the wire models, Text) loads with the first domain used, after the first screen.
    probe = ("import sys\n"
             "import kiosk.app\n"
             "from kiosk.api import ApiClient\n"
             "from kiosk.config import KioskSettings\n"
             "KioskSettings(server='http://127.0.0.1:9', reader='simulated', demo=True)\n"
             "client = ApiClient('http://127.0.0.1:9')\n"
             "print(sorted(m for m in sys.modules if m in ('httpx', 'pydantic', 'num2words')\n"
             "             or m.startswith('kiosk.api')))\n"
             "client.payments\n"
             "print(sorted(m for m in sys.modules if m.startswith('kiosk.api.')))\n")
    env = {name: value for name, value in os.environ.items()
           if not name.upper().startswith("KIOSK_")}
    env["KIOSK_CONFIG_FILE"] = "/nonexistent/kiosk.toml"
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True,
                         text=True, env=env).stdout.splitlines()
    assert out[0] == str(["kiosk.api", "kiosk.api.errors", "kiosk.api.transport"])
    assert out[1] == str(["kiosk.api.documents", "kiosk.api.errors", "kiosk.api.payments",
                          "kiosk.api.text", "kiosk.api.transport"])
