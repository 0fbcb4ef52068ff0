"""Serve a VirtualCard to pcscd through the vsmartcard `vpcd` driver.

vpcd listens on a TCP port (35963 by default, /etc/reader.conf.d/vpcd); the card side
connects to it. Each message is a 2-byte big-endian length and a payload: one byte is a
control code (0 power off, 1 power on, 2 reset, 4 ask for the ATR), more is an APDU.
Connected = card inserted; closing the connection = card removed.
"""

import contextlib
import select
import socket
import struct
import threading

from devices.card.emulator import ATR, VirtualCard

POWER_OFF, POWER_ON, RESET, GET_ATR = 0, 1, 2, 4


QUICKACK = getattr(socket, "TCP_QUICKACK", None)


POLL_SECONDS = 0.25  # how often a waiting read looks whether the card was removed


def _recv_exact(sock: socket.socket, n: int, stop: threading.Event) -> bytes:
    """n bytes; waits in short polls, so a removal is seen within POLL_SECONDS even if the
    socket's shutdown did not wake the wait (sends stay blocking: a slow vpcd under load
    must not look like a removed card)."""
    data = b""
    while len(data) < n:
        if stop.is_set():
            raise ConnectionError("card removed")
        readable, _, _ = select.select([sock], [], [], POLL_SECONDS)
        if not readable:
            continue
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionError("vpcd closed the connection")
        data += chunk
        if QUICKACK is not None:
            # vpcd sends a message's length and body as two writes; acknowledging at once
            # keeps Nagle on its side from holding the body ~40 ms for our delayed ACK.
            sock.setsockopt(socket.IPPROTO_TCP, QUICKACK, 1)
    return data


def _send(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(struct.pack(">H", len(payload)) + payload)


class VpcdCard:
    """Insert a card into a vpcd reader; `remove()` (or Ctrl+C in the CLI) takes it out."""

    def __init__(self, card: VirtualCard, host: str = "127.0.0.1", port: int = 35963) -> None:
        self.card, self.host, self.port = card, host, port
        self._stop = threading.Event()
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self.connected = threading.Event()

    def insert(self) -> "VpcdCard":
        self._thread = threading.Thread(target=self.serve, name="vpcd-card", daemon=True)
        self._thread.start()
        return self

    def remove(self) -> None:
        """Take the card out now: the connection is shut (vpcd sees the card leave) and the
        serving thread, which checks the stop at least every POLL_SECONDS, ends."""
        self._stop.set()
        sock = self._sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout=2 * POLL_SECONDS + 1)
        if sock is not None:
            sock.close()

    def serve(self) -> None:
        """Connect (retrying until vpcd listens) and answer until removed."""
        while not self._stop.is_set():
            try:
                sock = socket.create_connection((self.host, self.port), timeout=POLL_SECONDS)
            except OSError:
                self._stop.wait(0.2)
                continue
            self._sock = sock
            if self._stop.is_set():  # removed while connecting
                sock.close()
                break
            sock.settimeout(None)
            # Small request/answer messages: without NODELAY each APDU waits ~40 ms (Nagle).
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.connected.set()
            try:
                self._answer(sock)
            except (ConnectionError, OSError):
                self.connected.clear()
                if not self._stop.is_set():
                    self._stop.wait(0.2)
            finally:
                sock.close()

    def _answer(self, sock: socket.socket) -> None:
        while not self._stop.is_set():
            (length,) = struct.unpack(">H", _recv_exact(sock, 2, self._stop))
            payload = _recv_exact(sock, length, self._stop)
            if length == 1:
                if payload[0] in (POWER_OFF, POWER_ON, RESET):
                    self.card.reset()
                elif payload[0] == GET_ATR:
                    _send(sock, ATR)
                continue
            _send(sock, self.card.process(payload))
