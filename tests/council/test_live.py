"""The live session over server-sent events on the real server (uvicorn, `kiosk-server run
--demo`): two kiosks follow the secretary's roll call and votes; one disconnects and resumes
with Last-Event-ID, and both end with every event once, in order."""

import asyncio
import contextlib

import pytest

from kiosk.api import ApiClient
from server.timeutil import lima, utcnow
from tests.council.rig import PASSWORD, key
from tests.rigs.uvicorn_server import ServerProcess

pytestmark = pytest.mark.real
CODE = f"SC-{lima(utcnow()).year}-002"
PRESENT = ["ALCALDE"] + [f"R{i:02d}" for i in range(1, 10)]  # R10 on leave, R11 absent


@pytest.fixture
def server(tmp_path):
    process = ServerProcess(tmp_path).start()
    yield process
    process.stop()


async def _client(url: str, kind: str, name: str) -> ApiClient:
    client = ApiClient(url, retries=2, backoff=0.1)
    await client.devices.enroll(token="DEMO-MIRAFLORES", name=name, kind=kind)
    return client


async def _until(condition) -> None:
    async with asyncio.timeout(15):  # a generous bound: the events did not arrive at all
        while not condition():  # noqa: ASYNC110 (other tasks fill the lists)
            await asyncio.sleep(0.02)


async def test_two_kiosks_follow_a_session_and_one_resumes_without_loss_or_repeat(server):
    sec = await _client(server.url, "terminal", "secretaria-1")
    await sec.auth.staff_login(username="secretaria", password=PASSWORD)
    a = await _client(server.url, "kiosk", "kiosk-a")
    b = await _client(server.url, "kiosk", "kiosk-b")
    seen_a, seen_b = [], []

    async def follow(client, seen, stop_after=None, since=0):
        async for event in client.council.follow(CODE, last_event_id=since):
            seen.append(event)
            if stop_after and len(seen) >= stop_after:
                return

    task_a = asyncio.create_task(follow(a, seen_a))
    task_b = asyncio.create_task(follow(b, seen_b, stop_after=14))  # B leaves mid-way
    await asyncio.sleep(0.3)  # both connected
    await sec.council.roll_call(CODE, PRESENT)  # 12 attendance + 1 status
    await sec.council.open_item(CODE, 5)  # + 1 item = 14
    await _until(lambda: task_b.done())
    for member in PRESENT[:6]:  # B is away for these six votes
        await sec.council.vote(CODE, 5, member=member, option="a_favor", idempotency_key=key())
    await _until(lambda: len(seen_a) == 20)
    task_b = asyncio.create_task(follow(b, seen_b, since=seen_b[-1].id))  # Last-Event-ID
    for member in PRESENT[6:]:
        await sec.council.vote(CODE, 5, member=member, option="en_contra",
                               idempotency_key=key())
    await sec.council.close_vote(CODE, 5)  # + 4 votes + 1 result = 25
    await _until(lambda: len(seen_a) == 25 and len(seen_b) == 25)
    assert [e.id for e in seen_a] == list(range(1, 26))
    assert [(e.id, e.kind, e.data) for e in seen_b] == [(e.id, e.kind, e.data) for e in seen_a]
    assert [e.kind for e in seen_a][12:15] == ["status", "item", "vote"]
    assert seen_a[12].data["state"] == "en_curso" and seen_a[12].data["quorum"] == 6
    assert seen_a[-1].kind == "result" and seen_a[-1].data["result"] == "aprobado"
    assert seen_a[14].data == {"session": CODE, "seq": 5, "member": "ALCALDE",
                               "name": "Carlos Canales Anchorena", "option": "a_favor"}
    for task in (task_a, task_b):
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    # The stream is not buffered behind a proxy and is plain text/event-stream.
    async with a.transport._http.stream("GET", f"/api/v1/council/sessions/{CODE}/live",
                                        headers={"Last-Event-ID": "24"}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["x-accel-buffering"] == "no"
        assert response.headers["cache-control"] == "no-cache"
        async for line in response.aiter_lines():
            if line.startswith("id:"):
                assert line == "id: 25"
                break
    for client in (a, b, sec):
        await client.aclose()


async def test_the_kiosk_live_screen_follows_the_secretary_over_the_real_stream(server,
                                                                                tmp_path):
    """The kiosk's live screen, on the real server: the roll call, the item and each vote
    appear on it as the secretary records them, without reloading."""
    from devices.card.simulated import SimulatedReader
    from devices.printer.spec import open_printer
    from kiosk.app import KioskApp
    from kiosk.config import KioskSettings
    from screens.council.live import LiveScreen
    from tests.kiosk.conftest import wait_until

    sec = await _client(server.url, "terminal", "secretaria-2")
    await sec.auth.staff_login(username="secretaria", password=PASSWORD)
    config = KioskSettings(server=server.url, reader="simulated", printer="none", lang="es",
                           state_dir=tmp_path / "kiosk", demo=True, device_name="pilot-live")
    app = KioskApp(config, ApiClient(server.url, retries=2, backoff=0.1), SimulatedReader(),
                   open_printer("none"))

    def text(selector: str) -> str:
        return str(app.screen.query_one(selector).render())

    async with app.run_test(size=(80, 25)) as pilot:
        assert await wait_until(pilot, lambda: app.site_name != "", 20)
        await app.push_screen(LiveScreen(CODE))
        assert await wait_until(pilot, lambda: app.screen.live is not None, 10)
        assert "convocada" in text("#live-status")
        await sec.council.roll_call(CODE, PRESENT)
        assert await wait_until(pilot, lambda: "presentes 10" in text("#live-status"), 10)
        await sec.council.open_item(CODE, 5)
        assert await wait_until(pilot, lambda: "Punto 5: Ordenanza" in text("#live-item"), 10)
        await sec.council.vote(CODE, 5, member="R03", option="en_contra",
                               idempotency_key=key())
        assert await wait_until(pilot, lambda: "Lucía Fernández Ríos: en contra"
                                in text("#live-votes"), 10)
        assert "En contra 1" in text("#live-count")
    await sec.aclose()
