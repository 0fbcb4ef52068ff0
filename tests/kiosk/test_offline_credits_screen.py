"""The supervisor settles offline credits at the terminal (docs/offline.md): from the staff
menu, the list of credits (DNI, amount, receipt number, why in words); one of them refunded
from the supervisor's till after a confirmation (a refund slip is printed), another applied
to the resident's other debts (a receipt is printed). 80x25, Spanish and English, large
text."""

from decimal import Decimal

from screens.cashier.credit import SettleCreditScreen
from screens.cashier.credits import OfflineCreditsScreen
from screens.dialogs.confirm import ConfirmDialog
from screens.documents.receipt import ReceiptScreen
from screens.staff.menu import StaffMenuScreen
from tests.conftest import table_counts
from tests.kiosk.conftest import choose, menus_fit, wait_until
from tests.kiosk.test_cashier_flows import _amount, _till
from tests.kiosk.test_staff_flows import _login
from tests.rigs.escpos_decode import decode
from tests.rigs.escpos_listener import EscposListener
from tests.server.test_offline_credits import make_credit


def _screen_text(app) -> str:
    return " ".join(str(w.render()) for w in app.screen.query("Static"))


async def _open_credit(app, pilot, credit: dict) -> None:
    await choose(pilot, "offline-credits")
    assert await wait_until(pilot, lambda: isinstance(app.screen, OfflineCreditsScreen)
                            and app.screen.loaded)
    await pilot.pause(0.2)
    assert menus_fit(app) == []
    await choose(pilot, str(credit["id"]), "list-menu")
    assert await wait_until(pilot, lambda: isinstance(app.screen, SettleCreditScreen))
    await pilot.pause(0.2)
    assert menus_fit(app) == []


async def test_the_supervisor_refunds_a_credit_from_the_till_and_the_slip_is_printed(
        kiosk_app, make_client, tmp_path, database):
    credit, _ = await make_credit(make_client, tmp_path / "offline")
    amount = Decimal(credit["amount"])
    with EscposListener() as printer:
        app = kiosk_app(terminal=True, printer=printer.spec, large_text=True)
        async with app.run_test(size=(80, 25)) as pilot:
            await _login(app, pilot, "admin")
            assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
            await _till(app, pilot)
            await _amount(pilot, app, "300", "S/ 300.00")
            assert await wait_until(pilot, lambda: "Caja abierta" in app.screen.status_text)
            await pilot.press("escape")
            assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))

            await choose(pilot, "offline-credits")
            assert await wait_until(pilot, lambda: isinstance(app.screen, OfflineCreditsScreen)
                                    and app.screen.loaded)
            listed = _screen_text(app)
            for shown in (f"DNI {credit['resident_dni']}", f"S/ {amount:,.2f}", credit["number"],
                          "Las deudas ya se habían pagado por otro medio."):
                assert shown in listed, shown
            await pilot.press("escape")
            await _open_credit(app, pilot, credit)
            assert "Motivo: Las deudas ya se habían pagado" in _screen_text(app)

            # Asked first; "no" leaves everything as it was.
            before = table_counts(database)
            await choose(pilot, "refund")
            assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            assert f"S/ {amount:,.2f}" in _screen_text(app)
            await pilot.press("escape")
            assert await wait_until(pilot, lambda: isinstance(app.screen, SettleCreditScreen))
            assert table_counts(database) == before

            await choose(pilot, "refund")
            assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await choose(pilot, "yes")
            assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 10)
            assert f"Entregue al vecino S/ {amount:,.2f} en efectivo." in _screen_text(app)
            assert await wait_until(pilot, lambda: bool(printer.jobs), 10)
            paper = decode(printer.printed)
            paper.text = " ".join(paper.text.split())  # the double-height title wraps
            assert "DEVOLUCIÓN DE EFECTIVO" in paper.text and credit["number"] in paper.text
            assert paper.qr  # verifiable

            await pilot.press("escape")  # back to the list: nothing left to settle
            assert await wait_until(pilot, lambda: isinstance(app.screen, OfflineCreditsScreen)
                                    and "No hay créditos por liquidar" in app.screen.status_text)
            await pilot.press("escape")
            await _till(app, pilot)  # the till expects the opening float less the refund
            assert app.screen.session.expected_cash == Decimal("300.00") - amount


async def test_the_supervisor_applies_a_credit_in_english(kiosk_app, make_client, tmp_path):
    credit, lines = await make_credit(make_client, tmp_path / "offline", debts=3)
    with EscposListener() as printer:
        app = kiosk_app(terminal=True, printer=printer.spec, lang="en", large_text=True)
        async with app.run_test(size=(80, 25)) as pilot:
            await _login(app, pilot, "admin")
            assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
            await _open_credit(app, pilot, credit)
            assert "Reason: The debts had already been paid another way." in _screen_text(app)
            await choose(pilot, "apply")
            assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            assert "Apply S/" in _screen_text(app)
            await choose(pilot, "yes")
            assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 10)
            assert "Credit applied: S/" in _screen_text(app)
            assert await wait_until(pilot, lambda: bool(printer.jobs), 10)
            paper = decode(printer.printed)
            paper.text = " ".join(paper.text.split())
            assert "RECIBO DE PAGO" in paper.text and "Offline cash credit" in paper.text
            assert credit["number"] in paper.text.replace("- ", "-")  # wrapped at a hyphen
            assert lines[1].label.es in paper.text  # the oldest pending debt, paid
