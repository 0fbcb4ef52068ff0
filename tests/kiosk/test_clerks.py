"""Clerks at the staff terminal (issue 10, items 13-15), at 80x25: acting for a resident is on
every screen with its reason and the municipality's name is never cut; the terminal offers no
demo card; a clerk is offered only the steps they may take on a file; the desk moves between
one's offices; the figures say when there is nothing to show yet."""

import pytest

from kiosk import i18n
from screens.account.statement import StatementScreen
from screens.home import HomeScreen
from screens.procedures.dashboard import DashboardScreen
from screens.procedures.desk import DeskScreen
from screens.procedures.staff_file import StaffFileScreen
from screens.resident.menu import ResidentMenuScreen
from screens.staff.lookup import ResidentLookupScreen
from screens.staff.menu import StaffMenuScreen
from screens.widgets.numbered_menu import MenuEntry
from tests.kiosk.conftest import choose, type_keys, wait_until
from tests.kiosk.test_staff_flows import _login
from tests.procedures.rig import file_cn01, resident


def text_of(app, selector: str) -> str:
    return " ".join(str(app.screen.query_one(selector).render()).split())


async def test_acting_for_a_resident_shows_whom_and_why_everywhere(kiosk_app):
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(80, 25)) as pilot:
        await _login(app, pilot, "cajero")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        assert "F2" not in text_of(app, "#key-hints")  # no demo card at a terminal
        await choose(pilot, "lookup")
        assert isinstance(app.screen, ResidentLookupScreen)
        await type_keys(pilot, "40123456")
        app.screen.query_one("#reason").value = "Consulta de deuda"
        await pilot.press("enter")
        acting = "Atendiendo a: Rosa Quispe Mamani (DNI 40123456) · Motivo: Consulta de deuda"
        assert await wait_until(pilot, lambda: acting in text_of(app, "#top-acting"))
        assert text_of(app, "#top-title").startswith("MUNICIPALIDAD DE MIRAFLORES")
        await choose(pilot, "account")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StatementScreen))
        assert acting in text_of(app, "#top-acting")  # on every screen while it lasts
        assert app.screen.query_one("#top-acting").region.bottom <= 3
        await pilot.press("escape")
        await pilot.press("0")  # stop acting
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        assert not app.screen.query_one("#top-acting").display


async def test_a_clerk_is_offered_only_what_they_may_do(kiosk_app, make_client, cards_dir):
    rosa = await resident(make_client, cards_dir)
    number = (await file_cn01(rosa)).expediente.number  # held by Catastro (SGCAT)
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(80, 25)) as pilot:
        await _login(app, pilot, "mesadepartes")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await choose(pilot, "desk")
        assert await wait_until(pilot, lambda: isinstance(app.screen, DeskScreen))
        app.screen.query_one("#desk-ref").focus()
        await type_keys(pilot, number)
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffFileScreen))
        assert [e.label for e in app.screen.query(MenuEntry)] == ["0  Volver"]
        assert await wait_until(pilot, lambda: "solo su personal" in app.screen.status_text)

    app = kiosk_app(terminal=True)
    async with app.run_test(size=(80, 25)) as pilot:
        await _login(app, pilot, "obras")  # Obras Privadas and Catastro
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await choose(pilot, "desk")
        assert await wait_until(pilot, lambda: isinstance(app.screen, DeskScreen)
                                and "Nuevos" in text_of(app, "#desk-counts"))
        first = text_of(app, "#desk-counts")
        await choose(pilot, "next-office")
        assert await wait_until(pilot, lambda: text_of(app, "#desk-counts") != first)
        if "Catastro" not in text_of(app, "#desk-counts"):
            await choose(pilot, "next-office")
            assert await wait_until(pilot, lambda: "Catastro" in text_of(app, "#desk-counts"))
        await choose(pilot, number)
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffFileScreen))
        offered = [o.id for o in app.screen.query_one("#staff-file-menu").options]
        assert offered == ["review", "route", "archive"]  # a new file: these and no more
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: isinstance(app.screen, DeskScreen))
        await choose(pilot, "dashboard")
        assert await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen)
                                and "Mediana" in text_of(app, "#dashboard-figures"))
        assert "Aún no hay expedientes resueltos" in text_of(app, "#dashboard-figures")


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_words_and_hints_a_resident_reads(kiosk_app, lang):
    app = kiosk_app(lang=lang)
    async with app.run_test(size=(80, 25)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        labels = " ".join(e.label for e in app.screen.query(MenuEntry))
        assert ("Consultas" in labels) == (lang == "es")  # the English UI says it in English
        await choose(pilot, "dni-login")
        await type_keys(pilot, "40123456")
        await pilot.press("enter")
        await type_keys(pilot, "654321")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))
        card_hint = i18n._("Al terminar, retire su tarjeta: la sesión se cierra sola.")
        assert card_hint not in " ".join(str(s.render()) for s in app.screen.query(".hint"))
        await choose(pilot, "my-data")  # one option: "1", never "1-1"
        hints = text_of(app, "#key-hints")
        assert hints.startswith("1 ") and "1-1" not in hints
    i18n.set_language("es")
