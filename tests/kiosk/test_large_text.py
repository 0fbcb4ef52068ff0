"""Every screen works at 80x25 in large text (issue 10, item 5): menus page instead of
clipping, so every key a screen shows can be seen, on the way through a resident's services."""

import pytest

from screens.account.payment import PaymentMethodScreen
from screens.account.statement import StatementScreen
from screens.consultas.home import ConsultasHomeScreen
from screens.elections.public import ElectionPublicScreen
from screens.procedures.catalogue import CatalogueScreen
from screens.procedures.home import ProceduresHomeScreen
from screens.resident.menu import ResidentMenuScreen
from tests.kiosk.conftest import choose, menus_fit, type_keys, wait_until


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_a_resident_walks_the_services_in_large_text(kiosk_app, lang):
    app = kiosk_app(large_text=True, lang=lang)
    async with app.run_test(size=(80, 25)) as pilot:
        await pilot.pause(0.2)
        assert menus_fit(app) == []
        await choose(pilot, "dni-login")
        await type_keys(pilot, "40123456")
        await pilot.press("enter")
        await type_keys(pilot, "654321")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))
        await pilot.pause(0.2)
        assert menus_fit(app) == []
        steps = [("account", StatementScreen), ("pay", PaymentMethodScreen)]
        for option, screen in steps:
            await choose(pilot, option)
            assert await wait_until(pilot, lambda screen=screen: isinstance(app.screen, screen))
            await pilot.pause(0.3)
            assert menus_fit(app) == [], (option, menus_fit(app))
        await pilot.press("escape", "escape")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))
        for option, screen in [("procedures", ProceduresHomeScreen),
                               ("catalogue", CatalogueScreen)]:
            await choose(pilot, option)
            assert await wait_until(pilot, lambda screen=screen: isinstance(app.screen, screen))
            await pilot.pause(0.3)
            assert menus_fit(app) == [], (option, menus_fit(app))
        await pilot.press("escape", "escape")
        for option, screen in [("consultas", ConsultasHomeScreen),
                               ("election-check", ElectionPublicScreen)]:
            assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))
            await choose(pilot, option)
            assert await wait_until(pilot, lambda screen=screen: isinstance(app.screen, screen))
            await pilot.pause(0.3)
            assert menus_fit(app) == [], (option, menus_fit(app))
            await pilot.press("escape")


@pytest.mark.parametrize("large", [False, True])
async def test_the_entry_the_arrows_reach_is_shown_reversed_in_either_text_size(kiosk_app,
                                                                                large):
    """Someone who moves with the arrows sees where they are: large text (bold entries with
    a blank line between them) keeps the focused entry's reverse video."""
    from screens.widgets.numbered_menu import MenuEntry

    app = kiosk_app(large_text=large)
    async with app.run_test(size=(80, 25)) as pilot:
        await pilot.pause(0.2)
        await pilot.press("down")
        await pilot.pause(0.1)
        focused = app.focused
        assert isinstance(focused, MenuEntry)
        others = [e for e in app.screen.query(MenuEntry) if e is not focused]
        assert focused.styles.text_style.reverse
        assert not any(e.styles.text_style.reverse for e in others)
