"""The fleet over the real server (`kiosk-server run --demo`: its migrations, the fleet's
branch included, and its demo data, then uvicorn on 127.0.0.1): a running kiosk applies the
configuration an administrator sets, reports the hash it applied, and restarts on command."""

import pytest

from kiosk.api import ApiClient
from kiosk.api.fleet import FleetConfig
from kiosk.fleet import RESTART_EXIT_CODE
from tests.rigs.uvicorn_server import ServerProcess

pytestmark = pytest.mark.real


@pytest.fixture
def server(tmp_path):
    process = ServerProcess(tmp_path).start()
    yield process
    process.stop()


async def test_a_kiosk_on_the_real_server_applies_its_configuration_and_restarts_on_command(
        server, tmp_path):
    from devices.card.simulated import SimulatedReader
    from devices.printer.spec import open_printer
    from kiosk.app import KioskApp
    from kiosk.config import KioskSettings
    from tests.kiosk.conftest import wait_until

    admin = ApiClient(server.url, retries=2, backoff=0.1)
    await admin.devices.enroll(token="DEMO-MIRAFLORES", name="terminal-flota", kind="terminal")
    await admin.auth.staff_login(username="admin", password="Miraflores2026")
    config = KioskSettings(server=server.url, reader="simulated", printer="none", lang="es",
                           state_dir=tmp_path / "kiosk", demo=True, device_name="pilot-flota",
                           heartbeat_seconds=5)
    app = KioskApp(config, ApiClient(server.url, retries=2, backoff=0.1), SimulatedReader(),
                   open_printer("none"))
    async with app.run_test(size=(80, 25)) as pilot:
        assert await wait_until(pilot, lambda: app.fleet.config_hash is not None, 20)
        await admin.fleet.set_site_config("PM", FleetConfig(
            home_message_es="Mañana no hay atención", idle_seconds=60))
        assert await wait_until(pilot, lambda: app.screen.query("#home-message"), 30)
        assert str(app.screen.query_one("#home-message").render()) == "Mañana no hay atención"
        assert app.settings.idle_seconds == 60
        device_id = int(app.client.credential.split(".")[0])
        applied = app.fleet.config_hash

        for _ in range(60):  # its next heartbeat reports the hash it applied
            view = await admin.fleet.view()
            mine = next(d for s in view.sites for d in s.devices if d.id == device_id)
            if mine.config_hash == applied:
                break
            await pilot.pause(0.5)
        assert mine.config_hash == applied and mine.status == "ok"
        await admin.fleet.issue(device_id, "restart")
        assert await wait_until(pilot, lambda: app.return_code == RESTART_EXIT_CODE, 30)
    [restart] = await admin.fleet.commands(device_id=device_id)
    assert restart.outcome == "done" and restart.acked_at is not None
