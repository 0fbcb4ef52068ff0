"""How the shell looks (SVG snapshots at 80x25, the Linux console size): home, PIN pad, idle
warning, server-down banner, resident and staff menus, in Spanish and English, normal and high
contrast, and large text. The menus are built from a small fixed service table, so that adding
a service changes that service's own snapshots, never these.
Update after an intended change with `make snapshots`, and look at the report."""

from datetime import UTC, date, datetime

import pytest

from devices.card.emulator import load_card
from devices.card.simulated import SimulatedReader
from devices.printer.spec import open_printer
from kiosk.api import ApiClient
from kiosk.api.auth import SessionInfo, Staff
from kiosk.api.residents import Resident
from kiosk.app import KioskApp
from kiosk.config import KioskSettings
from kiosk.i18n import N_
from screens import registry
from screens.dialogs.idle_warning import IdleWarning
from screens.resident.menu import ResidentMenuScreen
from screens.staff.menu import StaffMenuScreen

SIZE = (80, 25)
# A fixed table (real labels, so both languages have their text): what the shell draws.
SHELL_TABLE = [
    registry.Service("account", N_("Estado de cuenta y pagos (predial, arbitrios, multas)"),
                     ("resident",), "screens.account.statement:StatementScreen"),
    registry.Service("verify", N_("Verificar un comprobante o certificado"), ("public", "staff"),
                     "screens.documents.verify:VerifyScreen"),
    registry.Service("reprint", N_("Reimprimir un comprobante"), ("public", "staff"),
                     "screens.documents.reprint:ReprintScreen"),
    registry.Service("lookup", N_("Atender a un vecino (buscar por DNI)"), ("staff",),
                     "screens.staff.lookup:ResidentLookupScreen", frozenset({"cashier"})),
    registry.Service("cash", N_("Caja: apertura y cierre"), ("staff",),
                     "screens.cashier.cash_session:CashSessionScreen", frozenset({"cashier"})),
    registry.Service("election-officer", N_("Elecciones vecinales: fases y escrutinio"),
                     ("staff",), "screens.elections.officer:OfficerScreen",
                     frozenset({"election_officer"})),
]


ROSA = Resident(dni="40123456", given_names="Rosa", surnames="Quispe Mamani",
                full_name="Rosa Quispe Mamani", birth_date=date(1968, 3, 14),
                address="Calle Berlín 245", zone_id=7, zone_name="Zona 7")


@pytest.fixture(autouse=True)
def shell_table(monkeypatch):
    monkeypatch.setattr(registry, "SERVICES", SHELL_TABLE)


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


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("large_text", [False, True])
def test_resident_menu(snap_compare, tmp_path, cards_dir, lang, large_text):
    async def logged_in(pilot):
        pilot.app.session.begin(SessionInfo(
            kind="resident", method="card", expires_at=datetime(2026, 11, 24, tzinfo=UTC),
            resident=ROSA))
        await pilot.app.push_screen(ResidentMenuScreen())

    app = make_app(tmp_path, cards_dir, lang, "normal")
    app.settings.large_text = large_text
    assert snap_compare(app, terminal_size=SIZE, run_before=logged_in)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_home_large_text(snap_compare, tmp_path, cards_dir, lang):
    app = make_app(tmp_path, cards_dir, lang, "normal")
    app.settings.large_text = True
    assert snap_compare(app, terminal_size=SIZE)
