"""Changing the language or the text size in the help dialog composes every screen again:
what a screen loaded from the server comes back, in the new language, instead of a blank
screen (screens/base.py, `restore`)."""

from screens.home import HomeScreen
from screens.wifi.home import WifiHomeScreen
from screens.wifi.hotspots import HotspotsScreen, MapScreen
from tests.kiosk.conftest import choose, wait_until
from tests.kiosk.test_procedure_flows import text_of


async def _switch(app, pilot, *keys: str) -> None:
    screen = app.screen
    await pilot.press("f1")
    assert await wait_until(pilot, lambda: app.screen.query("#opt-speech"))
    await pilot.press(*keys, "0")
    assert await wait_until(pilot, lambda: app.screen is screen)


async def test_the_hotspots_list_and_the_map_come_back_in_the_new_language(kiosk_app):
    app = kiosk_app(lang="en")
    async with app.run_test(size=(80, 25)) as pilot:
        assert await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await choose(pilot, "wifi")
        assert await wait_until(pilot, lambda: isinstance(app.screen, WifiHomeScreen))
        await choose(pilot, "list")
        assert await wait_until(pilot, lambda: isinstance(app.screen, HotspotsScreen)
                                and app.screen.loaded)
        await _switch(app, pilot, "1", "4")  # Español, letra grande
        menu = app.screen.menu
        assert await wait_until(pilot, lambda: len(menu.options) > 0)
        assert any("Sin datos" in str(o.label) for o in menu.options)
        assert "Volver" in str(app.screen.query_one("KeyHints").render())
        await pilot.press("escape")
        await choose(pilot, "map")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MapScreen)
                                and "┌" in text_of(app, "#wifi-map"))
        await _switch(app, pilot, "2")  # English
        assert await wait_until(pilot, lambda: "┌" in text_of(app, "#wifi-map"))
        assert "Parque Kennedy" in text_of(app, "#wifi-legend")
