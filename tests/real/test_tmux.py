"""The real `kiosk` binary in a terminal (tmux) against a real server process: what a person
sees, typed with the keys a person presses."""

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import need
from tests.real.test_uvicorn import ServerProcess, _free_port

pytestmark = pytest.mark.real


class Tmux:
    def __init__(self, command: str, env: dict[str, str]) -> None:
        self.name = f"kiosk-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        # A private tmux server: sessions of other programs cannot change this one's size.
        self.tmux = ["tmux", "-L", self.name]
        subprocess.run([*self.tmux, "new-session", "-d", "-s", self.name, "-x", "100", "-y", "30",
                        f"env {exports} {command}; sleep 30"], check=True)

    def screen(self) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True).stdout

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def wait_for(self, text: str, seconds: float = 20) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; screen:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


def test_demo_kiosk_in_a_terminal(tmp_path):
    need(bool(shutil.which("tmux")), "tmux is not installed (apt-get install tmux)")
    server = ServerProcess(tmp_path, _free_port()).start()
    kiosk_bin = Path(sys.executable).parent / "kiosk"
    env = {"KIOSK_STATE_DIR": str(tmp_path / "state"),
           "KIOSK_DEMO_CARDS_DIR": str(tmp_path / "demo-cards"), "TERM": "xterm-256color",
           "KIOSK_CONFIG_FILE": str(tmp_path / "none.toml"), "PATH": os.environ["PATH"]}
    term = Tmux(f"{kiosk_bin} --demo --server {server.url} --printer none", env)
    try:
        term.wait_for("Bienvenido a los servicios municipales")
        term.wait_for("Palacio Municipal")  # enrolled with the demo token, site shown
        term.keys("F2")
        term.wait_for("Rosa Quispe Mamani")
        term.keys("Enter")
        term.wait_for("Intentos disponibles: 3")
        term.keys("1", "2", "3", "4", "5", "6", "Enter")
        screen = term.wait_for("¿Qué desea hacer hoy?")
        assert "Vecino/a: Rosa Quispe Mamani" in screen
        term.keys("1")  # her account, from the real server, paged to the terminal
        screen = term.wait_for("Seleccionado (")
        assert "Paso 1 de 3" in screen and "Limpieza 2025-4 P-07-0001" in screen, screen
        term.keys("Escape")
        term.wait_for("¿Qué desea hacer hoy?")
        term.keys("0")
        term.wait_for("Inserte su DNI electrónico")
        term.keys("F1")
        term.wait_for("Ayuda y accesibilidad")
        term.keys("2", "Escape")
        term.wait_for("Welcome to the municipal services")
    finally:
        term.close()
        server.stop()


# What the Linux console's default font draws: Latin-1 and the CP437 lines and blocks.
CONSOLE_FONT = set(map(chr, range(32, 256))) | set(
    "─│┌┐└┘├┤┬┴┼═║╒╓╔╕╖╗╘╙╚╛╜╝╞╟╠╡╢╣╤╥╦╧╨╩╪╫╬▀▄█▌▐░▒▓■")


def test_linux_console_draws_only_glyphs_its_font_has(tmp_path):
    """TERM=linux (issue 10, item 12): screens with a menu, a statement table, a form with
    fields, ticks and a button, and a dialog draw nothing the console font lacks, and a
    requirement's tick shows its state in the glyph, not in colour alone."""
    need(bool(shutil.which("tmux")), "tmux is not installed (apt-get install tmux)")
    server = ServerProcess(tmp_path, _free_port()).start()
    kiosk_bin = Path(sys.executable).parent / "kiosk"
    env = {"KIOSK_STATE_DIR": str(tmp_path / "state"),
           "KIOSK_DEMO_CARDS_DIR": str(tmp_path / "demo-cards"), "TERM": "linux",
           "KIOSK_CONFIG_FILE": str(tmp_path / "none.toml"), "PATH": os.environ["PATH"]}
    term = Tmux(f"{kiosk_bin} --demo --server {server.url} --printer none", env)
    seen: list[str] = []

    def look(text: str) -> str:
        screen = term.wait_for(text)
        seen.append(screen)
        return screen

    try:
        look("Palacio Municipal")
        term.keys("F2")
        look("Rosa Quispe Mamani")  # the demo card dialog (a list)
        term.keys("Enter")
        look("Intentos disponibles: 3")  # the PIN pad (a dialog)
        term.keys("1", "2", "3", "4", "5", "6", "Enter")
        look("¿Qué desea hacer hoy?")
        term.keys("1")
        look("Seleccionado (")  # the statement's table
        term.keys("Escape")
        look("¿Qué desea hacer hoy?")
        term.keys("7")  # Trámites
        look("Catálogo de trámites")
        term.keys("1")
        look("Elija un trámite")
        term.keys("5")  # CN-01
        look("Requisitos")
        term.keys("1")
        look("Marque cada requisito")  # inputs, ticks and a button
        screen = look("[ ]")
        term.keys("Down", "Enter")
        screen = look("[X]")
        assert "[ ]" in screen  # one ticked, one not: told apart without colour
    finally:
        term.close()
        server.stop()
    strange = {c for screen in seen for c in screen if c not in CONSOLE_FONT and c != "\n"}
    assert not strange, sorted(strange)


def test_the_real_kiosk_speaks_into_wav_files(tmp_path):
    """F3 in the real binary turns speech on: espeak-ng writes what the screen says (here to
    WAV files, where a kiosk has its headphone jack), and each key adds what it changed."""
    import array
    import wave

    need(bool(shutil.which("tmux")), "tmux is not installed (apt-get install tmux)")
    need(bool(shutil.which("espeak-ng")), "espeak-ng is not installed (apt-get install espeak-ng)")
    server = ServerProcess(tmp_path, _free_port()).start()
    kiosk_bin = Path(sys.executable).parent / "kiosk"
    wav_dir = tmp_path / "spoken"
    env = {"KIOSK_STATE_DIR": str(tmp_path / "state"),
           "KIOSK_DEMO_CARDS_DIR": str(tmp_path / "demo-cards"), "TERM": "xterm-256color",
           "KIOSK_CONFIG_FILE": str(tmp_path / "none.toml"), "PATH": os.environ["PATH"]}
    term = Tmux(f"{kiosk_bin} --demo --server {server.url} --printer none "
                f"--speech wav:{wav_dir}", env)

    def sounds(count: int) -> list[float]:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            files = sorted(wav_dir.glob("*.wav"))
            if len(files) >= count:
                time.sleep(0.5)  # let espeak-ng finish the last one
                break
            time.sleep(0.1)
        seconds = []
        for path in sorted(wav_dir.glob("*.wav")):
            with wave.open(str(path)) as wav:
                samples = array.array("h", wav.readframes(wav.getnframes()))
                assert max(abs(s) for s in samples) > 2000, path  # a voice, not silence
                seconds.append(wav.getnframes() / wav.getframerate())
        return seconds

    try:
        term.wait_for("Bienvenido a los servicios municipales")
        assert not wav_dir.exists() or not list(wav_dir.glob("*.wav"))  # silent until asked
        term.keys("F3")
        term.wait_for("Voz activada")
        first = sounds(1)
        assert first[0] > 5  # the whole home screen: title, card, options with their keys
        term.keys("1")
        term.wait_for("Número de DNI")
        assert len(sounds(2)) >= 2
    finally:
        term.close()
        server.stop()
