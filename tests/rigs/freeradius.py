"""FreeRADIUS 3.2 (`freeradius -X`) on private loopback ports with a configuration directory
generated from the project's files (server/wifi/radiusconf.py), in front of a real server;
radclient to speak RADIUS to it, and a pyrad stand-in NAS that takes Disconnect-Requests.
Used by tests/wifi/test_freeradius.py and bench/wifi.py."""

import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

from server.wifi.radiusconf import Client, generate
from tests.rigs.uvicorn_server import free_port

SECRET = "demo-nas-secret-miraflores"  # the demo hotspots' shared secret


def missing() -> str | None:
    for binary in ("freeradius", "radclient"):
        if shutil.which(binary) is None:
            return (f"{binary} is not installed (Debian packages freeradius, freeradius-utils, "
                    "freeradius-rest)")
    if not Path("/usr/lib/freeradius/rlm_rest.so").exists():
        return "rlm_rest is not installed (Debian package freeradius-rest)"
    return None


class FreeRadius:
    def __init__(self, workdir: Path, *, server_url: str, token: str,
                 files: bool = False, debug: bool = True) -> None:
        """`debug`: `freeradius -X` (one thread, every packet logged); otherwise threaded,
        as in production (the benchmark)."""
        self.workdir, self.server_url, self.token = workdir, server_url, token
        self.debug = debug
        self.auth_port, self.acct_port = free_port(), free_port()
        self.files_port = free_port() if files else None

    def __enter__(self) -> "FreeRadius":
        self.conf = generate(self.workdir / "raddb", server_url=self.server_url,
                             token=self.token, clients=[Client("local", "127.0.0.1", SECRET)],
                             auth_port=self.auth_port, acct_port=self.acct_port,
                             listen="127.0.0.1", files_port=self.files_port)
        self.log_path = self.workdir / "freeradius.log"
        self.log = open(self.log_path, "w")
        mode = ["-X"] if self.debug else ["-f", "-l", "stdout"]
        self.process = subprocess.Popen(["freeradius", *mode, "-d", str(self.conf)],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if "Ready to process requests" in self.log_text():
                return self
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError(f"freeradius did not start: {self.log_text()[-3000:]}")

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def __exit__(self, *exc) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def radclient(self, kind: str, attrs: dict[str, str | int], *, retries: int = 1,
                  timeout: float = 3, port: int | None = None,
                  background: bool = False) -> dict[str, str] | subprocess.Popen:
        """Send one packet (`auth` or `acct`); the reply's code and attributes
        ({"code": "Access-Accept", "Session-Timeout": "3600", ...}; no reply: "code": "")."""
        port = port or (self.auth_port if kind == "auth" else self.acct_port)
        lines = [f'{k} = "{v}"' if isinstance(v, str) else f"{k} = {v}"
                 for k, v in attrs.items()]
        if kind == "auth":
            lines.append("Message-Authenticator = 0x00")
        cmd = ["radclient", "-x", "-r", str(retries), "-t", str(timeout),
               f"127.0.0.1:{port}", kind, SECRET]
        if background:
            process = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, text=True)
            process.stdin.write(", ".join(lines) + "\n")
            process.stdin.close()
            return process
        done = subprocess.run(cmd, input=", ".join(lines) + "\n", capture_output=True,
                              text=True, timeout=retries * timeout + 10)
        return parse(done.stdout + done.stderr)


def parse(output: str) -> dict[str, str]:
    reply: dict[str, str] = {"code": ""}
    received = False
    for line in output.splitlines():
        if line.startswith("Received "):
            reply["code"] = line.split()[1]
            received = True
        elif received and line.startswith(("\t", " ")) and " = " in line:
            name, _, value = line.strip().partition(" = ")
            reply[name] = value.strip('"')
        elif line.startswith("Sent "):
            received = False
    return reply


class StandInNas:
    """A NAS's Disconnect-Request port (RFC 5176): checks the packet with the shared secret,
    answers Disconnect-ACK and keeps what it received."""

    def __init__(self, secret: str = SECRET) -> None:
        from pyrad.dictionary import Dictionary

        from server.wifi.coa import DICTIONARY

        self.secret = secret.encode()
        self.dictionary = Dictionary(str(DICTIONARY))
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.received: list[dict[str, list]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> "StandInNas":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()

    def _serve(self) -> None:
        from pyrad import packet

        while not self._stop.is_set():
            try:
                data, peer = self.sock.recvfrom(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            pkt = packet.CoAPacket(secret=self.secret, dict=self.dictionary, packet=data)
            if pkt.code != packet.DisconnectRequest or not pkt.VerifyCoARequest():
                continue
            self.received.append({k: pkt[k] for k in pkt.keys()})  # noqa: SIM118 (names)
            reply = pkt.CreateReply()  # Disconnect-ACK
            self.sock.sendto(reply.ReplyPacket(), peer)

    def wait(self, count: int = 1, timeout: float = 10) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.received) < count:
            time.sleep(0.05)
        return len(self.received) >= count
