"""Devices: enrolment with one-time tokens, a credential on every request, heartbeats."""

import re

import httpx
import pytest

from kiosk.api import ApiClient, ApiError
from server.audit.service import SYSTEM
from server.sites.service import create_enrolment_token
from tests.conftest import table_counts

# Bank notifications carry the bank's HMAC signature instead (tests/contract/test_payments.py).
PUBLIC = {"/api/v1/devices/enroll", "/api/v1/openapi.json", "/healthz", "/readyz",
          "/api/v1/bank/notifications",
          # Published for anyone to check: a tracker, the results, the election record.
          "/api/v1/elections/{election_id}/trackers/{tracker}",
          "/api/v1/elections/{election_id}/results", "/api/v1/elections/{election_id}/record",
          # Following a file needs its number and the filer's DNI/RUC, not a kiosk.
          "/api/v1/procedures/follow",
          # The latest signed audit checkpoint, for anyone to keep (docs/audit.md).
          "/api/v1/audit/checkpoint"}
# Open311 GeoReport v2 answers anyone; its POST carries a device credential as `api_key`.
OPEN311 = "/api/v1/open311/v2/"


async def test_every_api_route_refuses_a_request_without_device_credential(server_app):
    """Whatever else a request has (even a valid-looking session), no device = 401."""
    spec = server_app.openapi()
    transport = httpx.ASGITransport(app=server_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://kiosk.test") as http:
        checked = 0
        for path, methods in spec["paths"].items():
            if path in PUBLIC or path.startswith(("/verify/", OPEN311)):
                continue
            url = re.sub(r"\{[a-z_]+\}", "1", path.replace("{dni}", "40123456").replace(
                "{code}", "AAAA-BBBB-CCCC"))
            for method in methods:
                for headers in ({}, {"Authorization": "Bearer 1.not-the-secret",
                                     "X-Kiosk-Session": "s_forged"}):
                    response = await http.request(method.upper(), url, headers=headers, json={})
                    assert response.status_code == 401, (method, path, response.text)
                    assert response.json()["code"] == "device_not_authenticated"
                    assert response.headers["content-type"] == "application/problem+json"
                checked += 1
    assert checked >= 10


async def test_enrolment_token_is_one_time(make_client, database):
    with database.sessionmaker() as db:
        token = create_enrolment_token(db=db, by=SYSTEM, site_code="CCRP", kind="kiosk")
        db.commit()
    first = await make_client(enrol=False)
    enrolment = await first.devices.enroll(token=token, name="kiosk-ccrp-1", kind="kiosk")
    assert enrolment.site_name == "Centro Cultural Ricardo Palma"
    assert (await first.devices.me()).name == "kiosk-ccrp-1"

    before = table_counts(database)
    second = await make_client(enrol=False)
    with pytest.raises(ApiError) as refused:
        await second.devices.enroll(token=token, name="kiosk-ccrp-2", kind="kiosk")
    assert refused.value.status == 403
    assert refused.value.code == "enrolment_token_invalid"
    assert "ya fue usado" in refused.value.message.es
    after = table_counts(database)
    assert after.pop("audit_entries") == before.pop("audit_entries") + 1
    assert after == before  # no device, nothing else written


async def test_unknown_device_credential_is_refused(make_client):
    client = await make_client()
    client.credential = "999.forged-secret"
    with pytest.raises(ApiError) as refused:
        await client.devices.me()
    assert refused.value.status == 401
    assert "no está registrado" in refused.value.message.es


async def test_demo_token_only_on_a_demo_server(settings, database):
    from server.app import create_app

    settings.demo = False
    app = create_app(settings, database)
    client = ApiClient("http://kiosk.test", transport=httpx.ASGITransport(app=app), retries=1)
    with pytest.raises(ApiError) as refused:
        await client.devices.enroll(token="DEMO-MIRAFLORES", name="k", kind="kiosk")
    assert refused.value.status == 403


async def test_heartbeat_is_kept_and_shown_to_staff_of_the_site(make_client):
    kiosk = await make_client("kiosk")
    await kiosk.devices.heartbeat(software_version="0.1.0", reader_status="ok", printer_status="online",
                                  paper_status="out", last_error="paper_out: sin papel")
    terminal = await make_client("terminal")
    await terminal.auth.staff_login(username="admin", password="Miraflores2026")
    devices = {d.name: d for d in await terminal.devices.all()}
    beat = devices[(await kiosk.devices.me()).name]
    assert beat.online and beat.paper_status == "out"
    assert beat.last_error == "paper_out: sin papel"


async def test_a_resident_cannot_list_devices(make_client, cards_dir):
    from tests.conftest import card_login

    kiosk = await make_client("kiosk")
    await card_login(kiosk, cards_dir)
    with pytest.raises(ApiError) as refused:
        await kiosk.devices.all()
    assert refused.value.status == 403
