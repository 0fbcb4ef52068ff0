"""ESC/POS appended to a file or device node (a /dev/usb/lp0 printer, or a file in the demo).

Every receipt is appended after the previous one (each ends with its cut), so a demo's file
keeps every document printed, never only the last.
"""

from pathlib import Path

from escpos.printer import File

from devices.printer.base import ReceiptPrinter


class FilePrinter(ReceiptPrinter):
    backend = "file"

    def __init__(self, spec: str, path: str) -> None:
        super().__init__(spec)
        self.path = path

    def _open(self):
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        printer = File(self.path)
        # python-escpos's open() uses "wb", which empties the file: open it for appending.
        printer.device = open(self.path, "ab")  # noqa: SIM115 - closed by printer.close()
        return printer
