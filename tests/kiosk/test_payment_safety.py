"""Money is never taken without a record (issue 10, item 1), at 80x25, es and en.

- Debts reserved by a pending payment code are marked R and never selected, and the resident
  can cancel her own code from the statement; a cashier can cancel any unpaid code.
- The server is asked before the terminal: a payment it would refuse is never charged.
- When the server still refuses an approved charge, the terminal reverses it and the screen
  says so with the authorisation number.
"""

import asyncio
import uuid

import pytest

from devices.payment.simulated import SimulatedTerminal
from kiosk import i18n
from screens.account.payment import PaymentMethodScreen
from screens.account.statement import StatementScreen
from screens.dialogs.confirm import ConfirmDialog
from screens.payments.card import CardPaymentScreen
from screens.resident.menu import ResidentMenuScreen
from tests.conftest import card_login
from tests.kiosk.conftest import choose, type_keys, wait_until

TEXT = {
    "es": {"reserved": "R: reservada por el código de pago", "nothing": "No se cobró nada",
           "reversed": "Anulamos el cargo en su tarjeta", "cancelled": "anulado"},
    "en": {"reserved": "R: reserved by payment code", "nothing": "Nothing was charged",
           "reversed": "We reversed the charge on your card", "cancelled": "cancelled"},
}


async def _statement(app, pilot) -> StatementScreen:
    await choose(pilot, "dni-login")
    await type_keys(pilot, "40123456")
    await pilot.press("enter")
    await type_keys(pilot, "654321")
    await pilot.press("enter")
    assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))
    await choose(pilot, "account")
    assert await wait_until(pilot, lambda: isinstance(app.screen, StatementScreen)
                            and app.screen.statement is not None)
    return app.screen


async def _rosa(make_client, cards_dir):
    client = await make_client()
    await card_login(client, cards_dir)
    return client


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_reserved_debts_are_marked_never_selected_and_the_code_can_be_cancelled(
        kiosk_app, make_client, cards_dir, lang):
    rosa = await _rosa(make_client, cards_dir)
    statement = await rosa.accounts.statement()
    oldest = statement.lines[0]
    quote = await rosa.accounts.quote([oldest.debt_id])
    code = await rosa.payments.create_code(debt_ids=[oldest.debt_id],
                                           amount=quote.totals.total,
                                           idempotency_key=str(uuid.uuid4()))
    app = kiosk_app(lang=lang, payment_terminal=SimulatedTerminal("simulated:approve:0.1"))
    async with app.run_test(size=(80, 25)) as pilot:
        screen = await _statement(app, pilot)
        assert TEXT[lang]["reserved"] in screen.status_text and code.code in screen.status_text
        assert oldest.debt_id in screen.reserved
        assert oldest.debt_id not in {x.debt_id for x in screen.selected_lines}
        assert str(screen.query_one("#statement-table").render()).splitlines()[1].startswith("R")
        await choose(pilot, f"cancel:{code.code}")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("1")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StatementScreen)
                                and not app.screen.reserved
                                and TEXT[lang]["cancelled"] in app.screen.status_text)
        assert oldest.debt_id in {x.debt_id for x in app.screen.selected_lines}
    assert (await rosa.payments.code(code.code)).status == "cancelled"


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_the_server_is_asked_before_the_card_is_charged(kiosk_app, make_client,
                                                              cards_dir, lang):
    terminal = SimulatedTerminal("simulated:approve:0.1")
    app = kiosk_app(lang=lang, payment_terminal=terminal)
    async with app.run_test(size=(80, 25)) as pilot:
        await _statement(app, pilot)
        await choose(pilot, "pay")
        assert await wait_until(pilot, lambda: isinstance(app.screen, PaymentMethodScreen)
                                and app.screen.quote is not None)
        quote = app.screen.quote
        # Meanwhile, at another kiosk, a payment code reserves the same debts.
        rosa = await _rosa(make_client, cards_dir)
        await rosa.payments.create_code(debt_ids=[x.debt_id for x in quote.lines],
                                        amount=quote.totals.total,
                                        idempotency_key=str(uuid.uuid4()))
        await choose(pilot, "card")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CardPaymentScreen)
                                and TEXT[lang]["nothing"] in app.screen.status_text)
        await pilot.pause(0.3)
        assert terminal.charges == []  # the terminal was never asked
        await pilot.press("0")
        assert await wait_until(pilot, lambda: isinstance(app.screen, PaymentMethodScreen))


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_an_approved_charge_the_server_refuses_is_reversed(kiosk_app, make_client,
                                                                 cards_dir, lang):
    # A resident slow with the card: the code below must come while the card is read, on a
    # busy machine too (Rosa's other device logs in before, so only the code is in the race).
    terminal = SimulatedTerminal("simulated:approve:3.0")
    app = kiosk_app(lang=lang, payment_terminal=terminal)
    rosa = await _rosa(make_client, cards_dir)
    async with app.run_test(size=(80, 25)) as pilot:
        await _statement(app, pilot)
        await choose(pilot, "pay")
        assert await wait_until(pilot, lambda: isinstance(app.screen, PaymentMethodScreen)
                                and app.screen.quote is not None)
        quote = app.screen.quote
        await choose(pilot, "card")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CardPaymentScreen))
        screen = app.screen
        # The server said yes; while the card is read, a code reserves the debts elsewhere.
        await asyncio.sleep(0.2)
        await rosa.payments.create_code(debt_ids=[x.debt_id for x in quote.lines],
                                        amount=quote.totals.total,
                                        idempotency_key=str(uuid.uuid4()))
        assert await wait_until(pilot, lambda: TEXT[lang]["reversed"] in screen.status_text, 8)
        (auth, cents, reference), = terminal.reversals
        assert terminal.charges == [(cents, reference)]
        assert cents == int(quote.totals.total * 100) and auth in screen.status_text
        assert not screen.registering and app.session.active
    assert not [p for p in await rosa.payments.history() if p.method == "card"]


async def test_a_failed_reversal_sends_the_resident_to_staff_with_the_number(
        kiosk_app, make_client, cards_dir):
    terminal = SimulatedTerminal("simulated:approve:3.0")  # as above: the code comes first
    terminal.fail_reversal = True
    app = kiosk_app(payment_terminal=terminal)
    rosa = await _rosa(make_client, cards_dir)
    async with app.run_test(size=(80, 25)) as pilot:
        await _statement(app, pilot)
        await choose(pilot, "pay")
        assert await wait_until(pilot, lambda: isinstance(app.screen, PaymentMethodScreen)
                                and app.screen.quote is not None)
        quote = app.screen.quote
        await choose(pilot, "card")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CardPaymentScreen))
        screen = app.screen
        await asyncio.sleep(0.2)
        await rosa.payments.create_code(debt_ids=[x.debt_id for x in quote.lines],
                                        amount=quote.totals.total,
                                        idempotency_key=str(uuid.uuid4()))
        assert await wait_until(pilot, lambda: "Pida ayuda al personal" in screen.status_text,
                                8)
        assert len(terminal.charges) == 1  # charged once, and not given back
        assert terminal.reversals == [] and app.last_error.startswith("card payment not")


def teardown_module() -> None:
    i18n.set_language("es")
