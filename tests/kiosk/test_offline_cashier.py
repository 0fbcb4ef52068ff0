"""A cashier keeps collecting cash when the link drops (docs/offline.md): the payment is
numbered from the terminal's own block, a provisional receipt is printed with that number,
the till cannot be closed while it waits, and when the server is back the outbox delivers it:
the debts are paid once, with that very receipt number."""

from decimal import Decimal

from kiosk import offline_cash
from screens.account.cash import CashPaymentScreen
from screens.account.payment import PaymentMethodScreen
from screens.account.statement import StatementScreen
from screens.cashier.cash_session import CashSessionScreen
from screens.staff.lookup import ResidentLookupScreen
from screens.staff.menu import StaffMenuScreen
from tests.conftest import table_counts
from tests.kiosk.conftest import choose, type_keys, wait_until
from tests.kiosk.test_cashier_flows import _amount, _till
from tests.kiosk.test_staff_flows import _login
from tests.rigs.escpos_decode import decode
from tests.rigs.escpos_listener import EscposListener


async def test_cash_taken_offline_gets_a_provisional_receipt_and_arrives_once(kiosk_app,
                                                                              database):
    with EscposListener() as printer:
        app = kiosk_app(terminal=True, printer=printer.spec)
        state_dir = app.settings.state_dir
        async with app.run_test(size=(80, 25)) as pilot:
            await _login(app, pilot, "cajero")
            assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
            await _till(app, pilot)
            await _amount(pilot, app, "100", "S/ 100.00")
            # Opening the till, the terminal reserved receipt numbers of its own.
            assert await wait_until(pilot, lambda: offline_cash.numbers_left(state_dir) > 0)
            await pilot.press("escape")
            await choose(pilot, "lookup")
            assert isinstance(app.screen, ResidentLookupScreen)
            await type_keys(pilot, "40123456")
            await pilot.press("enter")
            assert await wait_until(pilot, lambda: "Atendiendo a Rosa" in app.screen.status_text)
            await choose(pilot, "account")
            assert await wait_until(pilot, lambda: isinstance(app.screen, StatementScreen)
                                    and app.screen.statement is not None)
            await choose(pilot, "pay")
            assert await wait_until(pilot, lambda: isinstance(app.screen, PaymentMethodScreen)
                                    and app.screen.quote is not None)
            total = app.screen.quote.totals.total
            debts = set(app.screen.debt_ids)
            await choose(pilot, "cash")
            assert await wait_until(pilot, lambda: isinstance(app.screen, CashPaymentScreen))
            before = table_counts(database)["payments"]
            # The outbox's worker is held back, so the test sees what waits; it is let go below.
            app.workers.cancel_group(app, "outbox")

            app.transport.down = True  # the link drops as the cash is handed over
            tendered = (total + 20).quantize(Decimal("1"))
            await type_keys(pilot, f"{tendered:,}")
            await pilot.press("enter")
            await pilot.press("enter")
            assert await wait_until(pilot, lambda: "recibo provisional" in
                                    app.screen.status_text, 10)
            number = app.screen.offline_number
            assert number.startswith("RO-") and number in app.screen.status_text
            assert await wait_until(pilot, lambda: bool(printer.jobs))
            paper = decode(printer.printed)
            assert "RECIBO PROVISIONAL" in paper.text and number in paper.text
            assert paper.qr == []  # nothing to verify yet: no link that would not work
            await pilot.press("enter")  # a second Enter does not take the cash twice
            assert app.screen.offline_number == number
            outbox = app.open_outbox()
            assert offline_cash.waiting(outbox) == 1

            while not isinstance(app.screen, StaffMenuScreen):  # back to the menu, the till
                current = app.screen
                await pilot.press("escape")
                assert await wait_until(pilot, lambda c=current: app.screen is not c)
            await choose(pilot, "cash")
            app.transport.down = False  # the till reads the server, the outbox waits
            assert await wait_until(pilot, lambda: isinstance(app.screen, CashSessionScreen)
                                    and app.screen.loaded, 20)
            app.transport.down = True
            await _amount(pilot, app, "100", "S/ 100.00")
            assert await wait_until(pilot, lambda: "por llegar al servidor" in
                                    app.screen.status_text)

            app.transport.down = False
            app.drain_outbox()  # the outbox delivers it by itself
            assert await wait_until(pilot, lambda: offline_cash.waiting(outbox) == 0, 30)
            [sent] = [i for i in outbox.items("sent") if i.path == offline_cash.PATH]
            assert sent.response["status"] == "applied"
            assert sent.response["receipt"]["receipt_number"] == number
            assert {a["debt_id"] for a in sent.response["receipt"]["allocations"]} == debts
            assert table_counts(database)["payments"] == before + 1
