"""No message a person needs is ever off screen (issue 10, item 4): at 80x25, in normal and
large text, the message line is drawn inside the terminal whatever the body holds."""

import pytest

from screens.account.statement import StatementScreen
from screens.cashier.void import VoidScreen
from screens.staff.menu import StaffMenuScreen
from screens.widgets.key_hints import KeyHints
from screens.widgets.status_line import StatusLine
from tests.kiosk.conftest import choose, dni_login, type_keys, wait_until
from tests.kiosk.test_staff_flows import _login


def _on_screen(app) -> bool:
    """The whole message is drawn, inside the terminal."""
    line, hints = app.screen.query_one(StatusLine), app.screen.query_one(KeyHints)
    region = line.region
    drawn = " ".join(strip.text.strip() for strip in line.render_lines(region.reset_offset))
    return (bool(region) and region.bottom <= app.size.height
            and not region.overlaps(hints.region)  # nothing drawn over it
            and " ".join(line.text.split()) == " ".join(drawn.split()))


@pytest.mark.parametrize("large_text", [False, True])
async def test_a_refused_certificate_says_why_on_screen(kiosk_app, large_text):
    app = kiosk_app(large_text=large_text)
    async with app.run_test(size=(80, 25)) as pilot:
        await dni_login(pilot)
        await choose(pilot, "account")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StatementScreen)
                                and app.screen.statement is not None)
        await choose(pilot, "no-debt")  # Rosa owes: the server answers 409
        assert await wait_until(pilot, lambda: "deudas pendientes" in app.screen.status_text)
        assert _on_screen(app)


@pytest.mark.parametrize("large_text", [False, True])
async def test_the_void_screen_says_a_supervisor_is_needed_on_screen(kiosk_app, large_text):
    app = kiosk_app(terminal=True, large_text=large_text)
    async with app.run_test(size=(80, 25)) as pilot:
        await _login(app, pilot, "cajero")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await choose(pilot, "void")
        assert isinstance(app.screen, VoidScreen)
        for value in ("RP-PM-2026-000001", "Cobro duplicado", "cajero", "Miraflores2026"):
            await type_keys(pilot, value)
            await pilot.press("enter")
        assert await wait_until(pilot, lambda: app.screen.status_text != "")
        assert _on_screen(app), app.screen.status_text


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_the_key_hints_wrap_rather_than_being_cut(kiosk_app, lang):
    app = kiosk_app(lang=lang)
    async with app.run_test(size=(80, 25)) as pilot:
        await dni_login(pilot)
        await choose(pilot, "account")  # the screen with the most keys
        assert await wait_until(pilot, lambda: isinstance(app.screen, StatementScreen)
                                and app.screen.statement is not None)
        bar = app.screen.query_one(KeyHints)
        drawn = " ".join(strip.text.strip() for strip in bar.render_lines(
            bar.region.reset_offset))
        for key, _text in [*app.screen.hints(), ("F1", "")]:
            assert key in drawn, drawn
        assert bar.region.bottom <= app.size.height and bar.region.height == 2
