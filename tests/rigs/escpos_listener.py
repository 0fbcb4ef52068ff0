"""A TCP ESC/POS printer on 127.0.0.1: keeps the bytes it receives and answers status queries.

Paper state is settable ("ok", "low", "out") so tests can take the paper out; `silent=True`
makes it never answer a status query, like printers that do not implement DLE EOT.
"""

import socket
import threading

PAPER_BYTES = {"ok": 0x12, "low": 0x1E, "out": 0x72}
DLE_EOT = b"\x10\x04"


class EscposListener:
    def __init__(self, paper: str = "ok", silent: bool = False) -> None:
        self.paper, self.silent = paper, silent
        self.jobs: list[bytes] = []
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def spec(self) -> str:
        return f"tcp:127.0.0.1:{self.port}"

    def __enter__(self) -> "EscposListener":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()  # the thread takes what is still waiting to be accepted, then ends
        self._thread.join(timeout=5)
        self._server.close()

    @property
    def printed(self) -> bytes:
        """All bytes of all connections, status queries removed."""
        return b"".join(self.jobs)

    def _serve(self) -> None:
        self._server.settimeout(0.2)
        while True:
            stopping = self._stop.is_set()
            try:
                conn, _ = self._server.accept()
            except (TimeoutError, OSError):
                if stopping:  # nothing more was waiting: a job sent before the end is kept
                    return
                continue
            with conn:
                self._handle(conn)

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        job = b""
        while True:
            try:
                chunk = conn.recv(65536)
            except (TimeoutError, OSError):
                break
            if not chunk:
                break
            while DLE_EOT in chunk:  # answer real-time status queries as they arrive
                before, _, after = chunk.partition(DLE_EOT)
                kind, chunk = after[:1], before + after[1:]
                if not self.silent:
                    answer = PAPER_BYTES[self.paper] if kind == b"\x04" else 0x12
                    conn.sendall(bytes([answer]))
            job += chunk
        if job:
            self.jobs.append(job)
