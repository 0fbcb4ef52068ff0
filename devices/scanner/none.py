"""No scanner: codes are typed."""

from devices.scanner.base import BarcodeScanner


class NoScanner(BarcodeScanner):
    backend = "none"

    def start(self, on_scan) -> None:
        self._on_scan = on_scan

    def _run(self) -> None:  # pragma: no cover - never started
        return

    def status(self) -> str:
        return "none"
