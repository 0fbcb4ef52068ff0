"""Public reads without the server (docs/offline.md, "Cached public reads"), against the real
server behind a switch: the Wi-Fi hotspots (list and map), the council calendar and the
published election results are shown from the kiosk's copy with its age once seen online;
with no copy the screen says there is no connection."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from kiosk import cache
from kiosk.api import voting
from screens.council.calendar import AgendaScreen, CalendarScreen
from screens.council.home import CouncilHomeScreen
from screens.elections.public import ElectionPublicScreen
from screens.elections.results import ResultsScreen
from screens.home import HomeScreen
from screens.wifi.home import WifiHomeScreen
from screens.wifi.hotspots import HotspotsScreen, MapScreen
from tests.conftest import card_login
from tests.elections import rig
from tests.kiosk.conftest import choose, wait_until

TEXT = {
    "es": {"age": "se muestran datos guardados hace 2 horas",
           "none": "No hay conexión con el servidor municipal"},
    "en": {"age": "data saved 2 hours ago",
           "none": "There is no connection to the municipal server"},
}


def text_of(app, selector: str) -> str:
    """What `selector` shows on the current screen ("" while it is not composed yet)."""
    found = app.screen.query(selector)
    return str(found.first().render()) if found else ""


async def two_hours_older(pilot, app, name: str) -> None:
    """The kiosk's copy (written beside the screen), as if it had been kept two hours ago."""
    assert await wait_until(pilot, lambda: cache.read(app.settings.state_dir, name) is not None)
    kept = cache.read(app.settings.state_dir, name)
    cache.keep(app.settings.state_dir, name, kept.data,
               now=datetime.now(UTC) - timedelta(hours=2, minutes=5))


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_the_hotspots_are_shown_from_the_kiosks_copy_with_its_age(kiosk_app, lang):
    app = kiosk_app(lang=lang)
    async with app.run_test(size=(80, 25)) as pilot:
        assert await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await choose(pilot, "wifi")
        assert await wait_until(pilot, lambda: isinstance(app.screen, WifiHomeScreen))

        app.transport.down = True  # never seen online: nothing to show
        await choose(pilot, "list")
        assert await wait_until(pilot, lambda: isinstance(app.screen, HotspotsScreen)
                                and TEXT[lang]["none"] in app.screen.status_text)
        assert not app.screen.loaded
        app.transport.down = False  # back: the list loads by itself, and is kept
        assert await wait_until(pilot, lambda: app.screen.loaded, 20)
        live = [h.code for h in app.screen.items]
        assert len(live) == 7 and not app.screen.from_cache
        await pilot.press("escape")
        await two_hours_older(pilot, app, "wifi-hotspots")

        app.transport.down = True
        await choose(pilot, "list")
        assert await wait_until(pilot, lambda: isinstance(app.screen, HotspotsScreen)
                                and app.screen.loaded)
        assert app.screen.from_cache and [h.code for h in app.screen.items] == live
        assert TEXT[lang]["age"] in app.screen.status_text
        await pilot.press("1")  # a hotspot chosen: its place, and still the copy's age
        assert await wait_until(pilot, lambda: ": " in app.screen.status_text.split(";")[-1])
        assert TEXT[lang]["age"] in app.screen.status_text
        await pilot.press("escape")
        await choose(pilot, "map")  # the map is drawn from the same copy
        assert await wait_until(pilot, lambda: isinstance(app.screen, MapScreen)
                                and "┌" in text_of(app, "#wifi-map"))
        assert "Parque Kennedy" in text_of(app, "#wifi-legend")
        assert TEXT[lang]["age"] in app.screen.status_text


