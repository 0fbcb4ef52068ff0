"""A private pcscd with the vsmartcard vpcd driver on a free port, started and stopped by tests.

pcscd 1.9 ignores PCSCLITE_CSOCK_NAME on the daemon side, so the rig uses the default socket
and refuses to run beside another pcscd; its reader.conf.d is private (`-c`), so the vpcd
port is free for each run.
"""

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

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
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # ready when vpcd listens for the card
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.05)
        self.__exit__()
        raise RuntimeError(f"pcscd did not start: {(self.workdir / 'pcscd.log').read_text()}")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()
