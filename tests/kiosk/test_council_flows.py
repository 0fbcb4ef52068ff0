"""Sesión de Concejo at 80x25 with the keypad, against the real server: anyone sees the
calendar and a session's agenda with its results, finds an ordinance by a word and prints it
with its verification code, and opens today's session live."""

from kiosk.clock import LIMA
from screens.council.agreements import AgreementsScreen
from screens.council.calendar import AgendaScreen, CalendarScreen
from screens.council.home import CouncilHomeScreen
from screens.council.live import LiveScreen, StreamScreen
from screens.documents.receipt import ReceiptScreen
from screens.home import HomeScreen
from server.timeutil import lima, utcnow
from tests.kiosk.conftest import choose, menus_fit, type_keys, wait_until
from tests.kiosk.test_account_flows import text_of

YEAR = lima(utcnow()).year


async def test_calendar_agenda_agreements_and_live(kiosk_app):
    app = kiosk_app()
    async with app.run_test(size=(80, 25)) as pilot:
        assert await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await choose(pilot, "council")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CouncilHomeScreen))
        assert not menus_fit(app)
        await choose(pilot, "calendar")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CalendarScreen)
                                and app.screen.loaded)
        assert [s.code for s in app.screen.items] == [f"SC-{YEAR}-00{n}" for n in (1, 2, 3)]
        await choose(pilot, f"SC-{YEAR}-001")
        assert await wait_until(pilot, lambda: isinstance(app.screen, AgendaScreen))
        agenda = text_of(app, "#agenda")
        assert "APROBADO: 9 a favor, 2 en contra" in agenda
        assert "DESAPROBADO: 6 a favor, 5 en contra" in agenda
        assert "en la grabación: 0:09:00" in agenda  # each item's offset into the recording
        await choose(pilot, "stream")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StreamScreen))
        assert "▀" in text_of(app, "#stream-qr")
        await pilot.press("escape", "escape", "escape")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CouncilHomeScreen))
        await choose(pilot, "agreements")
        assert await wait_until(pilot, lambda: isinstance(app.screen, AgreementsScreen)
                                and app.screen.loaded)
        assert len(app.screen.items) == 3
        app.screen.query_one("#agreements-search").focus()
        await type_keys(pilot, "pucllana")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: len(app.screen.items) == 1)
        assert app.screen.items[0].number == f"Acuerdo de Concejo N.° 001-{YEAR}/MM"
        await pilot.press("1")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen)), (
            app.screen.status_text)
        assert app.screen.document.kind == "council_acuerdo"
        assert app.screen.document.lines[0].value == f"Acuerdo de Concejo N.° 001-{YEAR}/MM"
        await pilot.press("escape", "escape")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CouncilHomeScreen))
        await choose(pilot, "live")
        assert await wait_until(pilot, lambda: isinstance(app.screen, LiveScreen)
                                and app.screen.live is not None)
        assert app.screen.code == f"SC-{YEAR}-002"  # today's, convened
        status = text_of(app, "#live-status")
        assert "convocada" in status and "quórum 6" in status
        assert "Aún no se debate" in text_of(app, "#live-item")


