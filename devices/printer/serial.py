"""ESC/POS over a serial line (RS-232 or USB-serial)."""

from escpos.printer import Serial

from devices.printer.base import ReceiptPrinter


class SerialPrinter(ReceiptPrinter):
    backend = "serial"
    can_query_status = True

    def __init__(self, spec: str, device: str, baudrate: int = 9600) -> None:
        super().__init__(spec)
        self.device, self.baudrate = device, baudrate

    def _open(self):
        printer = Serial(self.device, baudrate=self.baudrate, timeout=2)
        printer.open()
        return printer
