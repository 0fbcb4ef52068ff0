"""The real server (uvicorn, `kiosk-server run --demo`) under unauthenticated traffic and
concurrent kiosks: bank notifications with bad signatures, ten copies of one signed
notification, Open311 reports with a bad api_key, all beside kiosks reading statements. Every
request gets its answer (a frozen server times out), none is a 5xx, the code is paid once."""

import asyncio
import hashlib
import hmac
import json
import os
from datetime import UTC, datetime

import httpx
import pytest

from kiosk.api import ApiClient
from tests.rigs.uvicorn_server import BANK_SECRETS, ServerProcess, empty_postgres

pytestmark = pytest.mark.real
PG_URL = os.environ.get("KIOSK_TEST_DATABASE_URL")
DNIS = ("40123456", "07654321", "10234567", "41234987")
# A frozen server (the event loop blocked on a database lock) answers after 30 s or never.
PROMPT = 20.0


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request, tmp_path):
    url = None
    if request.param == "postgresql":
        if not PG_URL:
            pytest.skip("KIOSK_TEST_DATABASE_URL is not set (PostgreSQL tests)")
        url = empty_postgres(PG_URL)
    process = ServerProcess(tmp_path, database_url=url).start()
    yield process
    process.stop()


def _signed(body: dict, secret: str) -> tuple[bytes, str]:
    raw = json.dumps(body).encode()
    return raw, "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


async def test_attack_beside_kiosks_every_request_answered_no_5xx(server):
    kiosks = []
    for n, dni in enumerate(DNIS):
        client = ApiClient(server.url, retries=1)
        await client.devices.enroll(token="DEMO-MIRAFLORES", name=f"attack-{n}", kind="kiosk")
        await client.auth.pin_login(dni=dni, pin="654321")
        kiosks.append(client)
    lines = (await kiosks[0].accounts.statement()).lines[:1]
    code = await kiosks[0].payments.create_code(
        debt_ids=[x.debt_id for x in lines], amount=sum(x.total for x in lines),
        idempotency_key="attack-code")
    notice = {"bank": "BANCO-DEMO", "operation": "OP-ATTACK", "code": code.code,
              "amount": str(code.amount), "currency": "PEN",
              "paid_at": datetime.now(UTC).isoformat()}
    good, good_sig = _signed(notice, BANK_SECRETS["BANCO-DEMO"])
    forged, forged_sig = _signed({**notice, "operation": "OP-FORGED"}, "not-the-secret")
    statuses: dict[str, list[int]] = {}

    async def hit(http: httpx.AsyncClient, what: str, method: str, path: str, **kw) -> None:
        response = await http.request(method, path, **kw)
        statuses.setdefault(what, []).append(response.status_code)

    async def repeat(what: str, times: int, method: str, path: str, **kw) -> None:
        async with httpx.AsyncClient(base_url=server.url, timeout=PROMPT) as http:
            for _ in range(times):
                await hit(http, what, method, path, **kw)

    bank = "/api/v1/bank/notifications"
    json_type = {"Content-Type": "application/json"}
    tasks = [repeat("forged", 10, "POST", bank, content=forged,
                    headers={**json_type, "X-Bank-Signature": forged_sig}) for _ in range(4)]
    tasks += [repeat("signed", 1, "POST", bank, content=good,
                     headers={**json_type, "X-Bank-Signature": good_sig}) for _ in range(10)]
    tasks += [repeat("open311", 5, "POST", "/api/v1/open311/v2/requests.json",
                     data={"api_key": "1.wrong", "service_code": "x", "description": "y"})
              for _ in range(4)]
    tasks += [repeat("statement", 10, "GET", "/api/v1/accounts/statement", headers={
        "Authorization": f"Bearer {k.transport.credential}",
        "X-Kiosk-Session": k.transport.session_token}) for k in kiosks]
    await asyncio.gather(*tasks)

    assert statuses["forged"] == [401] * 40
    assert statuses["signed"] == [200] * 10
    assert statuses["open311"] == [403] * 20
    assert statuses["statement"] == [200] * 40
    paid = await kiosks[0].payments.code(code.code)
    assert paid.status == "paid" and paid.receipt_number
    for client in kiosks:
        await client.aclose()
