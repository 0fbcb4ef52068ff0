"""The administrator edits the fleet's configuration at the terminal (issue 18): from the fleet
table, C opens a device's own layer or its site's; each field says what is in force and where
it comes from; a value the server refuses is shown next to its field in the terminal's
language and nothing is saved; a saved layer is what the devices are served next."""

import httpx
import pytest

from kiosk.api import ApiClient
from screens.fleet.config import FleetConfigScreen
from screens.fleet.services_dialog import ServicesDialog
from tests.kiosk.conftest import choose, type_keys, wait_until
from tests.kiosk.test_fleet_view import _fleet

PASSWORD = "Miraflores2026"
SAVED = {"es": "Los equipos lo aplicarán en su próximo latido",
         "en": "devices will apply it at their next heartbeat"}
REFUSED = {"es": "Valor no aceptado.", "en": "Value not accepted."}
IN_FORCE = {"es": ("de este equipo", "del local PM", "lo propio de cada quiosco"),
            "en": ("this device's", "site PM's", "each kiosk's own")}


async def _kiosk(server_app, name: str) -> tuple[ApiClient, int]:
    kiosk = ApiClient("http://kiosk.test", transport=httpx.ASGITransport(app=server_app),
                      retries=1)
    await kiosk.devices.enroll(token="DEMO-MIRAFLORES", name=name, kind="kiosk")
    return kiosk, (await kiosk.devices.me()).id


async def _admin(server_app) -> ApiClient:
    admin = ApiClient("http://kiosk.test", transport=httpx.ASGITransport(app=server_app),
                      retries=1)
    await admin.devices.enroll(token="DEMO-MIRAFLORES", name="admin-test", kind="terminal")
    await admin.auth.staff_login(username="admin", password=PASSWORD)
    return admin


async def _open(app, pilot, device_name: str, target: str) -> FleetConfigScreen:
    await _fleet(app, pilot)
    table = app.screen
    assert await wait_until(pilot, lambda: any(d and d.name == device_name
                                               for _s, d in table.rows))
    row = next(i for i, (_s, d) in enumerate(table.rows)
               if d and d.name == device_name)
    table.query_one("DataTable").move_cursor(row=row)
    await pilot.press("c")
    assert await wait_until(pilot, lambda: app.screen.query("#fleet-target-menu"))
    await choose(pilot, target)
    assert await wait_until(pilot, lambda: isinstance(app.screen, FleetConfigScreen))
    screen = app.screen
    assert await wait_until(pilot, lambda: "Vigente" in _text(screen, "#cfg-idle_seconds-now")
                            or "In force" in _text(screen, "#cfg-idle_seconds-now"))
    return screen


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def _go_to(pilot, widget_id: str) -> None:
    """Down, as the keypad does, until the field has the focus."""
    for _ in range(20):
        if pilot.app.focused is not None and pilot.app.focused.id == widget_id:
            return
        await pilot.press("down")
    raise AssertionError(f"{widget_id} never got the focus")


async def _fill(pilot, field: str, text: str) -> None:
    await _go_to(pilot, f"cfg-{field}")
    await pilot.press("ctrl+e", "ctrl+u")
    await type_keys(pilot, text)


