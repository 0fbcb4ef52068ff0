"""ESC/POS over TCP (port 9100, "raw"/"JetDirect"), the usual Ethernet thermal printer."""

from escpos.printer import Network

from devices.printer.base import ReceiptPrinter


class NetworkPrinter(ReceiptPrinter):
    backend = "tcp"
    can_query_status = True

    def __init__(self, spec: str, host: str, port: int = 9100, timeout: float = 3.0) -> None:
        super().__init__(spec)
        self.host, self.port, self.timeout = host, port, timeout

    def _open(self):
        printer = Network(self.host, self.port, timeout=self.timeout)
        printer.open()
        return printer