async def test_with_the_server_known_away_the_copy_shows_without_waiting_for_it(kiosk_app):
    """The banner is up (the heartbeat found the server away) and the server hangs instead of
    refusing: the hotspot list shows the kept copy at once, without a request of its own to
    wait out; it loads the live list by itself when the server answers again."""
    app = kiosk_app()
    async with app.run_test(size=(80, 25)) as pilot:
        assert await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await choose(pilot, "wifi")
        assert await wait_until(pilot, lambda: isinstance(app.screen, WifiHomeScreen))
        await choose(pilot, "list")
        assert await wait_until(pilot, lambda: isinstance(app.screen, HotspotsScreen)
                                and app.screen.loaded, 20)
        await pilot.press("escape")
        await two_hours_older(pilot, app, "wifi-hotspots")

        app.transport.hang()
        app.server_online = False
        await choose(pilot, "list")
        assert await wait_until(pilot, lambda: isinstance(app.screen, HotspotsScreen)
                                and app.screen.loaded)
        assert app.screen.from_cache and TEXT["es"]["age"] in app.screen.status_text
        assert not [path for path in app.transport.hung if "hotspots" in path]
        app.transport.answer()  # back: the screen loads the live list by itself
        assert await wait_until(pilot, lambda: not app.screen.from_cache, 20)
        assert TEXT["es"]["age"] not in app.screen.status_text


async def test_the_council_calendar_is_shown_from_the_kiosks_copy_with_its_age(kiosk_app):
    app = kiosk_app()
    async with app.run_test(size=(80, 25)) as pilot:
        assert await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await choose(pilot, "council")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CouncilHomeScreen))
        app.transport.down = True
        await choose(pilot, "calendar")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CalendarScreen)
                                and TEXT["es"]["none"] in app.screen.status_text)
        assert not app.screen.loaded
        app.transport.down = False
        assert await wait_until(pilot, lambda: app.screen.loaded, 20)
        live = [s.code for s in app.screen.items]
        assert len(live) == 3 and not app.screen.from_cache
        await pilot.press("escape")
        await two_hours_older(pilot, app, "council-calendar")

        app.transport.down = True
        await choose(pilot, "calendar")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CalendarScreen)
                                and app.screen.loaded)
        assert app.screen.from_cache and [s.code for s in app.screen.items] == live
        assert TEXT["es"]["age"] in app.screen.status_text
        await choose(pilot, live[0])  # the agenda, with its results, from the same copy
        assert await wait_until(pilot, lambda: isinstance(app.screen, AgendaScreen))
        assert "APROBADO: 9 a favor, 2 en contra" in text_of(app, "#agenda")
        assert TEXT["es"]["age"] in app.screen.status_text  # still said: it is the copy


async def test_published_results_are_shown_from_the_kiosks_copy_with_its_age(
        kiosk_app, make_client, database, cards_dir, tmp_path):
    officer = await rig.officer(make_client)
    running = await rig.to_voting(officer, database, tmp_path)
    rosa = await make_client()
    await card_login(rosa, cards_dir)
    style = await rosa.elections.ballot_style(running.id)
    enc = await asyncio.to_thread(voting.encrypt, style, {style.candidates[2].id})
    await rosa.elections.cast(running.id, enc.ballot, idempotency_key=str(uuid.uuid4()))
    await rig.close(officer, database, running.id)
    await rig.tally(officer, running, [1, 2, 4])  # published

    app = kiosk_app()
    async with app.run_test(size=(80, 25)) as pilot:
        assert await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.transport.down = True  # never seen online: nothing to show
        app.push_screen(ResultsScreen(running.id))
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen)
                                and TEXT["es"]["none"] in text_of(app, "#results"))
        app.transport.down = False  # back: the results load by itself, and are kept
        assert await wait_until(pilot, lambda: "Delegado 1: Candidato 3" in text_of(
            app, "#results"), 20)
        assert TEXT["es"]["age"] not in app.screen.status_text
        await pilot.press("escape")
        await two_hours_older(pilot, app, "election-results")

        app.transport.down = True  # the public entry, as anyone reaches it
        await choose(pilot, "election-check")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ElectionPublicScreen))
        await choose(pilot, "results")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen)
                                and "Delegado 1: Candidato 3" in text_of(app, "#results"))
        assert TEXT["es"]["age"] in app.screen.status_text
        await pilot.press("escape")
        await pilot.press("escape")
        # Another election's results were never kept: not shown in their place.
        app.push_screen(ResultsScreen(running.id + 1000))
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen)
                                and TEXT["es"]["none"] in text_of(app, "#results"))
        assert "Delegado" not in text_of(app, "#results")
