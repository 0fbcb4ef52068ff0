"""What the kiosk does without the server (docs/offline.md), at 80x25, es and en: the TUPA
catalogue is shown from the kiosk's copy with its age, and replaced by the server's answer
when it is back; a card payment is never attempted offline and the screen says so."""

from datetime import UTC, datetime, timedelta

import pytest

from devices.payment.simulated import SimulatedTerminal
from kiosk import cache
from screens.account.payment import PaymentMethodScreen
from screens.account.statement import StatementScreen
from screens.payments.card import CardPaymentScreen
from screens.procedures.catalogue import CatalogueScreen
from tests.kiosk.conftest import choose, dni_login, wait_until

TEXT = {
    "es": {"age": "datos guardados hace 2 horas", "card": "no se puede pagar con tarjeta",
           "nothing": "No se cobró nada"},
    "en": {"age": "data saved 2 hours ago", "card": "you cannot pay by card",
           "nothing": "Nothing was charged"},
}


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_the_tupa_is_shown_from_the_kiosks_copy_with_its_age(kiosk_app, lang):
    app = kiosk_app(lang=lang)
    state_dir = app.settings.state_dir
    async with app.run_test(size=(80, 25)) as pilot:
        await choose(pilot, "procedures")
        await choose(pilot, "catalogue")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CatalogueScreen)
                                and app.screen.loaded)
        live = [p.code for p in app.screen.items]
        assert live and not app.screen.from_cache
        await pilot.press("escape")
        # The copy (written beside the screen), made two hours older.
        assert await wait_until(pilot, lambda: cache.read(state_dir, "tupa-catalogue")
                                is not None)
        kept = cache.read(state_dir, "tupa-catalogue")
        cache.keep(state_dir, "tupa-catalogue", kept.data,
                   now=datetime.now(UTC) - timedelta(hours=2, minutes=5))

        app.transport.down = True
        await choose(pilot, "catalogue")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CatalogueScreen)
                                and app.screen.loaded)
        assert app.screen.from_cache and [p.code for p in app.screen.items] == live
        assert TEXT[lang]["age"] in app.screen.status_text

        app.transport.down = False  # back: the server's answer replaces the copy by itself
        assert await wait_until(pilot, lambda: not app.screen.from_cache, 20)
        assert TEXT[lang]["age"] not in app.screen.status_text


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_a_card_is_never_charged_offline_and_the_screen_says_why(kiosk_app, lang):
    terminal = SimulatedTerminal("simulated:approve:0.1")
    app = kiosk_app(lang=lang, payment_terminal=terminal)
    async with app.run_test(size=(80, 25)) as pilot:
        await dni_login(pilot)
        await choose(pilot, "account")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StatementScreen)
                                and app.screen.statement is not None)
        await choose(pilot, "pay")
        assert await wait_until(pilot, lambda: isinstance(app.screen, PaymentMethodScreen)
                                and app.screen.quote is not None)
        app.transport.down = True  # the link drops while the resident chooses how to pay
        await choose(pilot, "card")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CardPaymentScreen)
                                and TEXT[lang]["card"] in app.screen.status_text)
        assert TEXT[lang]["nothing"] in app.screen.status_text
        assert terminal.charges == []  # the card terminal was never asked
