"""The officer's terminal after the close: three trustees decrypt with their files and
passphrases (a wrong passphrase is refused clearly), the results appear."""

import asyncio
import uuid

from kiosk.api import voting
from screens.elections.officer import OfficerScreen
from screens.elections.results import ResultsScreen
from screens.staff.menu import StaffMenuScreen
from tests.conftest import card_login
from tests.elections import rig
from tests.kiosk.conftest import choose, type_keys, wait_until
from tests.kiosk.test_staff_flows import _login


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_trustees_decrypt_at_the_terminal_and_results_follow(
        kiosk_app, make_client, database, cards_dir, tmp_path):
    officer = await rig.officer(make_client)
    running = await rig.to_voting(officer, database, tmp_path)
    rosa = await make_client()
    await card_login(rosa, cards_dir)
    style = await rosa.elections.ballot_style(running.id)
    enc = await asyncio.to_thread(voting.encrypt, style, {style.candidates[2].id})
    await rosa.elections.cast(running.id, enc.ballot, idempotency_key=str(uuid.uuid4()))
    await rig.close(officer, database, running.id)

    app = kiosk_app(terminal=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await _login(app, pilot, "electoral")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await choose(pilot, "election-officer")
        assert await wait_until(pilot, lambda: isinstance(app.screen, OfficerScreen))
        assert await wait_until(pilot, lambda: "cerrada" in text_of(app, "#officer-summary"))
        for index, phrase in ((1, "equivocada"), (1, rig.PASSPHRASES[0]),
                              (2, rig.PASSPHRASES[1]), (4, rig.PASSPHRASES[3])):
            await pilot.press("3")
            await pilot.pause()
            await type_keys(pilot, str(running.share_files[index - 1]))
            await pilot.press("enter")
            await type_keys(pilot, phrase)
            await pilot.press("enter")
            expected = "no corresponde" if phrase == "equivocada" else f"custodio {index}"
            assert await wait_until(pilot, lambda e=expected: e in app.screen.status_text, seconds=15)
        assert "resultados publicados" in app.screen.status_text
        await pilot.press("4")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert await wait_until(pilot, lambda: "Delegado 1: Candidato 3" in text_of(
            app, "#results"))
