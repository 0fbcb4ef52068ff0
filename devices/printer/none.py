"""No printer: receipts stay on the server and are shown on screen with their code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices.printer.base import ReceiptPrinter
from devices.printer.errors import NoPrinter

if TYPE_CHECKING:
    from devices.printer.receipt import Receipt


class NoneReceiptPrinter(ReceiptPrinter):
    backend = "none"

    def _open(self):
        raise NoPrinter()

    def print_receipt(self, receipt: Receipt) -> None:
        raise NoPrinter()
