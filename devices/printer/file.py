"""ESC/POS appended to a file or device node (a /dev/usb/lp0 printer, or a file in the demo)."""

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
        printer.open()
        # python-escpos opens files with "wb": keep every receipt, append instead.
        printer.device.close()
        printer.device = open(self.path, "ab")  # noqa: SIM115 - closed by printer.close()
        return printer
