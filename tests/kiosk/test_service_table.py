"""The service table is the only list of services: a new row appears in every menu where its
audience belongs, pages when menus grow, and opens by keys alone (what a resident or clerk
would press: read the key shown, 9 for the next page)."""

import sys
import types

import pytest

from kiosk.api.devices import DeviceInfo
from kiosk.api.transport import Domain
from screens import registry
from screens.home import HomeScreen
from screens.login.dni_login import DniLoginScreen
from screens.resident.menu import ResidentMenuScreen
from screens.staff.lookup import ResidentLookupScreen
from screens.staff.menu import StaffMenuScreen
from screens.widgets.numbered_menu import MenuEntry, NumberedMenu
from tests.kiosk.conftest import choose, type_keys, wait_until
from tests.kiosk.test_staff_flows import _login
from tests.kiosk.throwaway import ThrowawayScreen

SCREEN = "tests.kiosk.throwaway:ThrowawayScreen"
ROWS = [
    registry.Service("throwaway-public", "Servicio público de prueba", ("public",), SCREEN),
    registry.Service("throwaway-resident", "Servicio de prueba para vecinos", ("resident",),
                     SCREEN),
    registry.Service("throwaway-staff", "Servicio de prueba del registro", ("staff",), SCREEN,
                     frozenset({"registrar"})),
]


@pytest.fixture
def table(monkeypatch):
    """The real table, the throw-away rows, and fillers up to (at least) 14 services for a
    resident: the menus need two pages."""
    rows = [*registry.SERVICES, *ROWS]
    while len(registry.services_for("resident", table=rows)) < 14:
        n = len(rows)  # enough public ones that the home screen needs two pages too
        audience = "public" if len(registry.services_for("public", table=rows)) < 8 else (
            "resident")
        rows.append(registry.Service(f"filler-{n}", f"Relleno {n}", (audience,), SCREEN))
    monkeypatch.setattr(registry, "SERVICES", rows)
    assert len(registry.services_for("resident")) >= 14
    return rows


def _menu_lines(app) -> list[str]:
    return [entry.label for entry in app.screen.query(MenuEntry)]


async def _open_and_return(pilot, app, service_id: str, back_to: type) -> None:
    await choose(pilot, service_id)
    assert await wait_until(pilot, lambda: isinstance(app.screen, ThrowawayScreen))
    assert "Servicio de prueba" in str(app.screen.query_one("#heading").render())
    await pilot.press("escape")
    assert await wait_until(pilot, lambda: isinstance(app.screen, back_to))


async def test_a_new_row_opens_from_every_menu_of_its_audience(kiosk_app, table):
    app = kiosk_app()
    async with app.run_test(size=(80, 25)) as pilot:
        # The public kiosk: only public services, on two pages.
        menu = app.screen.query_one("#home-menu", NumberedMenu)
        assert menu.pages >= 2
        assert not any(o.id in ("throwaway-resident", "throwaway-staff") for o in menu.options)
        await _open_and_return(pilot, app, "throwaway-public", HomeScreen)

        # A resident (DNI + municipal PIN, by keys): 14 or more services, paged, 9 turns.
        await choose(pilot, "dni-login")
        assert await wait_until(pilot, lambda: isinstance(app.screen, DniLoginScreen))
        await type_keys(pilot, "40123456")
        await pilot.press("enter")
        await type_keys(pilot, "654321")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))
        lines = _menu_lines(app)
        assert lines[:8] == [f"{n}  " + lines[n - 1].split("  ", 1)[1] for n in range(1, 9)]
        assert lines[8].startswith("9  ") and lines[9] == "0  Terminar sesión"
        await _open_and_return(pilot, app, "throwaway-resident", ResidentMenuScreen)
        await _open_and_return(pilot, app, "throwaway-public", ResidentMenuScreen)
        assert not any("registro" in line for line in _menu_lines(app))


async def test_a_staff_row_shows_to_its_roles_and_acting_for_shows_resident_rows(kiosk_app,
                                                                                  table):
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(80, 25)) as pilot:
        await _login(app, pilot, "registrador")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await _open_and_return(pilot, app, "throwaway-staff", StaffMenuScreen)

        await choose(pilot, "lookup")  # act for a resident: all the resident's services
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentLookupScreen))
        await type_keys(pilot, "40123456")
        await pilot.press("enter")
        ok = await wait_until(pilot, lambda: app.screen.query_one(
            "#acting-menu", NumberedMenu).options)
        assert ok, [(w.name, w.state, repr(w.error)) for w in app.screen.workers]
        assert len(app.screen.query_one("#acting-menu", NumberedMenu).options) == len(
            registry.services_for("resident"))
        await _open_and_return(pilot, app, "throwaway-resident", ResidentLookupScreen)
        await pilot.press("0")  # stop acting for her
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await choose(pilot, "logout")

        await _login(app, pilot, "cajero")  # another role: the registry's row is not there
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        assert not any("registro" in line for line in _menu_lines(app))


async def test_a_new_domain_module_is_reached_without_a_line_in_the_client(monkeypatch,
                                                                          make_client):
    """A service's `kiosk/api/<domain>.py` names its calls' class `API`; the client finds it."""
    module = types.ModuleType("kiosk.api.throwaway")

    class Throwaway(Domain):
        async def device(self) -> DeviceInfo:
            return await self.transport.get("/api/v1/devices/self", DeviceInfo)

    module.API = Throwaway
    monkeypatch.setitem(sys.modules, "kiosk.api.throwaway", module)
    client = await make_client()
    assert isinstance(client.throwaway, Throwaway) and client.throwaway is client.throwaway
    assert (await client.throwaway.device()).kind == "kiosk"  # over the device's transport
    with pytest.raises(AttributeError):
        _ = client.no_such_domain
