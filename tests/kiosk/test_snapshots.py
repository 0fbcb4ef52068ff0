"""How the kiosk looks (SVG snapshots at 80x25, the Linux console size): home, PIN pad, idle
warning, server-down banner and staff menu, in Spanish and English, normal and high contrast.
Update after an intended change with `pytest --snapshot-update`, and look at the report."""

from datetime import UTC, datetime

import pytest

from devices.card.emulator import load_card
from devices.card.simulated import SimulatedReader
from devices.printer.spec import open_printer
from kiosk.api import ApiClient
from kiosk.api.auth import SessionInfo, Staff
from kiosk.app import KioskApp
from kiosk.config import KioskSettings
from screens.dialogs.idle_warning import IdleWarning
from screens.staff.menu import StaffMenuScreen

SIZE = (80, 25)


def make_app(tmp_path, cards_dir, lang: str, theme: str, terminal: bool = False,
             reader=None) -> KioskApp:
    settings = KioskSettings(server="http://snapshot.invalid", lang=lang, theme=theme,
                             reader="simulated", printer="none", terminal=terminal,
                             state_dir=tmp_path, demo=True, demo_cards_dir=cards_dir)
    app = KioskApp(settings, ApiClient(settings.server), reader or SimulatedReader(),
                   open_printer("none"), start_workers=False)
    app.site_name = "Palacio Municipal"
    return app


VARIANTS = [(lang, theme) for lang in ("es", "en") for theme in ("normal", "high-contrast")]


@pytest.mark.parametrize(("lang", "theme"), VARIANTS)
def test_home(snap_compare, tmp_path, cards_dir, lang, theme):
    assert snap_compare(make_app(tmp_path, cards_dir, lang, theme), terminal_size=SIZE)


@pytest.mark.parametrize(("lang", "theme"), VARIANTS)
def test_pin_pad(snap_compare, tmp_path, cards_dir, lang, theme):
    reader = SimulatedReader()

    async def insert(pilot):
        reader.insert(load_card(cards_dir, "40123456"))
        for _ in range(100):
            await pilot.pause(0.02)
            if getattr(pilot.app.screen, "reading", True) is False:
                break
        await pilot.press("1", "2", "3")

    app = make_app(tmp_path, cards_dir, lang, theme, reader=reader)
    assert snap_compare(app, terminal_size=SIZE, run_before=insert)


@pytest.mark.parametrize(("lang", "theme"), VARIANTS)
def test_idle_warning(snap_compare, tmp_path, cards_dir, lang, theme):
    async def warn(pilot):
        await pilot.app.push_screen(IdleWarning(30, tick=3600))

    app = make_app(tmp_path, cards_dir, lang, theme)
    assert snap_compare(app, terminal_size=SIZE, run_before=warn)


@pytest.mark.parametrize(("lang", "theme"), VARIANTS)
def test_server_down_banner(snap_compare, tmp_path, cards_dir, lang, theme):
    async def down(pilot):
        pilot.app.server_online = False

    app = make_app(tmp_path, cards_dir, lang, theme)
    assert snap_compare(app, terminal_size=SIZE, run_before=down)


@pytest.mark.parametrize(("lang", "theme"), VARIANTS)
def test_staff_menu(snap_compare, tmp_path, cards_dir, lang, theme):
    async def logged_in(pilot):
        pilot.app.session.begin(SessionInfo(
            kind="staff", method="password", expires_at=datetime(2026, 11, 24, tzinfo=UTC),
            staff=Staff(username="cajero", full_name="Pedro Alarcón Ruiz", role="cashier")))
        await pilot.app.push_screen(StaffMenuScreen())

    app = make_app(tmp_path, cards_dir, lang, theme, terminal=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=logged_in)
