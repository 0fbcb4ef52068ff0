"""Menus page instead of clipping: at 80x25, in normal and large text, every entry of a page is
on screen, the hint bar names exactly the keys that work, 9 turns the page (and says so
truthfully on the last one), 0 goes back."""

import pytest

from kiosk.i18n import _
from screens import registry
from screens.home import HomeScreen
from screens.widgets.key_hints import KeyHints
from screens.widgets.numbered_menu import MenuEntry, NumberedMenu
from tests.kiosk.conftest import wait_until
from tests.kiosk.throwaway import ThrowawayScreen

SCREEN = "tests.kiosk.throwaway:ThrowawayScreen"


@pytest.fixture
def many_public_services(monkeypatch):
    rows = [*registry.SERVICES, *(registry.Service(f"extra-{n}", f"Servicio adicional {n}",
                                                   ("public",), SCREEN) for n in range(1, 10))]
    monkeypatch.setattr(registry, "SERVICES", rows)
    return rows


def _visible(app, widget) -> bool:
    region = widget.region
    return bool(region) and region.bottom <= app.size.height - 1 and region.y >= 1


@pytest.mark.parametrize("large_text", [False, True])
@pytest.mark.parametrize("lang", ["es", "en"])
async def test_every_page_fits_and_the_hints_match_the_keys(kiosk_app, many_public_services,
                                                            large_text, lang):
    app = kiosk_app(large_text=large_text, lang=lang, start_workers=False)
    async with app.run_test(size=(80, 25)) as pilot:
        menu = app.screen.query_one("#home-menu", NumberedMenu)
        await pilot.pause(0.2)
        seen: list[str] = []
        for _page in range(menu.pages):
            entries = list(menu.query(MenuEntry))
            assert entries and all(_visible(app, e) for e in entries), [
                (e.label, e.region) for e in entries]
            keys = [e.key for e in entries]
            count = sum(k not in ("9", "0") for k in keys)
            assert keys == [*map(str, range(1, count + 1)), *keys[count:]]
            hints = str(app.screen.query_one(KeyHints).render())
            assert (f"1-{count} " if count > 1 else "1 ") in hints
            assert ("9 " in hints) == ("9" in keys) and "0 " in hints
            seen += [o.id for _k, o in menu.entries() if _k not in ("9", "0")]
            nine = next(e for e in entries if e.key == "9")
            last = menu.page == menu.pages - 1
            assert (nine.label == "9  " + _("Volver a la primera página")) == last
            expected = 0 if last else menu.page + 1
            await pilot.press("9")
            assert await wait_until(pilot, lambda expected=expected: menu.page == expected
                                    and list(menu.query(MenuEntry)))
            await pilot.pause(0.1)
        assert menu.page == 0  # 9 on the last page came back to the first
        assert set(seen) == {o.id for o in menu.options}  # every option is on some page
        if large_text:
            assert menu.page_size < 8  # large text pages sooner instead of clipping


async def test_digits_open_the_option_shown_and_nothing_else(kiosk_app, many_public_services):
    app = kiosk_app(start_workers=False)
    async with app.run_test(size=(80, 25)) as pilot:
        menu = app.screen.query_one("#home-menu", NumberedMenu)
        await pilot.press("9")
        await pilot.pause(0.1)
        entries = {k: o.id for k, o in menu.entries()}
        extra_key = next(k for k, ident in entries.items() if ident.startswith("extra-"))
        await pilot.press(extra_key)
        assert await wait_until(pilot, lambda: isinstance(app.screen, ThrowawayScreen))
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        unused = str(len([k for k in entries if k not in ("9", "0")]) + 1)
        if unused < "9":
            await pilot.press(unused)  # a digit with no entry on this page does nothing
            await pilot.pause(0.1)
            assert isinstance(app.screen, HomeScreen)
