"""A screen that failed for want of the server loads by itself when the server is back
(issue 10, item 7): the statement does not stay on "Consultando su cuenta…", the pay step does
not stay on "Espere el total", a list does not stay empty."""

from screens.account.payment import PaymentMethodScreen
from screens.account.statement import StatementScreen
from screens.procedures.catalogue import CatalogueScreen
from screens.resident.menu import ResidentMenuScreen
from tests.kiosk.conftest import choose, type_keys, wait_until


async def _resident(app, pilot) -> None:
    await choose(pilot, "dni-login")
    await type_keys(pilot, "40123456")
    await pilot.press("enter")
    await type_keys(pilot, "654321")
    await pilot.press("enter")
    assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))


async def test_the_statement_and_the_pay_step_load_when_the_server_is_back(kiosk_app):
    app = kiosk_app()
    async with app.run_test(size=(80, 25)) as pilot:
        await _resident(app, pilot)
        app.transport.down = True
        await choose(pilot, "account")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StatementScreen)
                                and "No hay conexión" in app.screen.status_text)
        assert app.screen.statement is None and not app.server_online
        app.transport.down = False
        assert await wait_until(pilot, lambda: app.screen.statement is not None, 20)
        assert "No hay conexión" not in app.screen.status_text

        app.transport.down = True
        await choose(pilot, "pay")
        assert await wait_until(pilot, lambda: isinstance(app.screen, PaymentMethodScreen)
                                and "No hay conexión" in str(
                                    app.screen.query_one("#pay-summary").render()))
        await choose(pilot, "code")
        assert "Espere el total" in app.screen.status_text
        app.transport.down = False
        assert await wait_until(pilot, lambda: app.screen.quote is not None, 20)
        assert "Total a pagar hoy" in str(app.screen.query_one("#pay-summary").render())


async def test_a_list_loads_when_the_server_is_back(kiosk_app):
    app = kiosk_app()
    async with app.run_test(size=(80, 25)) as pilot:
        await choose(pilot, "procedures")
        app.transport.down = True
        await choose(pilot, "catalogue")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CatalogueScreen)
                                and "No hay conexión" in app.screen.status_text)
        app.transport.down = False
        assert await wait_until(pilot, lambda: app.screen.loaded and app.screen.items, 20)
