"""A USB HID scanner in keyboard-wedge mode, read from its own input device
(/dev/input/eventN or /dev/input/by-id/…-event-kbd) and grabbed, so its keystrokes reach
the kiosk as scans and never as typing into whatever field has the focus.

Linux input events (struct input_event: time, type, code, value) are decoded here with the
US layout scanners send by default; Enter ends a scan.
"""

import contextlib
import os
import select
import struct

from devices.scanner.base import BarcodeScanner

EVENT = struct.Struct("llHHi")
EV_KEY = 0x01
KEY_DOWN = 1
EVIOCGRAB = 0x40044590
KEY_ENTER, KEY_KPENTER, KEY_LEFTSHIFT, KEY_RIGHTSHIFT = 28, 96, 42, 54

# Linux key codes -> (plain, with shift), US layout.
KEYS: dict[int, tuple[str, str]] = {
    2: ("1", "!"), 3: ("2", "@"), 4: ("3", "#"), 5: ("4", "$"), 6: ("5", "%"), 7: ("6", "^"),
    8: ("7", "&"), 9: ("8", "*"), 10: ("9", "("), 11: ("0", ")"), 12: ("-", "_"),
    13: ("=", "+"), 16: ("q", "Q"), 17: ("w", "W"), 18: ("e", "E"), 19: ("r", "R"),
    20: ("t", "T"), 21: ("y", "Y"), 22: ("u", "U"), 23: ("i", "I"), 24: ("o", "O"),
    25: ("p", "P"), 26: ("[", "{"), 27: ("]", "}"), 30: ("a", "A"), 31: ("s", "S"),
    32: ("d", "D"), 33: ("f", "F"), 34: ("g", "G"), 35: ("h", "H"), 36: ("j", "J"),
    37: ("k", "K"), 38: ("l", "L"), 39: (";", ":"), 40: ("'", '"'), 41: ("`", "~"),
    43: ("\\", "|"), 44: ("z", "Z"), 45: ("x", "X"), 46: ("c", "C"), 47: ("v", "V"),
    48: ("b", "B"), 49: ("n", "N"), 50: ("m", "M"), 51: (",", "<"), 52: (".", ">"),
    53: ("/", "?"), 57: (" ", " "),
}


class KeystrokeDecoder:
    """Key events in, scans out (a scan ends with Enter)."""

    def __init__(self) -> None:
        self.shift = False
        self.chars: list[str] = []

    def feed(self, code: int, value: int) -> str | None:
        if code in (KEY_LEFTSHIFT, KEY_RIGHTSHIFT):
            self.shift = value != 0
            return None
        if value != KEY_DOWN:
            return None
        if code in (KEY_ENTER, KEY_KPENTER):
            text, self.chars = "".join(self.chars), []
            return text
        if code in KEYS:
            self.chars.append(KEYS[code][1 if self.shift else 0])
        return None


class HidScanner(BarcodeScanner):
    backend = "hid"

    def __init__(self, spec: str, path: str, grab: bool = True) -> None:
        super().__init__(spec)
        self.path, self.grab = path, grab
        self._healthy = True

    def status(self) -> str:
        return "ok" if self._healthy else "unavailable"

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
            except OSError:
                self._healthy = False  # unplugged: try again
                self._stop.wait(1.0)
                continue
            self._healthy = True
            try:
                if self.grab:
                    import fcntl

                    # Not an input device (a test's pipe): read it all the same.
                    with contextlib.suppress(OSError):
                        fcntl.ioctl(fd, EVIOCGRAB, 1)
                self._read(fd)
            except OSError:
                self._healthy = False
                self._stop.wait(1.0)
            finally:
                os.close(fd)

    def _read(self, fd: int) -> None:
        decoder, pending = KeystrokeDecoder(), b""
        while not self._stop.is_set():
            ready, _, _ = select.select([fd], [], [], 0.2)
            if not ready:
                continue
            chunk = os.read(fd, EVENT.size * 64)
            if not chunk:
                self._stop.wait(0.2)  # a closed pipe or file: wait for more
                continue
            pending += chunk
            while len(pending) >= EVENT.size:
                _sec, _usec, kind, code, value = EVENT.unpack_from(pending)
                pending = pending[EVENT.size:]
                if kind == EV_KEY and (text := decoder.feed(code, value)) is not None:
                    self._emit(text)
