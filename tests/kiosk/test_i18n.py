"""Spanish first, English second: every message has its English, and switching is live."""

import io
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from screens.home import HomeScreen
from tests.kiosk.conftest import wait_until

ROOT = Path(__file__).parents[2]
PO = ROOT / "kiosk/i18n/en/LC_MESSAGES/kiosk.po"


def _extracted() -> set[str]:
    out = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "N_", "--no-location", "--omit-header", "-o", "-", "kiosk", "screens"],
        cwd=ROOT, capture_output=True, check=True)
    return {m.id for m in read_po(io.BytesIO(out.stdout)) if m.id}


def test_every_message_in_the_code_has_an_english_translation():
    catalogue = read_po(PO.open("rb"))
    english = {m.id: m.string for m in catalogue if m.id}
    missing = sorted(mid for mid in _extracted() if not english.get(mid))
    assert not missing, f"run `make i18n` and translate: {missing}"


def test_compiled_catalogue_matches_the_po_file():
    with PO.open("rb") as po, PO.with_suffix(".mo").open("rb") as mo:
        source = {m.id: m.string for m in read_po(po) if m.id}
        compiled = {m.id: m.string for m in read_mo(mo) if m.id}
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

