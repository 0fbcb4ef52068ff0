"""Two servers on one PostgreSQL count guesses together: a device spreading PIN guesses over
both is limited as by one server, and an unknown DNI locks after as many wrong PINs as a real
one, wherever each try lands (the counts are in the database, not in a server's memory)."""

import httpx
import pytest

from server.app import create_app
from server.db import Database

pytestmark = pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
PIN_LOGIN = "/api/v1/auth/pin/login"


@pytest.fixture
async def two_servers(server_app, settings):
    second = Database(settings.database_url)
    apps = [server_app, create_app(settings, second)]
    clients = [httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://kiosk.test") for app in apps]
    enrolled = await clients[0].post("/api/v1/devices/enroll", json={
        "token": "DEMO-MIRAFLORES", "name": "kiosk-two-servers", "kind": "kiosk"})
    credential = enrolled.json()["credential"]
    for client in clients:
        client.headers["Authorization"] = f"Bearer {credential}"
    yield clients
    for client in clients:
        await client.aclose()
    second.dispose()


async def test_pin_guesses_spread_over_two_servers_are_limited_as_on_one(two_servers):
    answers = [await two_servers[n % 2].post(PIN_LOGIN, json={
        "dni": f"{20000000 + n}", "pin": "000000"}) for n in range(14)]
    assert [a.status_code for a in answers[:10]] == [401] * 10
    assert {a.status_code for a in answers[10:]} == {429}
    assert int(answers[-1].headers["retry-after"]) >= 1


async def test_an_unknown_dni_locks_like_a_known_one_across_servers(two_servers):
    def tries(dni: str):
        return [two_servers[n % 2].post(PIN_LOGIN, json={"dni": dni, "pin": "000000"})
                for n in range(4)]

    known = [(await a).json() for a in tries("07654321")]
    unknown = [(await a).json() for a in tries("11111111")]
    assert [a["status"] for a in known] == [401, 401, 423, 423]
    assert [a["status"] for a in unknown] == [a["status"] for a in known]
    assert [a["message"]["es"] for a in unknown[:2]] == [a["message"]["es"] for a in known[:2]]
