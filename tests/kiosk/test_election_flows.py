"""Rosa votes at the kiosk with her card: ballot, review, tracker printed, a check (spoiled,
printed open), a new encryption, the cast, the receipt; then anyone checks the tracker."""

from devices.card.emulator import load_card
from devices.card.simulated import SimulatedReader
from screens.elections.ballot import BallotScreen
from screens.elections.done import VoteDoneScreen
from screens.elections.home import ElectionHomeScreen
from screens.elections.tracker import TrackerScreen
from screens.home import HomeScreen
from screens.login.pin_pad import PinPadScreen
from screens.resident.menu import ResidentMenuScreen
from tests.elections import rig
from tests.kiosk.conftest import type_keys, wait_until
from tests.rigs.escpos_decode import decode
from tests.rigs.escpos_listener import EscposListener


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def _card_login(app, pilot, reader, cards_dir) -> None:
    reader.insert(load_card(cards_dir, "40123456"))
    assert await wait_until(pilot, lambda: isinstance(app.screen, PinPadScreen))
    assert await wait_until(pilot, lambda: not app.screen.reading, seconds=10)
    await type_keys(pilot, "123456")
    await pilot.press("enter")
    assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))


async def test_rosa_checks_a_ballot_then_casts_and_anyone_finds_her_tracker(
        kiosk_app, make_client, database, cards_dir, tmp_path):
    officer = await rig.officer(make_client)
    running = await rig.to_voting(officer, database, tmp_path)
    reader = SimulatedReader()
    with EscposListener() as printer:
        app = kiosk_app(reader=reader, printer=printer.spec)
        async with app.run_test(size=(100, 30)) as pilot:
            await _card_login(app, pilot, reader, cards_dir)
            await pilot.press("5")  # Elecciones vecinales: votar
            assert await wait_until(pilot, lambda: isinstance(app.screen, ElectionHomeScreen))
            assert await wait_until(pilot, lambda: "zona 7" in text_of(
                app, "#election-summary") and "comprobado" in text_of(app, "#election-summary"))
            await pilot.press("1")
            assert await wait_until(pilot, lambda: isinstance(app.screen, BallotScreen))
            await pilot.press("2")
            assert "(X) Candidato 2" in str(app.screen.query_one("#opt-c" + str(
                app.screen.chosen[0])).label)
            await pilot.press("0")  # review
            assert await wait_until(pilot, lambda: "Candidato 2" in text_of(
                app, "#review-choices"))
            await pilot.press("1")  # confirm: encrypt
            assert await wait_until(pilot, lambda: isinstance(app.screen, TrackerScreen))
            checked = app.screen.encrypted.tracker
            assert await wait_until(pilot, lambda: len(printer.jobs) >= 1)
            await pilot.press("2")  # check this ballot
            assert await wait_until(pilot, lambda: isinstance(app.screen, BallotScreen))
            assert await wait_until(pilot, lambda: len(printer.jobs) >= 2)
            await pilot.press("0")
            await pilot.pause()
            await pilot.press("1")
            assert await wait_until(pilot, lambda: isinstance(app.screen, TrackerScreen))
            cast = app.screen.encrypted.tracker
            assert cast != checked
            await pilot.press("1")  # cast
            assert await wait_until(pilot, lambda: isinstance(app.screen, VoteDoneScreen))
            assert await wait_until(pilot, lambda: "Retire" in app.screen.status_text)
            assert await wait_until(pilot, lambda: len(printer.jobs) >= 4)
            reader.remove()
            assert await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
            await pilot.press("4")  # Elecciones: verificar mi voto y resultados
            await pilot.pause()
            await pilot.press("1")
            await pilot.pause()
            await type_keys(pilot, cast.replace("-", "").lower())
            await pilot.press("enter")
            assert await wait_until(pilot, lambda: "ENCONTRADO" in text_of(
                app, "#tracker-result") and "se cuenta" in text_of(app, "#tracker-result"))
    paper = " ".join(decode(printer.printed).text.split())
    assert "VERIFICACIÓN - VOTO NO EMITIDO" in paper and checked in paper
    assert "CONSTANCIA DE VOTO" in paper and cast in paper
    assert "no muestra su voto" in paper
    receipt_part = paper[paper.index("CONSTANCIA DE VOTO"):]
    assert "Candidato" not in receipt_part  # no choice on the vote receipt
    board = await officer.elections.get(running.id)
    assert board.board_size == 2