async def _save(pilot) -> None:
    await _go_to(pilot, "cfg-save")
    await pilot.press("enter")


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_the_administrator_edits_a_device_and_a_refusal_is_shown_by_its_field(
        kiosk_app, server_app, lang):
    kiosk, kiosk_id = await _kiosk(server_app, "kiosko-config")
    admin = await _admin(server_app)
    from kiosk.api.fleet import FleetConfig

    await admin.fleet.set_site_config("PM", FleetConfig(idle_seconds=90))
    mine, from_site, own = IN_FORCE[lang]
    app = kiosk_app(terminal=True, lang=lang)
    async with app.run_test(size=(80, 25)) as pilot:
        screen = await _open(app, pilot, "kiosko-config", "device")
        # Nothing of its own yet: the site's idle time is in force, the rest the kiosk's.
        assert "90" in _text(screen, "#cfg-idle_seconds-now")
        assert from_site in _text(screen, "#cfg-idle_seconds-now")
        assert own in _text(screen, "#cfg-printer-now")

        # Five seconds is refused by the server: said next to the field, nothing saved.
        await _fill(pilot, "idle_seconds", "5")
        await _fill(pilot, "languages", "es")
        await _save(pilot)
        error = screen.query_one("#cfg-idle_seconds-error")
        assert await wait_until(pilot, lambda: error.display and REFUSED[lang] in _text(
            screen, "#cfg-idle_seconds-error"))
        assert "20" in _text(screen, "#cfg-idle_seconds-error")  # and what it accepts
        assert "3600" in _text(screen, "#cfg-idle_seconds-error")
        assert not screen.query_one("#cfg-languages-error").display
        assert app.focused.id == "cfg-idle_seconds"
        assert error.region.right <= 80 and error.region.width > 0
        assert (await admin.fleet.device_config(kiosk_id)) == FleetConfig()

        # A correct time (the mark goes as it is corrected), and the services picked from
        # the service table.
        await _fill(pilot, "idle_seconds", "45")
        assert not error.display
        other = "en" if lang == "es" else "es"
        app.set_language(other)  # and back: the form is composed anew, what was typed stays
        assert await wait_until(pilot, lambda: app.language == other)
        app.set_language(lang)
        assert await wait_until(pilot, lambda: "Vigente" in _text(
            screen, "#cfg-idle_seconds-now") or "In force" in _text(
            screen, "#cfg-idle_seconds-now"))
        await pilot.pause()
        assert screen.query_one("#cfg-idle_seconds").value == "45"
        assert screen.query_one("#cfg-languages").value == "es"
        await _go_to(pilot, "cfg-services")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ServicesDialog))
        for service in ("procedures", "wifi"):
            await _go_to(pilot, f"svc-{service}")
            await pilot.press("enter")
        await _go_to(pilot, "fleet-services-ok")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: app.screen is screen)
        await pilot.press("f10")  # saved from wherever the focus is (the button is below)
        assert await wait_until(pilot, lambda: SAVED[lang] in screen.status_text)
        assert not error.display
        assert mine in _text(screen, "#cfg-idle_seconds-now")
        assert "45 s" in _text(screen, "#cfg-idle_seconds-now")

    layer = await admin.fleet.device_config(kiosk_id)
    assert layer == FleetConfig(idle_seconds=45, languages=["es"],
                                services=["procedures", "wifi"])
    served = await kiosk.fleet.config()  # what the kiosk gets at its next heartbeat
    assert served.config.idle_seconds == 45 and served.config.services == ["procedures", "wifi"]


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_a_site_printer_the_kiosk_cannot_open_is_refused_in_large_text(
        kiosk_app, server_app, lang):
    await _kiosk(server_app, "kiosko-impresora")
    admin = await _admin(server_app)
    app = kiosk_app(terminal=True, lang=lang, large_text=True)
    async with app.run_test(size=(80, 25)) as pilot:
        screen = await _open(app, pilot, "kiosko-impresora", "site")
        await _fill(pilot, "printer", "impresora-de-la-esquina")
        await _save(pilot)
        error = screen.query_one("#cfg-printer-error")
        assert await wait_until(pilot, lambda: error.display)
        assert REFUSED[lang] in _text(screen, "#cfg-printer-error")
        assert "tcp:HOST" in _text(screen, "#cfg-printer-error")
        await pilot.pause()
        assert error.region.width > 0 and error.region.right <= 80
        assert error.region.y < 25
        assert (await admin.fleet.site_config("PM")).printer is None

        await _fill(pilot, "printer", "tcp:192.168.1.50:9100")
        await _save(pilot)
        assert await wait_until(pilot, lambda: SAVED[lang] in screen.status_text)
        assert "tcp:192.168.1.50:9100" in _text(screen, "#cfg-printer-now")
    assert (await admin.fleet.site_config("PM")).printer == "tcp:192.168.1.50:9100"
