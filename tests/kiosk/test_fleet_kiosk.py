"""The kiosk's side of the fleet (issue 18): a configuration the administrator sets reaches a
running kiosk through the hash in its heartbeat answer and changes what it shows and its idle
time without a restart; remote commands are run and acknowledged (a test receipt comes out of
the printer; a restart ends the app with the code systemd restarts it for)."""

import pytest

from kiosk.api.fleet import FleetConfig
from kiosk.fleet import RESTART_EXIT_CODE
from screens.home import HomeScreen
from tests.kiosk.conftest import wait_until

PASSWORD = "Miraflores2026"


async def _admin(make_client):
    terminal = await make_client("terminal")
    await terminal.auth.staff_login(username="admin", password=PASSWORD)
    return terminal


def _device_id(app) -> int:
    return int(app.client.credential.split(".")[0])


def _menu_ids(app) -> list[str]:
    return [o.id for o in app.screen.query_one("#home-menu").options]


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_a_new_configuration_is_applied_by_a_running_kiosk(kiosk_app, make_client, lang):
    app = kiosk_app(heartbeat_seconds=5, lang=lang)
    admin = await _admin(make_client)
    async with app.run_test(size=(80, 25)) as pilot:
        assert await wait_until(pilot, lambda: app.fleet.config_hash is not None, seconds=10)
        home = app.screen
        assert isinstance(home, HomeScreen) and not home.query("#home-message")
        assert "wifi" in _menu_ids(app) and "council" in _menu_ids(app)
        first = app.fleet.config_hash

        await admin.fleet.set_site_config("PM", FleetConfig(
            idle_seconds=40, services=["wifi", "procedures"],
            home_message_es="Hoy atendemos hasta la 1 p. m.",
            home_message_en="Open today until 1 pm"))
        assert await wait_until(pilot, lambda: app.fleet.config_hash != first, seconds=20)
        assert await wait_until(pilot, lambda: app.screen.query("#home-message"))
        message = str(app.screen.query_one("#home-message").render())
        assert message == ("Open today until 1 pm" if lang == "en"
                           else "Hoy atendemos hasta la 1 p. m.")
        assert [i for i in _menu_ids(app) if i != "dni-login"] == ["procedures", "wifi"]
        assert app.settings.idle_seconds == 40
        assert app.screen is home  # the same app and screen: no restart

        # Spanish only at this site: an English kiosk turns Spanish, F1 offers no English.
        await admin.fleet.set_device_config(_device_id(app), FleetConfig(languages=["es"]))
        assert await wait_until(pilot, lambda: app.fleet.config.languages == ["es"],
                                seconds=20)
        assert app.language == "es"
        assert await wait_until(pilot, lambda: app.screen.query_one("#home-menu").back.label
                                == "Accesibilidad y ayuda")  # names no other language
        await pilot.press("f1")
        assert await wait_until(pilot, lambda: app.screen.query("#a11y-menu"))
        options = [o.id for o in app.screen.query_one("#a11y-menu").options]
        assert "en" not in options and "es" in options
        await pilot.press("escape")

    view = await admin.fleet.view()
    mine = next(d for s in view.sites for d in s.devices if d.id == _device_id(app))
    assert mine.status == "ok"


async def test_remote_commands_print_a_test_receipt_then_restart_the_app(
        kiosk_app, make_client, tmp_path):
    paper = tmp_path / "printer.bin"
    app = kiosk_app(heartbeat_seconds=5, printer=f"file:{paper}")
    admin = await _admin(make_client)
    async with app.run_test(size=(80, 25)) as pilot:
        assert await wait_until(pilot, lambda: app.fleet.config_hash is not None, seconds=10)
        device = _device_id(app)
        printed = await admin.fleet.issue(device, "print_test")
        assert await wait_until(pilot, lambda: paper.exists() and b"PRUEBA" in paper.read_bytes(),
                                seconds=20)
        restart = await admin.fleet.issue(device, "restart")
        assert await wait_until(pilot, lambda: app.return_code == RESTART_EXIT_CODE,
                                seconds=20)
    done = {c.id: c for c in await admin.fleet.commands(device_id=device)}
    assert done[printed.id].outcome == "done" and done[restart.id].outcome == "done"
    assert done[restart.id].acked_at is not None
