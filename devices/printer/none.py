"""No printer: receipts stay on the server and are shown on screen with their code."""

from devices.printer.base import ReceiptPrinter
from devices.printer.errors import NoPrinter
from devices.printer.receipt import Receipt


class NoneReceiptPrinter(ReceiptPrinter):
    backend = "none"

    def _open(self):
        raise NoPrinter()

    def print_receipt(self, receipt: Receipt) -> None:
        raise NoPrinter()
