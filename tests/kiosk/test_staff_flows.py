"""A clerk at the staff terminal: login, role-aware menu, acting for a resident, site devices."""

from screens.resident.my_data import MyDataScreen
from screens.staff.devices import DevicesScreen
from screens.staff.login import StaffLoginScreen
from screens.staff.lookup import ResidentLookupScreen
from screens.staff.menu import StaffMenuScreen
from screens.widgets.numbered_menu import MenuEntry
from tests.kiosk.conftest import type_keys, wait_until


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def _login(app, pilot, username: str, password: str = "Miraflores2026") -> None:
    assert await wait_until(pilot, lambda: app.site_name != "")
    await type_keys(pilot, username)
    await pilot.press("enter")
    await type_keys(pilot, password)
    await pilot.press("enter")


async def test_cashier_acts_for_a_resident_explicitly(kiosk_app):
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(110, 32)) as pilot:
        assert isinstance(app.screen, StaffLoginScreen)
        await _login(app, pilot, "cajero", "equivocada")
        assert await wait_until(pilot, lambda: "incorrectos" in app.screen.status_text)
        await _login(app, pilot, "cajero")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        assert "Pedro Alarcón Ruiz — Caja" in text_of(app, "#heading")
        await pilot.press("1")
        assert isinstance(app.screen, ResidentLookupScreen)
        await type_keys(pilot, "40123456")
        await pilot.press("enter")  # the default reason stands
        assert await wait_until(pilot, lambda: "Atendiendo a Rosa" in app.screen.status_text)
        assert "Atendiendo a: Rosa Quispe Mamani (DNI 40123456)" in text_of(app, "#top-acting")
        await pilot.press("2")  # the resident's services, on their behalf
        assert await wait_until(pilot, lambda: isinstance(app.screen, MyDataScreen))
        assert "Calle Berlín 245" in text_of(app, "#my-data")
        await pilot.press("escape", "escape")  # back to the menu ends acting-for
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        assert await wait_until(pilot, lambda: app.session.info.acting_for is None)


async def test_council_secretary_sees_no_counter_work(kiosk_app):
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(110, 32)) as pilot:
        await _login(app, pilot, "secretaria")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        labels = [entry.label for entry in app.screen.query(MenuEntry)]
        assert labels and not any("Atender" in label for label in labels)
        assert not any("Caja" in label for label in labels)
        assert labels[-1] == "0  Cerrar sesión"


async def test_devices_of_the_site_with_heartbeats(kiosk_app):
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(110, 32)) as pilot:
        await _login(app, pilot, "admin")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await pilot.press("4")
        assert isinstance(app.screen, DevicesScreen)
        table = app.screen.query_one("DataTable")
        assert await wait_until(pilot, lambda: table.row_count >= 1)
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[0] == "pilot\nterminal" and row[1].startswith("EN LÍNEA\n")
        await pilot.press("escape")
        await pilot.press("0")  # log out
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffLoginScreen))
        assert not app.session.active
