"""A cashier's day at the terminal: open the till, collect in cash, void, close and count.

Amounts are typed as the app shows them ("1,000" is a thousand soles), said back before they
count (a second Enter), and what the cashier must do next (the change, a voided receipt, the
till's difference) is on the screen, not only inside the slip."""

from decimal import Decimal

from kiosk.money import soles
from screens.account.cash import CashPaymentScreen
from screens.account.payment import PaymentMethodScreen
from screens.account.statement import StatementScreen
from screens.cashier.cash_session import CashSessionScreen
from screens.cashier.void import VoidScreen
from screens.dialogs.confirm import ConfirmDialog
from screens.documents.receipt import ReceiptScreen
from screens.staff.lookup import ResidentLookupScreen
from screens.staff.menu import StaffMenuScreen
from tests.kiosk.conftest import choose, type_keys, wait_until
from tests.kiosk.test_staff_flows import _login, text_of


async def _amount(pilot, app, typed: str, said: str) -> None:
    """Type an amount, hear it said back, confirm it with a second Enter."""
    await type_keys(pilot, typed)
    await pilot.press("enter")
    assert await wait_until(pilot, lambda: said in app.screen.status_text), app.screen.status_text
    assert "otra vez para confirmar" in app.screen.status_text
    await pilot.press("enter")


async def _till(app, pilot) -> None:
    await choose(pilot, "cash")
    assert await wait_until(pilot, lambda: isinstance(app.screen, CashSessionScreen)
                            and app.screen.loaded)


async def test_cash_collection_void_and_closing(kiosk_app):
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(80, 25)) as pilot:
        await _login(app, pilot, "cajero")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await _till(app, pilot)
        await _amount(pilot, app, "1,000", "S/ 1,000.00")  # a thousand, never S/ 1.00
        assert await wait_until(pilot, lambda: "Caja abierta con S/ 1,000.00"
                                in app.screen.status_text)
        await pilot.press("escape")
        await choose(pilot, "lookup")
        assert isinstance(app.screen, ResidentLookupScreen)
        await type_keys(pilot, "40123456")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "Atendiendo a Rosa" in app.screen.status_text)
        await choose(pilot, "account")  # her account, on her behalf
        assert await wait_until(pilot, lambda: isinstance(app.screen, StatementScreen)
                                and app.screen.statement is not None)
        await choose(pilot, "pay")
        assert await wait_until(pilot, lambda: isinstance(app.screen, PaymentMethodScreen)
                                and app.screen.quote is not None)
        total = app.screen.quote.totals.total
        await choose(pilot, "cash")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CashPaymentScreen))
        await type_keys(pilot, "10")
        await pilot.press("enter")
        assert "no cubre" in app.screen.status_text
        app.screen.query_one("#tendered").value = ""
        await type_keys(pilot, "4,20")  # ambiguous: refused, and told how to write it
        await pilot.press("enter")
        assert "Use el punto para los céntimos" in app.screen.status_text
        app.screen.query_one("#tendered").value = ""
        tendered = (total + 20).quantize(Decimal("1"))
        change = soles(tendered - total)
        await _amount(pilot, app, f"{tendered:,}", f"Vuelto: {change}")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 8)
        receipt = app.screen.document
        assert next(x.value for x in receipt.lines if x.label.es == "Vuelto") == change
        assert f"Entregue el vuelto: {change}" in text_of(app, "#receipt-callout")

        for _ in range(3):  # receipt -> statement -> lookup -> menu (ends acting-for)
            await pilot.press("escape")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await choose(pilot, "void")
        assert isinstance(app.screen, VoidScreen)
        for value in (receipt.number, "Cobro duplicado por error", "admin", "Miraflores2026"):
            await type_keys(pilot, value)
            await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 8)
        assert app.screen.document.voided
        assert f"Recibo {receipt.number} ANULADO" in text_of(app, "#receipt-callout")

        await pilot.press("escape")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await _till(app, pilot)  # the voided cash went back: 1,000 expected
        assert "(0 recibos)" in text_of(app, "#cash-summary") or "(1 recibo)" in text_of(
            app, "#cash-summary")
        await _amount(pilot, app, "1,000.00", "diferencia S/ 0.00")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("0")  # not yet: nothing closes
        assert await wait_until(pilot, lambda: isinstance(app.screen, CashSessionScreen))
        assert "sigue abierta" in app.screen.status_text
        await pilot.press("enter")  # the same amount: said back again, then confirmed
        assert await wait_until(pilot, lambda: "confirmar" in app.screen.status_text)
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("1")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 8)
        closing = {x.label.es: x.value for x in app.screen.document.lines}
        assert closing["Efectivo esperado"] == "S/ 1,000.00"
        assert closing["Diferencia"] == "S/ 0.00"
        assert "Caja cerrada" in text_of(app, "#receipt-callout")
