"""`kiosk card emulate` and Ctrl+C (issue 10, item 20): the card is removed at once whatever
the process is doing: answering a flood of APDUs on a loaded machine, waiting for a silent
vpcd, retrying one that is not there, or pressed twice. A vpcd of our own (the same wire
protocol as vsmartcard's) stands in for pcscd, so the test controls how busy the card is."""

import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import pytest

from devices.card.applet import AID

# One pcscd at a time on a machine (its socket is global): under xdist, one worker runs these.
pytestmark = [pytest.mark.real, pytest.mark.xdist_group("pcscd")]
SELECT = bytes([0x00, 0xA4, 0x04, 0x00, len(AID)]) + AID


class FakeVpcd:
    """Listens like vpcd; `mode`: "flood" sends APDUs back to back, "silent" says nothing."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.connected = threading.Event()
        self.closed = threading.Event()
        self.answers = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _recv(self, conn: socket.socket, n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = conn.recv(n - len(data))
            if not chunk:
                raise ConnectionError
            data += chunk
        return data

    def _serve(self) -> None:
        try:
            conn, _ = self.server.accept()
        except OSError:  # closed: nobody listens
            return
        self.connected.set()
        try:
            if self.mode == "silent":
                while conn.recv(1):
                    pass
                raise ConnectionError
            while True:
                conn.sendall(struct.pack(">H", len(SELECT)) + SELECT)
                (length,) = struct.unpack(">H", self._recv(conn, 2))
                self._recv(conn, length)
                self.answers += 1
        except OSError:
            self.closed.set()

    def close(self) -> None:
        self.server.close()


@contextmanager
def cpu_load(n: int = 3):
    """Busy processes on every core, like a full test run beside this one."""
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(n)]
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


def _emulate(cards_dir, port: int) -> subprocess.Popen:
    env = {**os.environ, "KIOSK_DEMO_CARDS_DIR": str(cards_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "card", "emulate", "07654321", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return process


def _wait_started(process: subprocess.Popen) -> None:
    first = process.stdout.readline()  # printed once the card is being served
    assert "Ctrl+C la retira" in first, first + process.stderr.read()


def _ctrl_c(process: subprocess.Popen, times: int = 1) -> tuple[str, str]:
    for _ in range(times):
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        time.sleep(0.01)
    out, err = process.communicate(timeout=10)
    return out, err


@pytest.mark.parametrize("times", [1, 3])
def test_ctrl_c_removes_a_busy_card_under_load(cards_dir, times):
    vpcd = FakeVpcd("flood")
    try:
        with cpu_load():
            process = _emulate(cards_dir, vpcd.port)
            _wait_started(process)
            assert vpcd.connected.wait(20)
            deadline = time.monotonic() + 20
            while vpcd.answers < 50 and time.monotonic() < deadline:
                time.sleep(0.01)
            assert vpcd.answers >= 50  # busy answering
            out, err = _ctrl_c(process, times)
        assert process.returncode == 0, err
        assert "Tarjeta retirada / card removed" in out and "Traceback" not in err
        assert vpcd.closed.wait(5)  # the card is out of the reader
    finally:
        vpcd.close()


@pytest.mark.parametrize("mode", ["silent", "absent"])
def test_ctrl_c_while_vpcd_is_silent_or_absent(cards_dir, mode):
    vpcd = FakeVpcd("silent")
    port = vpcd.port
    if mode == "absent":
        vpcd.close()  # nobody listens: the card keeps retrying
    try:
        with cpu_load():
            process = _emulate(cards_dir, port)
            _wait_started(process)
            if mode == "silent":
                assert vpcd.connected.wait(20)
            else:
                time.sleep(0.5)
            out, err = _ctrl_c(process)
        assert process.returncode == 0, err
        assert "Tarjeta retirada / card removed" in out and "Traceback" not in err
        if mode == "silent":
            assert vpcd.closed.wait(5)
    finally:
        vpcd.close()
