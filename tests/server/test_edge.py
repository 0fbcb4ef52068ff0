"""The edge of the server: whatever a careless client or an attacker sends (integers past 64
bits, non-ASCII digits, naive or year-1 dates, lone surrogates, non-ASCII tokens, a malformed
device credential, a wrong method, broken JSON or multipart) is a 4xx problem+json in Spanish
and English, never a 500; a 500 carries its request id; a client's X-Request-ID is echoed
only when it is a plain id; security headers on every answer; no Swagger UI in production; no
DNI in the access log."""

import logging

import httpx
import pytest

from server.app import create_app
from server.config import ServerSettings

BIG = "99999999999999999999"
PROBLEM = "application/problem+json"


@pytest.fixture
async def http(server_app):
    transport = httpx.ASGITransport(app=server_app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://kiosk.test") as client:
        yield client


@pytest.fixture
async def resident(make_client):
    client = await make_client("kiosk")
    await client.auth.pin_login(dni="40123456", pin="654321")
    return {"Authorization": f"Bearer {client.transport.credential}",
            "X-Kiosk-Session": client.transport.session_token}


def assert_problem(response: httpx.Response, *statuses: int) -> dict:
    assert response.status_code in statuses, (response.status_code, response.text)
    assert response.headers["content-type"].startswith(PROBLEM), response.headers
    body = response.json()
    assert body["message"]["es"] and body["message"]["en"]
    assert body["message"]["es"] != body["message"]["en"]
    return body


JSON = {"Content-Type": "application/json"}
ANONYMOUS_CASES = {
    "device id past 64 bits": ("GET", "/api/v1/devices/self",
                               {"headers": {"Authorization": f"Bearer {BIG}.x"}}),
    "device id in superscript digits": ("GET", "/api/v1/devices/self",
                                        {"headers": {"Authorization": "Bearer ²².x".encode()}}),
    "device credential not ASCII": ("GET", "/api/v1/devices/self",
                                    {"headers": {"Authorization": "Bearer 1.ñandú".encode()}}),
    "enrolment token not ASCII": ("POST", "/api/v1/devices/enroll",
                                  {"json": {"token": "ÑANDÚ-ÑANDÚ", "name": "x",
                                            "kind": "kiosk"}}),
    "lone surrogate in a value": ("POST", "/api/v1/devices/enroll", {
        "content": b'{"token": "DEMO-MIRAFLORES", "name": "\\ud800", "kind": "kiosk"}',
        "headers": JSON}),
    "lone surrogate in a key": ("POST", "/api/v1/auth/pin/login", {
        "content": b'{"\\udc00": 1, "dni": "40123456", "pin": "12"}', "headers": JSON}),
    "election id past 64 bits": ("GET", f"/api/v1/elections/{BIG}/record", {}),
    "Open311 id past 64 bits": ("GET", f"/api/v1/open311/v2/requests/{BIG}.json", {}),
    "Open311 ids past 64 bits": ("GET", f"/api/v1/open311/v2/requests.json?"
                                 f"service_request_id={BIG},²", {}),
    "Open311 naive date": ("GET", "/api/v1/open311/v2/requests.json?"
                           "start_date=2026-01-01T00:00:00", {}),
    "Open311 year 1": ("GET", "/api/v1/open311/v2/requests.json?"
                       "start_date=0001-01-01T00:00:00Z", {}),
    "follow a file in superscript digits": ("POST", "/api/v1/procedures/follow",
                                            {"json": {"ref": "²²²²", "document": "²²²²²²²²"}}),
}


@pytest.mark.parametrize("case", ANONYMOUS_CASES)
async def test_malformed_input_is_a_4xx_problem(http, case):
    method, url, kw = ANONYMOUS_CASES[case]
    response = await http.request(method, url, **kw)
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    if not url.startswith("/api/v1/open311"):  # Open311 answers its own error format
        assert_problem(response, response.status_code)


RESIDENT_CASES = {
    "debt id past 64 bits": ("POST", "/api/v1/accounts/quote", {"json": {"debt_ids": [2**70]}}),
    "debt id past 32 bits": ("POST", "/api/v1/accounts/quote",
                             {"json": {"debt_ids": [2**40]}}),
    "receipt number in a path": ("GET", f"/api/v1/documents/{BIG}", {}),
}


@pytest.mark.parametrize("case", RESIDENT_CASES)
async def test_malformed_input_with_a_session_is_a_4xx_problem(http, resident, case):
    method, url, kw = RESIDENT_CASES[case]
    response = await http.request(method, url, headers=resident, **kw)
    assert_problem(response, 400, 404, 422)


async def test_framework_errors_speak_spanish_and_keep_allow(http):
    wrong = await http.delete("/api/v1/devices/enroll")
    body = assert_problem(wrong, 405)
    assert "POST" in wrong.headers["allow"]
    assert "método" in body["message"]["es"].lower()
    broken = await http.post("/api/v1/devices/enroll", content=b"{", headers=JSON)
    assert_problem(broken, 400, 422)
    multipart = await http.post("/api/v1/open311/v2/requests.json", content=b"--x\r\nbroken",
                                headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert multipart.status_code < 500


async def test_request_id_checked_before_echo_and_security_headers(http):
    plain = await http.get("/healthz", headers={"X-Request-ID": "abc-123.DEF_4"})
    assert plain.headers["x-request-id"] == "abc-123.DEF_4"
    for hostile in ("<script>alert(1)</script>", "x" * 8192):
        answer = await http.get("/healthz", headers={"X-Request-ID": hostile})
        assert answer.headers["x-request-id"] != hostile
        assert len(answer.headers["x-request-id"]) <= 64
    assert plain.headers["x-content-type-options"] == "nosniff"
    assert plain.headers["x-frame-options"] == "DENY"
    assert plain.headers["referrer-policy"] == "no-referrer"
    assert "content-security-policy" in plain.headers
    api = await http.get("/api/v1/devices/self")
    assert api.headers["cache-control"] == "no-store"


async def test_a_500_carries_its_request_id(settings, database, caplog):
    app = create_app(settings, database)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("boom")

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://kiosk.test") as http:
        with caplog.at_level(logging.ERROR, logger="server.http"):
            response = await http.get("/boom", headers={"X-Request-ID": "req-500"})
    body = assert_problem(response, 500)
    assert body["instance"] == "req-500" and response.headers["x-request-id"] == "req-500"
    assert any(getattr(r, "request_id", None) == "req-500" for r in caplog.records)


async def test_no_swagger_ui_in_production(shared_data_dir):
    production = ServerSettings(database_url="sqlite://", data_dir=shared_data_dir, demo=False)
    transport = httpx.ASGITransport(app=create_app(production))
    async with httpx.AsyncClient(transport=transport, base_url="http://kiosk.test") as http:
        assert (await http.get("/api/v1/docs")).status_code == 404
        assert (await http.get("/api/v1/openapi.json")).status_code == 200


async def test_no_dni_in_the_access_log(http, make_client, caplog):
    clerk = await make_client("terminal")
    await clerk.auth.staff_login(username="mesadepartes", password="Miraflores2026")
    with caplog.at_level(logging.INFO, logger="server.http"):
        response = await http.get("/api/v1/residents/by-dni/40123456", headers={
            "Authorization": f"Bearer {clerk.transport.credential}",
            "X-Kiosk-Session": clerk.transport.session_token})
    assert response.status_code == 200
    lines = [r for r in caplog.records if r.getMessage() == "request"]
    assert lines and all("40123456" not in str(r.__dict__) for r in lines)


async def test_bodies_past_the_limit_are_refused_before_reading(http):
    declared = await http.post("/api/v1/devices/enroll", content=b"{}", headers={
        **JSON, "Content-Length": str(100 * 1024 * 1024)})
    assert_problem(declared, 413)

    async def stream():
        for _ in range(40):  # 40 x 64 KB: past the 1 MB limit, without a Content-Length
            yield b" " * 65536

    streamed = await http.post("/api/v1/open311/v2/requests.json", content=stream(),
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_problem(streamed, 413)


async def test_unsafe_characters_in_json_are_neutralised_one_for_one(http, make_client):
    """NUL, ESC (an ANSI colour) and a right-to-left override never reach the database or a
    terminal; each becomes U+FFFD, so the documented length holds for what the client sent."""
    kiosk = await make_client("kiosk")
    admin = await make_client("terminal")
    await admin.auth.staff_login(username="admin", password="Miraflores2026")
    auth = {"Authorization": f"Bearer {kiosk.transport.credential}"}
    beat = {"software_version": "1", "reader_status": "ok", "printer_status": "online",
            "paper_status": "ok"}
    sent = "Papel\x00 \x1b[31matascado\u202e"
    answer = await http.post("/api/v1/fleet/heartbeat", headers=auth,
                             json={**beat, "last_error": sent})
    assert answer.status_code == 200, answer.text
    device_id = (await kiosk.devices.me()).id
    shown = next(d for s in (await admin.fleet.view()).sites for d in s.devices
                 if d.id == device_id).last_error
    assert shown == "Papel\ufffd \ufffd[31matascado\ufffd"
    at_limit = "\x00" * 10 + "x" * 290  # 300: the limit, counted as sent
    answer = await http.post("/api/v1/fleet/heartbeat", headers=auth,
                             json={**beat, "last_error": at_limit})
    assert answer.status_code == 200, answer.text
    assert_problem(await http.post("/api/v1/fleet/heartbeat", headers=auth,
                                   json={**beat, "last_error": at_limit + "\x00"}), 422)
