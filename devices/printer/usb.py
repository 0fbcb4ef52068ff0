"""ESC/POS over USB (python-escpos through pyusb); status is asked on the IN endpoint."""

from escpos.printer import Usb

from devices.printer.base import ReceiptPrinter


class UsbPrinter(ReceiptPrinter):
    backend = "usb"
    can_query_status = True

    def __init__(self, spec: str, vendor_id: int, product_id: int) -> None:
        super().__init__(spec)
        self.vendor_id, self.product_id = vendor_id, product_id

    def _open(self):
        printer = Usb(self.vendor_id, self.product_id, timeout=2000)
        printer.open()
        return printer
