"""A cashier's day at the terminal: open the till, collect in cash, void, close and count."""

from decimal import Decimal

from screens.account.cash import CashPaymentScreen
from screens.account.payment import PaymentMethodScreen
from screens.account.statement import StatementScreen
from screens.cashier.cash_session import CashSessionScreen
from screens.cashier.void import VoidScreen
from screens.documents.receipt import ReceiptScreen
from screens.staff.lookup import ResidentLookupScreen
from screens.staff.menu import StaffMenuScreen
from tests.kiosk.conftest import type_keys, wait_until
from tests.kiosk.test_staff_flows import _login, text_of


async def _till(app, pilot, amount: str) -> None:
    await pilot.press("5")
    assert await wait_until(pilot, lambda: isinstance(app.screen, CashSessionScreen)
                            and app.screen.loaded)
    await type_keys(pilot, amount)
    await pilot.press("enter")


async def test_cash_collection_void_and_closing(kiosk_app):
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(110, 32)) as pilot:
        await _login(app, pilot, "cajero")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await _till(app, pilot, "100")
        assert await wait_until(pilot, lambda: "Caja abierta" in app.screen.status_text)
        await pilot.press("escape")
        await pilot.press("1")
        assert isinstance(app.screen, ResidentLookupScreen)
        await type_keys(pilot, "40123456")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "Atendiendo a Rosa" in app.screen.status_text)
        await pilot.press("1")  # her account, on her behalf
        assert await wait_until(pilot, lambda: isinstance(app.screen, StatementScreen)
                                and app.screen.statement is not None)
        await pilot.press("1")
        assert await wait_until(pilot, lambda: isinstance(app.screen, PaymentMethodScreen)
                                and app.screen.quote is not None)
        total = app.screen.quote.totals.total
        await pilot.press("2")  # cash (no card terminal here: 1 is a payment code)
        assert await wait_until(pilot, lambda: isinstance(app.screen, CashPaymentScreen))
        await type_keys(pilot, "10")
        await pilot.press("enter")
        assert "no cubre" in app.screen.status_text
        tendered = (total + 20).quantize(Decimal("1"))
        app.screen.query_one("#tendered").value = ""
        await type_keys(pilot, str(tendered))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 8)
        receipt = app.screen.document
        change = next(x.value for x in receipt.lines if x.label.es == "Vuelto")
        assert change == f"S/ {tendered - total:,.2f}"

        for _ in range(3):  # receipt -> statement -> lookup -> menu (ends acting-for)
            await pilot.press("escape")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await pilot.press("7")
        assert isinstance(app.screen, VoidScreen)
        for value in (receipt.number, "Cobro duplicado por error", "admin", "Miraflores2026"):
            await type_keys(pilot, value)
            await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 8)
        assert app.screen.document.voided
        assert "ANULADO" in text_of(app, "#receipt-text")

        await pilot.press("escape")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await _till(app, pilot, "100")  # the voided cash went back: 100 expected
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 8)
        closing = {x.label.es: x.value for x in app.screen.document.lines}
        assert closing["Efectivo esperado"] == "S/ 100.00"
        assert closing["Diferencia"] == "S/ 0.00"
