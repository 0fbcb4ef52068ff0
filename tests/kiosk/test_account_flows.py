"""A resident pays at the kiosk: statement, selection, card terminal, receipt on paper."""

from decimal import Decimal

from devices.payment.simulated import SimulatedTerminal
from screens.account.payment import PaymentMethodScreen
from screens.account.statement import StatementScreen
from screens.documents.receipt import ReceiptScreen
from screens.home import HomeScreen
from screens.payments.card import CardPaymentScreen
from screens.resident.menu import ResidentMenuScreen
from tests.kiosk.conftest import type_keys, wait_until
from tests.rigs.escpos_decode import decode
from tests.rigs.escpos_listener import EscposListener


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def _statement(app, pilot):
    await pilot.press("1")
    await type_keys(pilot, "40123456")
    await pilot.press("enter")
    await type_keys(pilot, "654321")
    await pilot.press("enter")
    assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))
    await pilot.press("1")  # the account is the first service
    assert await wait_until(pilot, lambda: isinstance(app.screen, StatementScreen)
                            and app.screen.statement is not None)
    return app.screen


async def _payment_method(app, pilot) -> None:
    await _statement(app, pilot)
    await pilot.press("1")
    assert await wait_until(pilot, lambda: isinstance(app.screen, PaymentMethodScreen)
                            and app.screen.quote is not None)


async def test_pay_overdue_by_card_and_get_the_receipt(kiosk_app):
    terminal = SimulatedTerminal("simulated:approve:0.2")
    with EscposListener() as printer:
        app = kiosk_app(printer=printer.spec, payment_terminal=terminal)
        async with app.run_test(size=(80, 25)) as pilot:
            screen = await _statement(app, pilot)
            statement = screen.statement
            overdue = [x for x in statement.lines if x.overdue]
            assert screen.selected == len(overdue) > 0  # default: everything overdue
            assert "Página 1 de" in text_of(app, "#statement-table")
            await pilot.press("slash")  # one less: the newest overdue debt stays unpaid
            chosen = overdue[:-1]
            total = sum((x.total for x in chosen), Decimal(0))
            assert f"S/ {total:,.2f}" in text_of(app, "#statement-totals")
            await pilot.press("1")
            assert await wait_until(pilot, lambda: isinstance(app.screen, PaymentMethodScreen)
                                    and app.screen.quote is not None)
            assert "Paso 2 de 3" in text_of(app, "#step")
            assert f"S/ {total:,.2f}" in text_of(app, "#pay-summary")
            await pilot.press("1")  # card
            assert await wait_until(pilot, lambda: isinstance(app.screen, CardPaymentScreen))
            assert "SIMULADO" in app.screen.status_text
            assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 8)
            document = app.screen.document
            assert await wait_until(pilot, lambda: "Retire su comprobante" in app.screen.status_text)
            assert terminal.charges == [(int(total * 100), terminal.charges[0][1])]
            await pilot.press("escape")  # back to the statement, already reloaded
            assert await wait_until(pilot, lambda: isinstance(app.screen, StatementScreen)
                                    and len(app.screen.statement.lines)
                                    == len(statement.lines) - len(chosen))
        assert await wait_until(pilot, lambda: bool(printer.jobs))
    paper = decode(printer.printed)
    assert "RECIBO DE PAGO" in paper.text and document.number in paper.text
    assert f"S/ {total:,.2f}" in paper.text and paper.qr == [document.verify_url]


async def test_declined_card_charges_nothing_and_offers_a_retry(kiosk_app, database):
    terminal = SimulatedTerminal("simulated:decline:0.1")
    app = kiosk_app(payment_terminal=terminal)
    async with app.run_test(size=(80, 25)) as pilot:
        await _payment_method(app, pilot)
        await pilot.press("1")
        assert await wait_until(pilot, lambda: "rechazada" in app.screen.status_text)
        assert terminal.charges == []
        terminal.next_outcome = "approve"
        await pilot.press("1")  # try again
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 8)


async def test_resident_cancels_at_the_terminal(kiosk_app):
    terminal = SimulatedTerminal("simulated:approve:30")
    app = kiosk_app(payment_terminal=terminal)
    async with app.run_test(size=(80, 25)) as pilot:
        await _payment_method(app, pilot)
        await pilot.press("1")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CardPaymentScreen))
        await pilot.press("0")
        assert await wait_until(pilot, lambda: "cancelado" in app.screen.status_text)
        assert terminal.charges == []


async def test_server_hiccup_after_approval_is_retried_with_the_same_key(kiosk_app):
    terminal = SimulatedTerminal("simulated:approve:0.5")
    app = kiosk_app(payment_terminal=terminal)
    async with app.run_test(size=(80, 25)) as pilot:
        await _payment_method(app, pilot)
        await pilot.press("1")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CardPaymentScreen)
                                and "acerque su tarjeta" in app.screen.status_text)
        screen = app.screen
        app.transport.down = True  # the server goes away while the card is being read
        assert await wait_until(pilot, lambda: "no se le cobrará dos veces" in app.screen.status_text, 8)
        assert not screen.can_go_back  # the resident is told to wait, not sent away
        app.transport.down = False
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 10)
        history = await app.client.payments.history()
        assert sum(1 for p in history if p.method == "card") == 1


async def test_payment_code_is_printed_with_its_barcode(kiosk_app):
    with EscposListener() as printer:
        app = kiosk_app(printer=printer.spec)
        async with app.run_test(size=(80, 25)) as pilot:
            await _payment_method(app, pilot)
            await pilot.press("1")  # payment code (the first method: no card terminal here)
            assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 8)
            document = app.screen.document
            assert document.kind == "payment_code"
        assert await wait_until(pilot, lambda: bool(printer.jobs))
    paper = decode(printer.printed)
    code = document.lines[0].value
    assert paper.barcodes == [code] and "CÓDIGO DE PAGO" in paper.text


async def test_ending_the_session_waits_for_an_approved_payment(kiosk_app):
    terminal = SimulatedTerminal("simulated:approve:0.3")
    app = kiosk_app(payment_terminal=terminal)
    async with app.run_test(size=(80, 25)) as pilot:
        await _payment_method(app, pilot)
        await pilot.press("1")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CardPaymentScreen)
                                and "acerque su tarjeta" in app.screen.status_text)
        app.transport.down = True  # the server said yes; now it goes away while charging
        assert await wait_until(pilot, lambda: app.screen.registering, 5)
        app.end_session("card_removed")  # the card pulled out while the payment is recorded
        assert app.session.active and isinstance(app.screen, CardPaymentScreen)
        app.transport.down = False
        assert await wait_until(pilot, lambda: not app.session.active, 10)
        assert isinstance(app.screen, HomeScreen)
        assert len(terminal.charges) == 1
        await app.client.auth.pin_login(dni="40123456", pin="654321")  # look as the resident
        history = await app.client.payments.history()
        assert sum(1 for p in history if p.method == "card") == 1
