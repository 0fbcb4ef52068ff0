"""The barcode scanner every backend implements.

A scanner reads a receipt's QR (or barcode) and hands its text, one scan at a time, to the
callback given to `start`; the kiosk turns it into a code for the screen showing (verify a
receipt, check my vote). Backends read in their own daemon thread and stop within a fraction
of a second of `stop()`.
"""

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable

OnScan = Callable[[str], None]


class BarcodeScanner(ABC):
    backend = "base"
    label = ""  # shown on screen when not a real device ("SIMULADO")

    def __init__(self, spec: str) -> None:
        self.spec = spec
        self._on_scan: OnScan | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, on_scan: OnScan) -> None:
        self._on_scan = on_scan
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"scanner-{self.backend}",
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)

    def status(self) -> str:
        """"ok" or "unavailable" (for the heartbeat)."""
        return "ok"

    def _emit(self, text: str) -> None:
        text = text.strip()
        if text and self._on_scan is not None:
            self._on_scan(text)

    @abstractmethod
    def _run(self) -> None:
        """Read scans until `self._stop` is set."""
