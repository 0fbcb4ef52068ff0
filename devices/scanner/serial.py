"""A scanner on a serial port (USB CDC-ACM or RS-232, pyserial): each scan is a line ended by
CR and/or LF, the default of serial scanners."""

from devices.scanner.base import BarcodeScanner


class SerialScanner(BarcodeScanner):
    backend = "serial"

    def __init__(self, spec: str, device: str, baud: int = 9600) -> None:
        super().__init__(spec)
        self.device, self.baud = device, baud
        self._healthy = True

    def status(self) -> str:
        return "ok" if self._healthy else "unavailable"

    def _open(self):
        import serial

        # serial_for_url also takes loop:// and socket:// (tests, scanners behind a server).
        return serial.serial_for_url(self.device, baudrate=self.baud, timeout=0.2)

    def _run(self) -> None:
        import serial

        while not self._stop.is_set():
            try:
                port = self._open()
            except (OSError, serial.SerialException):
                self._healthy = False
                self._stop.wait(1.0)
                continue
            self._healthy = True
            try:
                self._read(port)
            except (OSError, serial.SerialException):
                self._healthy = False
                self._stop.wait(1.0)
            finally:
                port.close()

    def _read(self, port) -> None:
        pending = b""
        while not self._stop.is_set():
            chunk = port.read(256)  # returns after the timeout with what came
            if not chunk:
                continue
            pending += chunk
            *lines, pending = pending.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
            for line in lines:
                self._emit(line.decode("utf-8", "replace"))
