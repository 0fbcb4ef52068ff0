"""A private pcscd with the vsmartcard vpcd driver on a free port, started and stopped by tests.

pcscd 1.9 ignores PCSCLITE_CSOCK_NAME on the daemon side, so the rig uses the default socket
and refuses to run beside another pcscd; its reader.conf.d is private (`-c`), so the vpcd
port is free for each run.

Ready means what the tests need: a PC/SC client lists the vpcd reader. pcscd starts the
reader.conf drivers (vpcd then listens) before it opens its client socket, so a port check
alone leaves a window in which the kiosk's reader finds no pcscd and backs off.
"""

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from smartcard import scard

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
PID_FILE = Path("/run/pcscd/pcscd.pid")


def missing() -> str | None:
    """Why the rig cannot run here, or None."""
    if not shutil.which("pcscd"):
        return "pcscd is not installed (apt-get install pcscd)"
    if not VPCD_DRIVER.exists():
        return "the vpcd driver is not installed (apt-get install vsmartcard-vpcd)"
    if PID_FILE.exists():
        try:
            os.kill(int(PID_FILE.read_text().strip()), 0)
            return "another pcscd is running (stop it to run the card tests)"
        except (ValueError, ProcessLookupError, PermissionError):
            pass
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Pcscd:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.port = _free_port()
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Pcscd":
        conf = self.workdir / "reader.conf.d"
        conf.mkdir(parents=True, exist_ok=True)
        (conf / "vpcd").write_text(
            f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x{self.port:04X}\n'
            f"LIBPATH {VPCD_DRIVER}\nCHANNELID 0x{self.port:04X}\n")
        self.log = open(self.workdir / "pcscd.log", "w")
        self.process = subprocess.Popen(["pcscd", "--foreground", "-c", str(conf)],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            if self._vpcd_listens() and self._reader_listed():
                return self
            time.sleep(0.05)
        self.__exit__()
        raise RuntimeError(f"pcscd did not start: {self.log_text()}")

    def _vpcd_listens(self) -> bool:
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", self.port)) == 0

    @staticmethod
    def _reader_listed() -> bool:
        hr, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hr != scard.SCARD_S_SUCCESS:
            return False
        try:
            hr, names = scard.SCardListReaders(context, [])
            return hr == scard.SCARD_S_SUCCESS and any("Virtual PCD" in n for n in names)
        finally:
            scard.SCardReleaseContext(context)

    def log_text(self) -> str:
        self.log.flush()
        return (self.workdir / "pcscd.log").read_text()

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()
