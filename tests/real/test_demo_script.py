"""`make demo` (scripts/demo.sh) when the port is already taken by another demo: it says so
and stops, leaving the other demo's data and log alone (issue 10, item 19)."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx
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


def test_a_demo_just_stopped_leaves_its_port_free_for_the_next(tmp_path):
    """Quitting a demo and starting it again at once: the connections it closed wait in
    TIME_WAIT for a minute, which must not read as "port busy" (uvicorn binds over them)."""
    port = _free_port()
    first = ServerProcess(tmp_path, port).start()
    try:
        for _ in range(3):  # the server closes each connection first: TIME_WAIT on its port
            httpx.get(f"{first.url}/healthz", headers={"Connection": "close"})
    finally:
        first.stop()
    check = [sys.executable, "scripts/port-is-free.py", str(port)]
    # The old check, a bind without SO_REUSEADDR, took this for a busy port.
    with socket.socket() as plain, pytest.raises(OSError):
        plain.bind(("127.0.0.1", port))
    assert subprocess.run(check, cwd=ROOT).returncode == 0
    with socket.socket() as listening:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind(("127.0.0.1", port))
        listening.listen()
        assert subprocess.run(check, cwd=ROOT).returncode == 1
