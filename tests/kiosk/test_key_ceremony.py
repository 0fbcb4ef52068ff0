"""The trustees' key ceremony at the officer's terminal (issue 10, item 16): the phase is
checked with the server before anything is asked (never offered once the key is published),
each passphrase must be strong enough and typed twice, and no share file is written until
the server has accepted the key."""

from pathlib import Path

from election_crypto import sharefile
from kiosk.api import voting
from screens.elections.officer import OfficerScreen
from screens.staff.menu import StaffMenuScreen
from tests.elections import rig
from tests.kiosk.conftest import choose, type_keys, wait_until
from tests.kiosk.test_staff_flows import _login

STRONG = ["custodio-uno-01", "custodio-dos-02", "custodio-tres-03", "custodio-cuatro-04",
          "custodio-cinco-05"]


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def offered(app) -> list[str]:
    return [o.id for o in app.screen.query_one("#officer-menu").options]


async def _officer_screen(app, pilot, phase_text: str) -> None:
    await _login(app, pilot, "electoral")
    assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
    await choose(pilot, "election-officer")
    assert await wait_until(pilot, lambda: isinstance(app.screen, OfficerScreen))
    assert await wait_until(pilot, lambda: phase_text in text_of(app, "#officer-summary"))


def _asking(app) -> bool:
    return app.screen.query_one("#officer-input").display


async def _type(pilot, phrase: str) -> None:
    await type_keys(pilot, phrase)
    await pilot.press("enter")
    await pilot.pause()


async def test_not_offered_after_the_key_is_published(kiosk_app, make_client, database,
                                                      tmp_path):
    officer = await rig.officer(make_client)
    await rig.to_voting(officer, database, tmp_path)
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await _officer_screen(app, pilot, "votación abierta")
        assert "ceremony" not in offered(app)
        await pilot.press("2")
        await pilot.pause()
        assert not _asking(app)


async def test_the_phase_is_checked_with_the_server_first(kiosk_app, make_client, database,
                                                          tmp_path):
    officer = await rig.officer(make_client)
    running = await rig.to_voting(officer, database, tmp_path, key=False)
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await _officer_screen(app, pilot, "lista final de candidatos")
        assert "ceremony" in offered(app)
        # Meanwhile, at another terminal, the key is published and voting opens.
        election = await officer.elections.get(running.id)
        public, _ = voting.hold_ceremony(election, rig.PASSPHRASES, tmp_path / "other")
        await officer.elections.publish_key(running.id, **public)
        await officer.elections.advance(running.id, "voting")
        await choose(pilot, "ceremony")
        assert await wait_until(pilot, lambda: "votación abierta" in app.screen.status_text)
        assert "«voting»" not in app.screen.status_text and "ready" not in app.screen.status_text
        assert not _asking(app)
        assert await wait_until(pilot, lambda: "ceremony" not in offered(app))


async def test_passphrases_strong_twice_and_files_only_once_accepted(
        kiosk_app, make_client, database, tmp_path):
    officer = await rig.officer(make_client)
    running = await rig.to_voting(officer, database, tmp_path, key=False)
    app = kiosk_app(terminal=True)
    out = Path(app.settings.state_dir) / "custodios"
    async with app.run_test(size=(100, 30)) as pilot:
        await _officer_screen(app, pilot, "lista final de candidatos")
        await choose(pilot, "ceremony")
        assert await wait_until(pilot, lambda: _asking(app))
        await _type(pilot, "")  # empty
        assert "demasiado corta" in app.screen.status_text
        await _type(pilot, "123456789012")  # long but digits only
        assert "demasiado simple" in app.screen.status_text
        assert "Custodio 1" in text_of(app, "#officer-prompt")
        await _type(pilot, STRONG[0])
        assert "otra vez" in text_of(app, "#officer-prompt")
        await _type(pilot, STRONG[1])  # not the same
        assert "no coinciden" in app.screen.status_text
        assert "Custodio 1" in text_of(app, "#officer-prompt")
        for i, phrase in enumerate(STRONG):
            await _type(pilot, phrase)
            await _type(pilot, phrase)
            if i == 1:
                await _type(pilot, STRONG[0])  # another trustee's passphrase
                assert "propia frase" in app.screen.status_text
        assert await wait_until(pilot, lambda: "Clave publicada" in app.screen.status_text,
                                seconds=20)
    files = sorted(out.glob("custodio-*.json"))
    assert len(files) == 5
    for index, (path, phrase) in enumerate(zip(files, STRONG, strict=True), start=1):
        data = sharefile.read(path)
        assert data["trustee"] == index
        sharefile.open_share(data, phrase)  # sealed under the phrase that trustee typed
    assert (await officer.elections.get(running.id)).public_key


async def test_no_share_file_when_the_server_refuses(kiosk_app, make_client, database,
                                                     tmp_path):
    officer = await rig.officer(make_client)
    running = await rig.to_voting(officer, database, tmp_path, key=False)
    app = kiosk_app(terminal=True)
    out = Path(app.settings.state_dir) / "custodios"
    async with app.run_test(size=(100, 30)) as pilot:
        await _officer_screen(app, pilot, "lista final de candidatos")
        await choose(pilot, "ceremony")
        assert await wait_until(pilot, lambda: _asking(app))
        for phrase in STRONG[:4]:
            await _type(pilot, phrase)
            await _type(pilot, phrase)
        # Before the last trustee is done, another terminal publishes a key.
        election = await officer.elections.get(running.id)
        public, _ = voting.hold_ceremony(election, rig.PASSPHRASES, tmp_path / "other")
        await officer.elections.publish_key(running.id, **public)
        await _type(pilot, STRONG[4])
        await _type(pilot, STRONG[4])
        assert await wait_until(pilot, lambda: "ningún archivo" in app.screen.status_text,
                                seconds=20)
        assert "ya fue creada" in app.screen.status_text
    assert not out.exists() or not list(out.iterdir())
