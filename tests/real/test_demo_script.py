"""`make demo` (scripts/demo.sh) when the port is already taken by another demo: it says so
and stops, leaving the other demo's data and log alone (issue 10, item 19)."""

import os
import subprocess
from pathlib import Path

import pytest

from tests.real.test_uvicorn import ServerProcess, _free_port

pytestmark = pytest.mark.real
ROOT = Path(__file__).resolve().parents[2]


def test_a_second_demo_on_a_busy_port_says_so_and_stops(tmp_path):
    first = tmp_path / "first"
    first.mkdir()
    other = ServerProcess(first, _free_port()).start()  # the first demo's server
    second = tmp_path / "second"
    second.mkdir()
    log = second / f"server-{other.port}.log"
    log.write_text("the first demo's log\n")
    try:
        env = {**os.environ, "KIOSK_DEMO_PORT": str(other.port),
               "KIOSK_SERVER_DATA_DIR": str(second)}
        env.pop("KIOSK_SERVER_DATABASE_URL", None)
        result = subprocess.run(["scripts/demo.sh"], cwd=ROOT, env=env, capture_output=True,
                                text=True, stdin=subprocess.DEVNULL, timeout=60)
    finally:
        other.stop()
    assert result.returncode == 1
    assert f"El puerto {other.port} está ocupado" in result.stderr
    assert f"Port {other.port} is busy" in result.stderr
    assert f"KIOSK_DEMO_PORT={other.port + 1}" in result.stderr
    assert log.read_text() == "the first demo's log\n"  # its log untouched
    assert sorted(p.name for p in second.iterdir()) == [log.name]  # nothing seeded


def test_the_readme_names_the_demo_port_setting():
    assert "KIOSK_DEMO_PORT" in (ROOT / "README.md").read_text()
