"""Choose a printer backend from a SPEC: none, file:PATH, tcp:HOST[:PORT], usb:VID:PID,
serial:DEVICE[:BAUD]."""

from devices.printer.base import ReceiptPrinter
from devices.printer.errors import BadSpec


def open_printer(spec: str) -> ReceiptPrinter:
    kind, _, rest = spec.partition(":")
    try:
        if kind == "none" and not rest:
            from devices.printer.none import NoneReceiptPrinter

            return NoneReceiptPrinter(spec)
        if kind == "file" and rest:
            from devices.printer.file import FilePrinter

            return FilePrinter(spec, rest)
        if kind == "tcp" and rest:
            from devices.printer.network import NetworkPrinter

            host, _, port = rest.rpartition(":") if rest.count(":") == 1 else (rest, "", "")
            return NetworkPrinter(spec, host or rest, int(port) if port else 9100)
        if kind == "usb" and rest.count(":") == 1:
            from devices.printer.usb import UsbPrinter

            vid, pid = rest.split(":")
            return UsbPrinter(spec, int(vid, 16), int(pid, 16))
        if kind == "serial" and rest:
            from devices.printer.serial import SerialPrinter

            device, _, baud = rest.partition(":")
            return SerialPrinter(spec, device, int(baud) if baud else 9600)
    except ValueError as exc:
        raise BadSpec(f"invalid printer SPEC {spec!r}: {exc}") from exc
    raise BadSpec(
        f"invalid printer SPEC {spec!r}: use none, file:PATH, tcp:HOST[:PORT], usb:VID:PID "
        "or serial:DEVICE[:BAUD]"
    )