async def test_the_secretary_takes_the_roll_records_votes_and_closes(kiosk_app):
    from screens.council.desk import (
        RollCallScreen,
        SecretarySessionsScreen,
        SessionDeskScreen,
        VotesScreen,
    )
    from screens.staff.menu import StaffMenuScreen
    from tests.kiosk.test_staff_flows import _login

    app = kiosk_app(terminal=True)
    async with app.run_test(size=(80, 25)) as pilot:
        await _login(app, pilot, "secretaria")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await choose(pilot, "council-desk")
        assert await wait_until(pilot, lambda: isinstance(app.screen, SecretarySessionsScreen)
                                and app.screen.loaded)
        await choose(pilot, f"SC-{YEAR}-002")
        assert await wait_until(pilot, lambda: isinstance(app.screen, SessionDeskScreen))
        await pilot.pause(0.2)
        await choose(pilot, "roll")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RollCallScreen)
                                and len(app.screen.members) == 11)  # R10 on leave
        await choose(pilot, "R11")  # absent
        await choose(pilot, "done")
        desk = app.screen
        assert await wait_until(pilot, lambda: isinstance(app.screen, SessionDeskScreen)
                                and app.screen.session.state == "en_curso")
        assert "quórum 6 · presentes 10" in text_of(app, "#desk-card")
        assert await wait_until(pilot, lambda: desk.pending_minutes == f"SC-{YEAR}-001")
        await choose(pilot, "minutes")  # the previous session's minutes, approved here
        assert await wait_until(pilot, lambda: "ya es pública" in app.screen.status_text)
        assert (await app.client.council.minutes(f"SC-{YEAR}-001")).approved_in == (
            f"SC-{YEAR}-002")
        for seq in range(1, 6):
            await choose(pilot, "next")
            assert await wait_until(pilot, lambda s=seq: desk.session.current_item == s)
        await choose(pilot, "vote")
        assert await wait_until(pilot, lambda: isinstance(app.screen, VotesScreen))
        for key in "1111112223":  # 6 for, 3 against, 1 abstains
            await pilot.press(key)
            await pilot.pause(0.1)
        assert await wait_until(pilot, lambda: isinstance(app.screen, SessionDeskScreen), 10)
        assert await wait_until(pilot, lambda: len(desk.session.item(5).votes) == 10)
        await choose(pilot, "close")
        assert await wait_until(pilot, lambda: desk.session.item(5).result == "aprobado")
        assert f"Ordenanza N.° 002-{YEAR}/MM" in app.screen.status_text
        await choose(pilot, "end")
        assert await wait_until(pilot, lambda: desk.session.state == "concluida")


async def test_the_secretary_records_a_suspension_and_the_quorum_follows(kiosk_app):
    from datetime import timedelta

    from screens.council.members import AbsenceScreen, MembersScreen
    from screens.staff.menu import StaffMenuScreen
    from server.timeutil import today
    from tests.kiosk.test_staff_flows import _login

    app = kiosk_app(terminal=True, lang="en")
    async with app.run_test(size=(80, 25)) as pilot:
        await _login(app, pilot, "secretaria")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await choose(pilot, "council-members")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MembersScreen)
                                and app.screen.loaded)
        assert "on leave" in app.screen.label(next(m for m in app.screen.items
                                                   if m.code == "R10"))
        await choose(pilot, "R09")
        assert await wait_until(pilot, lambda: isinstance(app.screen, AbsenceScreen))
        await choose(pilot, "suspension")
        for text in (f"{today():%d/%m/%Y}", "31/02/2026"):  # the second is no date
            await type_keys(pilot, text)
            await pilot.press("enter")
        await type_keys(pilot, "Falta grave")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "DD/MM/YYYY" in app.screen.status_text)
        app.screen.query_one("#absence-to").value = f"{today() + timedelta(days=30):%d/%m/%Y}"
        app.screen.query_one("#absence-reason").focus()
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: app.screen.saved)
        assert "10 members able of 12; quorum 6" in text_of(app, "#absence-result")
    council = await app.client.council.council()
    assert next(m for m in council.members if m.code == "R09").absence == "suspension"


