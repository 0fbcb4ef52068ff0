"""KioskApp instances wired to the real server app (ASGITransport) for Pilot tests."""

import asyncio
import os

import httpx
import pytest

from devices.card.simulated import SimulatedReader
from devices.printer.spec import open_printer
from kiosk.api import ApiClient
from kiosk.app import KioskApp
from kiosk.config import KioskSettings


class SwitchableTransport(httpx.AsyncBaseTransport):
    """The real app behind a switch: `down = True` is a server that cannot be reached;
    `hang()` one that takes requests and never answers (until `answer()`): the paths it was
    asked meanwhile are in `hung`."""

    def __init__(self, app) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.down = False
        self.hung: list[str] = []
        self._answering = asyncio.Event()
        self._answering.set()

    def hang(self) -> None:
        self._answering.clear()

    def answer(self) -> None:
        self._answering.set()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("connection refused", request=request)
        if not self._answering.is_set():
            self.hung.append(request.url.path)
            await self._answering.wait()
        return await self.inner.handle_async_request(request)


@pytest.fixture
def kiosk_app(server_app, tmp_path, cards_dir):
    def make(*, terminal: bool = False, reader=None, printer: str = "none", lang: str = "es",
             speaker=None, start_workers: bool = True, payment_terminal=None, scanner=None,
             **settings) -> KioskApp:
        config = KioskSettings(
            server="http://kiosk.test", terminal=terminal, reader="simulated", printer=printer,
            lang=lang, state_dir=tmp_path / ("terminal" if terminal else "kiosk"), demo=True,
            demo_cards_dir=cards_dir, device_name="pilot", **settings)
        transport = SwitchableTransport(server_app)
        client = ApiClient(config.server, transport=transport, retries=1, backoff=0.05)
        app = KioskApp(config, client, reader or SimulatedReader(), open_printer(printer),
                       payment_terminal=payment_terminal, speaker=speaker, scanner=scanner,
                       start_workers=start_workers)
        app.transport = transport
        return app
    return make


# A wait ends as soon as what it waits for happens: a generous bound costs a passing test
# nothing, and a machine busy with two test workers (or a helper's build) does not fail it.
WAIT_SCALE = float(os.environ.get("KIOSK_TEST_WAIT_SCALE", "4"))


async def wait_until(pilot, predicate, seconds: float = 5.0) -> bool:
    loops = int(seconds * WAIT_SCALE / 0.02)
    for _ in range(loops):
        if predicate():
            await _settle(pilot)
            return True
        await pilot.pause(0.02)
    return predicate()


async def _settle(pilot) -> None:
    """Let a just-pushed screen finish mounting its children before the test queries it.

    `app.screen` changes as soon as a screen is pushed, before its compose has run.
    """
    if not pilot.app.is_running:  # a wait after the app has closed (e.g. on the printer)
        return
    for _ in range(50):
        stack = pilot.app.screen_stack
        if not stack or stack[-1].is_mounted:
            break
        await pilot.pause(0.02)
    await pilot.pause()


async def type_keys(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char)


async def dni_login(pilot, dni: str = "40123456", pin: str = "654321") -> None:
    """From the home screen to the resident's menu, by DNI and PIN (Rosa by default)."""
    from screens.resident.menu import ResidentMenuScreen

    await choose(pilot, "dni-login")
    await type_keys(pilot, dni)
    await pilot.press("enter")
    await type_keys(pilot, pin)
    await pilot.press("enter")
    assert await wait_until(pilot, lambda: isinstance(pilot.app.screen, ResidentMenuScreen))


async def choose(pilot, option_id: str, menu_id: str | None = None) -> str:
    """Pick `option_id` the way a person does: read the keys shown, press 9 until its page
    is on screen, then press its key. Returns the key pressed."""
    from screens.widgets.numbered_menu import NEXT_KEY, NumberedMenu

    screen = pilot.app.screen
    menus = [m for m in screen.query(NumberedMenu) if menu_id is None or m.id == menu_id]
    menu = next(m for m in menus if any(o.id == option_id for o in m.options)
                or (m.back is not None and m.back.id == option_id))
    await pilot.pause(0.05)  # let the menu size its pages for the screen
    for _ in range(menu.pages):
        key = next((k for k, o in menu.entries() if o.id == option_id), None)
        if key is not None:
            await pilot.press(key)
            await pilot.pause()
            return key
        page = menu.page
        await pilot.press(NEXT_KEY)
        assert await wait_until(pilot, lambda page=page: menu.page != page, 2)
    raise AssertionError(f"{option_id} is on no page of {menu.id}")


def menus_fit(app) -> list[str]:
    """The menu lines of the current screen that are not entirely inside the body's visible
    part (empty when every key shown can be seen)."""
    from screens.widgets.numbered_menu import MenuEntry

    screen = app.screen
    body = screen.query("#body").first() if screen.query("#body") else None
    top, bottom = (body.region.y, body.region.bottom) if body is not None else (0, app.size.height)
    return [entry.label for entry in screen.query(MenuEntry)
            if entry.display and not (entry.region and top <= entry.region.y
                                      and entry.region.bottom <= bottom)]


@pytest.fixture(autouse=True)
def _steady_cursor(monkeypatch) -> None:
    """An input's cursor blinks every half second: a snapshot taken on a loaded machine caught it
    on or off by chance. In tests it stays on while the input has focus."""
    from textual.widgets import Input

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
