"""The staff terminal's devices list (issue 10, item 17): one row per machine, whatever it was
enrolled again, and what a device reports in words of the terminal's language, never the raw
"unknown", all of it readable at 80 columns."""

import httpx
import pytest

from kiosk.api import ApiClient
from screens.staff.devices import DevicesScreen
from screens.staff.menu import StaffMenuScreen
from tests.kiosk.conftest import wait_until
from tests.kiosk.test_staff_flows import _login

WORDS = {"es": ("no informa", "funciona", "EN LÍNEA"),
         "en": ("not reported", "working", "ONLINE")}
PAPER = {"es": "papel", "en": "paper"}


async def _kiosk_enrolled_twice(server_app) -> None:
    """The same kiosk enrolled again (a new disk, a restarted demo), then beating."""
    for _ in range(2):
        client = ApiClient("http://kiosk.test", transport=httpx.ASGITransport(app=server_app),
                           retries=1)
        await client.devices.enroll(token="DEMO-MIRAFLORES", name="kiosk-pm-1", kind="kiosk")
        await client.devices.heartbeat(software_version="0.1.0", reader_status="ok",
                                       printer_status="unknown", paper_status="unknown",
                                       last_error=None)


async def _devices_list(app, pilot) -> None:
    """The administrator's way to the list: log in, "4 Equipos de este local"."""
    await _login(app, pilot, "admin")
    assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
    await pilot.press("4")


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_one_row_per_device_in_honest_words(kiosk_app, server_app, lang):
    await _kiosk_enrolled_twice(server_app)
    app = kiosk_app(terminal=True, lang=lang)
    async with app.run_test(size=(80, 25)) as pilot:
        await _devices_list(app, pilot)
        assert isinstance(app.screen, DevicesScreen)
        table = app.screen.query_one("DataTable")
        assert await wait_until(pilot, lambda: table.row_count >= 2)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        names = [row[0].split("\n")[0] for row in rows]
        assert sorted(names) == sorted(set(names)) and "kiosk-pm-1" in names
        kiosk = next(row for row in rows if row[0].startswith("kiosk-pm-1\n"))
        unknown, working, online = WORDS[lang]
        assert kiosk[1].startswith(online) and kiosk[2] == working
        assert kiosk[3] == f"{unknown}\n{PAPER[lang]}: {unknown}"
        cells = " ".join(" ".join(row) for row in rows)
        assert "unknown" not in cells and "unknow" not in cells


async def test_every_column_fits_80_columns(kiosk_app, server_app):
    await _kiosk_enrolled_twice(server_app)
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(80, 25)) as pilot:
        await _devices_list(app, pilot)
        table = app.screen.query_one("DataTable")
        assert await wait_until(pilot, lambda: table.row_count >= 2)
        await pilot.pause()
        assert table.virtual_size.width <= table.content_region.width


async def test_an_administrator_retires_a_stolen_kiosk_from_the_list(kiosk_app, server_app):
    from kiosk.api import ApiError

    stolen = ApiClient("http://kiosk.test", transport=httpx.ASGITransport(app=server_app),
                       retries=1)
    await stolen.devices.enroll(token="DEMO-MIRAFLORES", name="kiosk-robado", kind="kiosk")
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(80, 25)) as pilot:
        await _devices_list(app, pilot)
        screen = app.screen
        table = screen.query_one("DataTable")
        assert await wait_until(pilot, lambda: table.row_count >= 1)
        assert ("R", "Retirar equipo") in screen.hints()
        row = next(i for i, d in enumerate(screen.devices) if d.name == "kiosk-robado")
        table.move_cursor(row=row)
        await pilot.press("r")
        assert await wait_until(pilot, lambda: app.screen is not screen)
        dialog = app.screen
        await pilot.press("a", "b", "enter")  # too short: said, not ignored
        assert await wait_until(pilot, lambda: "al menos 3 caracteres" in str(
            dialog.query_one("#text-dialog-hint").render()))
        await pilot.press("backspace", "backspace")
        for key in "robado":
            await pilot.press(key)
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "kiosk-robado retirado" in screen.status_text)
        assert await wait_until(pilot, lambda: "kiosk-robado" not in
                                [d.name for d in screen.devices])
    with pytest.raises(ApiError) as refused:
        await stolen.devices.me()
    assert refused.value.status == 401


async def test_the_list_and_its_keys_stay_after_a_change_of_language_and_text_size(
        kiosk_app, server_app):
    """The help dialog composes every screen again (new words, new line height): the rows
    and the key hints must come back, now in English, not a blank table."""
    await _kiosk_enrolled_twice(server_app)
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(80, 25)) as pilot:
        await _devices_list(app, pilot)
        screen = app.screen
        assert await wait_until(pilot, lambda: screen.query_one("DataTable").row_count >= 2)
        await pilot.press("f1")
        assert await wait_until(pilot, lambda: app.screen.query("#opt-speech"))
        await pilot.press("2", "4", "0")  # English, large text, close
        assert await wait_until(pilot, lambda: app.screen is screen)
        table = screen.query_one("DataTable")
        assert await wait_until(pilot, lambda: table.row_count >= 2)
        assert str(table.ordered_columns[0].label) == "Device"
        assert "kiosk-pm-1" in [d.name for d in screen.devices]
        hints = str(screen.query_one("KeyHints").render())
        assert "R Retire device" in hints and "Esc Back" in hints
        assert "devices" in screen.status_text