async def test_the_secretary_convenes_a_session_after_a_refusal(kiosk_app):
    """An extraordinary session for tomorrow is refused (5 working days' notice), in the
    user's language; corrected to an ordinary one it is convened and is in the calendar."""
    from datetime import timedelta

    from screens.council.convene import ConveneScreen
    from screens.council.desk import SecretarySessionsScreen
    from screens.staff.menu import StaffMenuScreen
    from server.timeutil import today
    from tests.kiosk.test_staff_flows import _login

    app = kiosk_app(terminal=True)
    async with app.run_test(size=(80, 25)) as pilot:
        await _login(app, pilot, "secretaria")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await choose(pilot, "council-desk")
        assert await wait_until(pilot, lambda: isinstance(app.screen, SecretarySessionsScreen)
                                and app.screen.loaded)
        await choose(pilot, "convene")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConveneScreen))
        assert not menus_fit(app)
        await choose(pilot, "extraordinaria")
        day = today() + timedelta(days=1)
        for text in ("Sesión sobre el malecón", f"{day:%d/%m/%Y}", "1000", "", ""):
            await type_keys(pilot, text)
            await pilot.press("enter")
            await pilot.pause(0.05)
        assert await wait_until(pilot, lambda: app.screen.field is None
                                and app.screen.query_one("#convene-menu").options)
        await choose(pilot, "acuerdo_dos_tercios")  # the majority its vote needs, one key
        await type_keys(pilot, "Acuerdo sobre el malecón")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: len(app.screen.items) == 1
                                and app.screen.query_one("#convene-menu").options)
        await choose(pilot, "acta")
        await type_keys(pilot, "Acta anterior")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: len(app.screen.items) == 2
                                and app.screen.query_one("#convene-menu").options)
        card = text_of(app, "#convene-card")
        assert card.index("1. Aprobación del acta") < card.index("2. Orden del día: acuerdo")
        assert not menus_fit(app)
        await choose(pilot, "convene")
        assert await wait_until(pilot, lambda: "5 días hábiles" in app.screen.status_text)
        assert app.screen.convened is None
        await choose(pilot, "edit")  # the same data, an ordinary session
        assert await wait_until(pilot, lambda: any(
            o.id == "ordinaria" for o in app.screen.query_one("#convene-menu").options))
        await choose(pilot, "ordinaria")
        for _ in range(5):
            await pilot.press("enter")
            await pilot.pause(0.05)
        assert await wait_until(pilot, lambda: app.screen.field is None and any(
            o.id == "convene" for o in app.screen.query_one("#convene-menu").options))
        assert "10:00" in text_of(app, "#convene-card")
        await choose(pilot, "convene")
        assert await wait_until(pilot, lambda: app.screen.convened is not None), (
            app.screen.status_text)
        code = app.screen.convened
        assert code == f"SC-{day.year}-004"
        convened = await app.client.council.session(code)
        assert [i.majority for i in convened.items if i.kind == "acuerdo"] == ["dos_tercios"]
        assert "en el calendario" in app.screen.status_text
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: isinstance(app.screen, SecretarySessionsScreen)
                                and code in [s.code for s in app.screen.items])
    session = await app.client.council.session(code)
    assert session.kind == "ordinaria" and session.title == "Sesión sobre el malecón"
    assert [(i.section, i.title) for i in session.items] == [
        ("acta", "Acta anterior"), ("orden_del_dia", "Acuerdo sobre el malecón")]
    assert code in [s.code for s in await app.client.council.sessions()]


