"""A scanner for the demo and the tests, named SIMULATED on screen so no one takes it for a
real device. `scan(text)` is a code held to it; with the demo printer's file
(`simulated:PATH`), `scan_last_printed()` holds to it the last receipt printed there (its QR,
read back from the ESC/POS)."""

import re
from pathlib import Path

from devices.scanner.base import BarcodeScanner

QR_STORE = re.compile(rb"\x1d\(k(..)\x31\x50\x30", re.S)  # GS ( k pL pH 49 80 48: QR data


def last_qr(data: bytes) -> str | None:
    """The payload of the last QR in an ESC/POS stream."""
    found = None
    for match in QR_STORE.finditer(data):
        low, high = match.group(1)
        found = data[match.end():match.end() + (low | high << 8) - 3]
    return found.decode("utf-8", "replace") if found is not None else None


class SimulatedScanner(BarcodeScanner):
    backend = "simulated"
    label = "SIMULADO"

    def __init__(self, spec: str, printed: str | None = None) -> None:
        super().__init__(spec)
        self.printed = Path(printed) if printed else None

    def start(self, on_scan) -> None:
        self._on_scan = on_scan

    def _run(self) -> None:  # pragma: no cover - no thread: scans come from scan()
        return

    def scan(self, text: str) -> None:
        self._emit(text)

    def scan_last_printed(self) -> bool:
        """Scan the last receipt the demo printed; False if there is none."""
        try:
            payload = last_qr(self.printed.read_bytes()) if self.printed else None
        except OSError:
            payload = None
        if payload:
            self.scan(payload)
        return bool(payload)
