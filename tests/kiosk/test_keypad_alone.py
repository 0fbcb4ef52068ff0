"""The keypad alone is enough (issue 10, item 9): digits pick what the screen shows, Up and
Down move between fields and results, ← deletes on the PIN pad; no Tab needed anywhere."""

from screens.consultas.report import ReportScreen
from screens.consultas.search import SearchScreen
from screens.procedures.filing import FilingScreen
from screens.procedures.follow import FollowScreen
from screens.procedures.procedure import ProcedureScreen
from screens.resident.menu import ResidentMenuScreen
from tests.kiosk.conftest import choose, type_keys, wait_until


async def _resident(app, pilot) -> None:
    await choose(pilot, "dni-login")
    await type_keys(pilot, "40123456")
    await pilot.press("enter")
    await type_keys(pilot, "654321")
    await pilot.press("enter")
    assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))


async def test_report_a_problem_by_digits(kiosk_app):
    app = kiosk_app()
    async with app.run_test(size=(80, 25)) as pilot:
        await _resident(app, pilot)
        await choose(pilot, "consultas")
        await choose(pilot, "report")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReportScreen)
                                and app.screen.types)
        await pilot.press("1")  # the first kind of problem, not a digit in a hidden field
        assert await wait_until(pilot, lambda: app.screen.chosen_code is not None)
        assert app.screen.query_one("#report-address").value == ""
        await type_keys(pilot, "Av. Larco 400")
        await pilot.press("down")  # to the description without Tab
        await type_keys(pilot, "Bache grande en la pista")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "recibido" in app.screen.status_text)


async def test_search_results_are_reached_with_down_and_read_whole(kiosk_app):
    app = kiosk_app()
    async with app.run_test(size=(80, 25)) as pilot:
        await choose(pilot, "consultas")
        await choose(pilot, "search")
        assert isinstance(app.screen, SearchScreen)
        await type_keys(pilot, "licencia funcionamiento riesgo")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: len(app.screen.hits) >= 3)
        lines = [str(e.render()) for e in app.screen.query("MenuEntry")]
        text = " ".join(" ".join(lines).split())
        for level in ("bajo", "medio", "alto"):  # long titles keep their distinguishing end
            assert f"riesgo {level}" in text, text
        await pilot.press("up")  # back to the box: a new search
        assert app.screen.focused.id == "search-query"
        await pilot.press("down")  # and down again to the results
        assert app.screen.focused.id == "opt-1", app.screen.focused
        await pilot.press("1")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ProcedureScreen))


async def test_a_filing_form_and_following_a_file_without_tab(kiosk_app):
    app = kiosk_app()
    async with app.run_test(size=(80, 25)) as pilot:
        await _resident(app, pilot)
        await choose(pilot, "procedures")
        await choose(pilot, "catalogue")
        assert await wait_until(pilot, lambda: app.screen.loaded)
        await choose(pilot, "CN-01")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ProcedureScreen))
        await choose(pilot, "file")
        assert await wait_until(pilot, lambda: isinstance(app.screen, FilingScreen))
        assert "Tab" not in str(app.screen.query_one("#key-hints").render())
        await type_keys(pilot, "Calle Berlin 245")
        await pilot.press("down", "enter", "down", "enter")  # tick both requirements
        assert all(box.value for box in app.screen.query("Checkbox"))
        await pilot.press("up")
        assert app.screen.focused.id == "req-0"
        await pilot.press("escape", "escape", "escape")
        await choose(pilot, "follow")
        assert isinstance(app.screen, FollowScreen)
        await type_keys(pilot, "2026-000001")
        await pilot.press("enter")
        assert app.screen.focused.id == "follow-document"
        await pilot.press("up")  # back to the number
        assert app.screen.focused.id == "follow-number"