async def test_the_secretary_postpones_a_session_after_the_rules_refuse(kiosk_app):
    """Today's session postponed at the terminal: too few regidores asking, then a day
    outside 3 to 5 working days, each refused in the user's language; then postponed."""
    from screens.council.desk import SecretarySessionsScreen, SessionDeskScreen
    from screens.council.postpone import PostponeScreen
    from screens.staff.menu import StaffMenuScreen
    from server.council.rules import postponement_window
    from server.timeutil import today
    from tests.kiosk.test_staff_flows import _login

    first, _last = postponement_window(today())
    app = kiosk_app(terminal=True, lang="en")
    async with app.run_test(size=(80, 25)) as pilot:
        await _login(app, pilot, "secretaria")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await choose(pilot, "council-desk")
        assert await wait_until(pilot, lambda: isinstance(app.screen, SecretarySessionsScreen)
                                and app.screen.loaded)
        await choose(pilot, f"SC-{YEAR}-002")
        assert await wait_until(pilot, lambda: isinstance(app.screen, SessionDeskScreen)
                                and app.screen.query_one("#desk-menu").options)
        desk = app.screen
        await choose(pilot, "postpone")
        assert await wait_until(pilot, lambda: isinstance(app.screen, PostponeScreen)
                                and len(app.screen.regidores) == 11)
        await type_keys(pilot, f"{today():%d/%m/%Y}")
        await pilot.press("enter")
        for code in ("R01", "R02"):
            await choose(pilot, code)
        await choose(pilot, "done")
        assert await wait_until(pilot, lambda: "two thirds" in app.screen.status_text)
        assert "8; 2 asked" in app.screen.status_text
        for code in ("R03", "R04", "R05", "R06", "R07", "R08"):
            await choose(pilot, code)
        assert await wait_until(pilot, lambda: len(app.screen.asking) == 8)
        await choose(pilot, "done")
        assert await wait_until(pilot, lambda: "3 to 5 working days" in app.screen.status_text)
        assert app.screen.postponed is None
        app.screen.query_one("#postpone-date").value = f"{first:%d/%m/%Y}"
        app.screen.query_one("#postpone-date").focus()
        await pilot.press("enter")
        await choose(pilot, "done")
        assert await wait_until(pilot, lambda: app.screen.postponed is not None), (
            app.screen.status_text)
        assert f"{first:%d/%m/%Y}" in app.screen.status_text
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: app.screen is desk
                                and desk.session.postponed_from is not None)
        assert "Postponed" in text_of(app, "#desk-card")
        assert "postpone" not in [o.id for o in desk.query_one("#desk-menu").options]
    session = await app.client.council.session(f"SC-{YEAR}-002")
    assert f"{session.starts_at.astimezone(LIMA):%d/%m/%Y %H:%M}" == f"{first:%d/%m/%Y} 18:00"


async def test_the_secretary_corrects_the_draft_minutes(kiosk_app):
    """The last session's draft minutes corrected at the terminal: one paragraph rewritten,
    one added, saved; still a draft, so still not public."""
    from kiosk.api import ApiError
    from screens.council.desk import SecretarySessionsScreen, SessionDeskScreen
    from screens.council.minutes import MinutesScreen
    from screens.staff.menu import StaffMenuScreen
    from tests.kiosk.test_staff_flows import _login

    code = f"SC-{YEAR}-001"
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(80, 25)) as pilot:
        await _login(app, pilot, "secretaria")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await choose(pilot, "council-desk")
        assert await wait_until(pilot, lambda: isinstance(app.screen, SecretarySessionsScreen)
                                and app.screen.loaded)
        await choose(pilot, code)  # held two weeks ago: listed for its draft minutes
        assert await wait_until(pilot, lambda: isinstance(app.screen, SessionDeskScreen)
                                and app.screen.query_one("#desk-menu").options)
        await choose(pilot, "draft")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MinutesScreen)
                                and app.screen.loaded)
        assert app.screen.lines[0] == f"ACTA DE SESIÓN ORDINARIA {code}"
        assert not menus_fit(app)
        await choose(pilot, "L0")
        await type_keys(pilot, f"ACTA DE LA SESION ORDINARIA {code}")  # replaces the line
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: app.screen.changes == 1
                                and app.screen.query_one("#minutes-menu").display)
        await choose(pilot, "add")
        await type_keys(pilot, "Se levanta la sesion a las 20:00.")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: app.screen.changes == 2
                                and app.screen.query_one("#minutes-menu").display)
        await choose(pilot, "save")
        assert await wait_until(pilot, lambda: "Borrador guardado" in app.screen.status_text)
        assert app.screen.changes == 0
    draft = await app.client.council.draft_minutes(code)
    lines = draft.text.split("\n")
    assert draft.state == "borrador"
    assert lines[0] == f"ACTA DE LA SESION ORDINARIA {code}"
    assert lines[-1] == "Se levanta la sesion a las 20:00."
    assert "huaca Pucllana" in draft.text  # the rest kept
    try:
        await app.client.council.minutes(code)
        raise AssertionError("a draft is never public")
    except ApiError as exc:
        assert exc.status == 404
