"""Spanish first, English second: every message has its English, and switching is live."""

import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from screens.home import HomeScreen
from tests.kiosk.conftest import wait_until

ROOT = Path(__file__).parents[2]
PO = ROOT / "kiosk/i18n/en/LC_MESSAGES/kiosk.po"


def _extracted(tmp_path: Path) -> set[str]:
    # pybabel's "-o -" writes a file named "-", not standard output: extract to a real file.
    pot = tmp_path / "kiosk.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "N_", "-k", "ngettext:1,2", "-k", "N_plural:1,2", "--no-location",
         "--omit-header", "-o", str(pot), "kiosk", "screens"],
        cwd=ROOT, capture_output=True, check=True)
    with pot.open("rb") as f:
        return {m.id for m in read_po(f) if m.id}


def test_extraction_finds_the_messages_of_the_screens(tmp_path):
    """The check below is only as good as the extraction it compares with."""
    found = _extracted(tmp_path)
    assert "Bienvenido a los servicios municipales" in found
    assert len(found) > 300


def test_every_message_in_the_code_has_an_english_translation(tmp_path):
    catalogue = read_po(PO.open("rb"))
    english = {m.id: m.string for m in catalogue if m.id}
    missing = sorted(str(mid) for mid in _extracted(tmp_path) if not english.get(mid))
    assert not missing, f"run `make i18n` and translate: {missing}"


def _key(value):
    """Plural messages come back as lists from .mo files and tuples from .po files."""
    return tuple(value) if isinstance(value, list | tuple) else value


def test_compiled_catalogue_matches_the_po_file():
    with PO.open("rb") as po, PO.with_suffix(".mo").open("rb") as mo:
        source = {_key(m.id): _key(m.string) for m in read_po(po) if m.id}
        compiled = {_key(m.id): _key(m.string) for m in read_mo(mo) if m.id}
    assert compiled == source, "run `make i18n` to recompile kiosk.mo"


async def test_language_switch_from_the_keypad(kiosk_app):
    app = kiosk_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Bienvenido" in str(app.screen.query_one("#heading").render())
        await pilot.press("f1", "2")  # F1 = help and language, 2 = English
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert await wait_until(pilot, lambda: "Welcome" in str(
            app.screen.query_one("#heading").render()))
        assert "Insert your electronic ID" in str(app.screen.query_one("#insert-card").render())
        await pilot.press("f1", "1", "escape")
        assert await wait_until(pilot, lambda: "Bienvenido" in str(
            app.screen.query_one("#heading").render()))

