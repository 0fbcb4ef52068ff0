"""The fleet view at the staff terminal (issue 18): an administrator sees every site and
device with its status in words of the terminal's language, a device out of paper as an
alert, the sites on the map of the district, all at 80x25, and sends a remote command that
the device then receives in its heartbeat answer."""

import httpx
import pytest

from kiosk.api import ApiClient
from kiosk.api.fleet import Beat
from screens.fleet.map import FleetMapScreen
from screens.fleet.table import FleetScreen
from screens.staff.menu import StaffMenuScreen
from tests.kiosk.conftest import choose, wait_until
from tests.kiosk.test_staff_flows import _login

WORDS = {"es": ("ALERTA", "sin papel", "SIN SEÑAL", "bien"),
         "en": ("ALERT", "out of paper", "NO SIGNAL", "ok")}


def _beat(paper: str) -> Beat:
    return Beat(software_version="0.9.0", reader_status="ok", printer_status="online",
                paper_status=paper, last_error=None, outbox=2)


async def _kiosk_out_of_paper(server_app) -> ApiClient:
    kiosk = ApiClient("http://kiosk.test", transport=httpx.ASGITransport(app=server_app),
                      retries=1)
    await kiosk.devices.enroll(token="DEMO-MIRAFLORES", name="kiosk-sin-papel", kind="kiosk")
    for _ in range(2):  # two beats in a row out of paper: the alert opens
        await kiosk.fleet.heartbeat(_beat("out"))
    return kiosk


async def _fleet(app, pilot) -> None:
    await _login(app, pilot, "admin")
    assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
    await choose(pilot, "fleet")
    assert await wait_until(pilot, lambda: isinstance(app.screen, FleetScreen))


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_the_administrator_sees_sites_devices_and_alerts_in_words_and_on_the_map(
        kiosk_app, server_app, lang):
    await _kiosk_out_of_paper(server_app)
    app = kiosk_app(terminal=True, lang=lang)
    alert, paper_out, _silent, _ok = WORDS[lang]
    async with app.run_test(size=(80, 25)) as pilot:
        await _fleet(app, pilot)
        screen = app.screen
        table = screen.query_one("DataTable")
        assert await wait_until(pilot, lambda: any(d and d.name == "kiosk-sin-papel"
                                                   for _s, d in screen.rows))
        row = next(i for i, (_s, d) in enumerate(screen.rows)
                   if d and d.name == "kiosk-sin-papel")
        cells = [str(c) for c in table.get_row_at(row)]
        assert cells[0].startswith("PM\n") and cells[2].startswith(f"! {alert}")
        assert cells[3].startswith(paper_out)
        await pilot.pause()
        assert table.virtual_size.width <= table.content_region.width  # 80 columns

        await pilot.press("m")
        assert await wait_until(pilot, lambda: isinstance(app.screen, FleetMapScreen))
        drawn = app.screen.query_one("#fleet-map")
        assert await wait_until(pilot, lambda: "┌" in str(drawn.render()))
        sites = app.screen.sites
        pm = next(n for n, s in enumerate(sites, 1) if s.code == "PM")
        assert f"{pm}!" in str(drawn.render())  # PM has a device in alert
        legend = str(app.screen.query_one("#fleet-legend").render())
        assert f"PM {alert}" in legend
        await pilot.pause()
        assert drawn.region.right <= 80 and app.screen.query_one("#fleet-legend").region.right <= 80


async def test_the_administrator_sends_a_test_print_the_device_receives_it(
        kiosk_app, server_app):
    kiosk = await _kiosk_out_of_paper(server_app)
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(80, 25)) as pilot:
        await _fleet(app, pilot)
        screen = app.screen
        assert await wait_until(pilot, lambda: any(d and d.name == "kiosk-sin-papel"
                                                   for _s, d in screen.rows))
        row = next(i for i, (_s, d) in enumerate(screen.rows)
                   if d and d.name == "kiosk-sin-papel")
        screen.query_one("DataTable").move_cursor(row=row)
        await pilot.press("o")
        assert await wait_until(pilot, lambda: app.screen.query("#fleet-command-menu"))
        await choose(pilot, "print_test")
        assert await wait_until(pilot, lambda: "Orden enviada a kiosk-sin-papel"
                                in screen.status_text)
    answer = await kiosk.fleet.heartbeat(_beat("ok"))
    assert [c.kind for c in answer.commands] == ["print_test"]


async def test_a_site_without_devices_has_its_row_and_its_configuration_opens(kiosk_app):
    """A site where nothing is installed yet is in the table all the same (the map shows it
    too), so C opens its configuration, the one its first devices will take."""
    from screens.fleet.config import FleetConfigScreen

    app = kiosk_app(terminal=True)
    async with app.run_test(size=(80, 25)) as pilot:
        await _fleet(app, pilot)
        screen = app.screen
        assert await wait_until(pilot, lambda: any(s.code == "CCRP" for s, _d in screen.rows))
        row = next(i for i, (s, _d) in enumerate(screen.rows) if s.code == "CCRP")
        table = screen.query_one("DataTable")
        cells = [str(c) for c in table.get_row_at(row)]
        assert cells[0] == "CCRP\nCentro Cultur…" and cells[1] == "—\nsin equipos"
        assert screen.status_text.startswith("1 equipo ")  # devices counted, not rows
        table.move_cursor(row=row)
        await pilot.pause()
        assert "aún no tiene equipos" in str(screen.query_one("#fleet-detail").render())
        await pilot.press("o")
        assert await wait_until(pilot, lambda: "no tiene equipos" in screen.status_text)
        await pilot.press("c")  # no question of device or site: the site's own
        assert await wait_until(pilot, lambda: isinstance(app.screen, FleetConfigScreen))
        assert app.screen.device is None and app.screen.site.code == "CCRP"
