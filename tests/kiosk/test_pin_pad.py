"""The PIN pad as a resident meets it (issue 10, items 9 and 11): ← deletes the last digit,
tries are counted in words that agree with the number, and after the last wrong PIN the card
is blocked: the pad takes no more digits and no longer promises tries."""

import pytest

from devices.card.emulator import load_card
from devices.card.simulated import SimulatedReader
from screens.login.pin_pad import PinPadScreen
from tests.kiosk.conftest import type_keys, wait_until


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def _wrong(pilot, app, expected: str) -> None:
    await type_keys(pilot, "111111")
    await pilot.press("enter")
    assert await wait_until(pilot, lambda: expected in text_of(app, "#pin-status")), text_of(
        app, "#pin-status")


@pytest.mark.parametrize(("lang", "one", "blocked"), [
    ("es", "Le queda 1 intento.", "bloqueada"), ("en", "1 try left.", "blocked")])
async def test_tries_in_words_then_blocked_and_deaf(kiosk_app, cards_dir, lang, one, blocked):
    reader = SimulatedReader()
    app = kiosk_app(reader=reader, lang=lang)
    async with app.run_test(size=(80, 25)) as pilot:
        reader.insert(load_card(cards_dir, "06543210"))
        assert await wait_until(pilot, lambda: isinstance(app.screen, PinPadScreen)
                                and not app.screen.reading)
        await type_keys(pilot, "12")
        await pilot.press("left")  # ← Borrar
        assert text_of(app, "#pin-mask") == "* _ _ _ _ _"
        await pilot.press("left")
        await _wrong(pilot, app, "2")
        await _wrong(pilot, app, one)
        await type_keys(pilot, "111111")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: blocked in text_of(app, "#pin-status"))
        assert text_of(app, "#pin-tries") == ""  # no "tries left: 1" any more
        await type_keys(pilot, "123")
        assert text_of(app, "#pin-mask") == "_ _ _ _ _ _"  # the pad takes no digits
