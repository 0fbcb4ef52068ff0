"""Choose a scanner backend from a SPEC: none, simulated[:PRINTED_FILE], hid:/dev/input/eventN,
serial:DEVICE[:BAUD]."""

from devices.scanner.base import BarcodeScanner


class BadSpec(ValueError):
    pass


def open_scanner(spec: str) -> BarcodeScanner:
    kind, _, rest = spec.partition(":")
    if kind == "none" and not rest:
        from devices.scanner.none import NoScanner

        return NoScanner(spec)
    if kind == "simulated":  # simulated[:PATH of the demo printer's file]
        from devices.scanner.simulated import SimulatedScanner

        return SimulatedScanner(spec, rest or None)
    if kind == "hid" and rest:
        from devices.scanner.hid import HidScanner

        return HidScanner(spec, rest)
    if kind == "serial" and rest:
        from devices.scanner.serial import SerialScanner

        # A pyserial URL (socket://HOST:PORT, rfc2217://…) is taken whole.
        device, _, baud = rest.rpartition(":") if (
            "://" not in rest and rest.rsplit(":", 1)[-1].isdigit()) else (rest, "", "")
        try:
            return SerialScanner(spec, device or rest, int(baud) if baud else 9600)
        except ValueError as exc:
            raise BadSpec(f"invalid scanner SPEC {spec!r}: {exc}") from exc
    raise BadSpec(f"invalid scanner SPEC {spec!r}: use none, simulated, hid:/dev/input/eventN "
                  "or serial:DEVICE[:BAUD]")
