"""A virtual ID card that answers the applet's APDUs exactly as docs/card.md specifies.

It loads a card image (format `miraflores-demo-card/1`, written by `kiosk-server seed-demo`)
and is served in-process by the simulated reader or to pcscd through vpcd (vpcd.py).
Large answers come T=0 style (61xx + GET RESPONSE) and a wrong Le gets 6Cxx, so the kiosk's
handling of both is exercised for real.
"""

import base64
import json
import threading
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed

from devices.card import apdu
from devices.card.applet import AID, EF_CERTIFICATE, EF_IDENTITY

CARD_FORMAT = "miraflores-demo-card/1"
MAX_TRIES = 3


def _atr() -> bytes:
    # T=0 and T=1 offered; historical bytes "MFKIOSK1"; TCK = XOR of T0..last historical byte.
    body = bytes([0x88, 0x80, 0x01]) + b"MFKIOSK1"
    tck = 0
    for b in body:
        tck ^= b
    return bytes([0x3B]) + body + bytes([tck])


ATR = _atr()


class VirtualCard:
    def __init__(self, image: dict) -> None:
        if image.get("format") != CARD_FORMAT:
            raise ValueError(f"not a {CARD_FORMAT} card image")
        self.identity = image["identity"]
        self.dni: str = self.identity["dni"]
        self._pin = image["pin"].encode("ascii")
        self._key = serialization.load_pem_private_key(image["private_key"].encode(), None)
        self._files = {
            EF_IDENTITY: json.dumps(self.identity, ensure_ascii=False).encode("utf-8"),
            EF_CERTIFICATE: base64.b64decode(image["certificate"]),
        }
        self.tries_left = MAX_TRIES
        self._lock = threading.Lock()
        self.reset()

    def set_pin(self, pin: str) -> None:
        """Personalise another PIN (demo and tests); 6 digits like the real card."""
        if len(pin) != 6 or not pin.isdigit():
            raise ValueError("the PIN has 6 digits")
        self._pin = pin.encode("ascii")

    @classmethod
    def from_file(cls, path: Path) -> "VirtualCard":
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def reset(self) -> None:
        """Power-on state: nothing selected, PIN not verified. PIN tries survive (card memory)."""
        self._selected = False
        self._ef: int | None = None
        self._verified = False
        self._pending = b""

    def process(self, raw: bytes) -> bytes:
        with self._lock:
            try:
                return self._dispatch(apdu.Command.parse(raw)).to_bytes()
            except ValueError:
                return apdu.Response(b"", apdu.SW_WRONG_LENGTH).to_bytes()

    def _dispatch(self, cmd: apdu.Command) -> apdu.Response:
        if cmd.cla != 0x00:
            return apdu.Response(b"", apdu.SW_CLA_NOT_SUPPORTED)
        handlers = {0xA4: self._select, 0xB0: self._read_binary, 0x20: self._verify,
                    0x2A: self._sign, 0xC0: self._get_response}
        handler = handlers.get(cmd.ins)
        if cmd.ins != 0xC0:
            self._pending = b""
        return handler(cmd) if handler else apdu.Response(b"", apdu.SW_INS_NOT_SUPPORTED)

    def _select(self, cmd: apdu.Command) -> apdu.Response:
        if cmd.p1 == 0x04:
            self._selected = cmd.data == AID
            self._ef = None
            return apdu.Response(b"", apdu.SW_OK if self._selected else apdu.SW_FILE_NOT_FOUND)
        if cmd.p1 == 0x02 and self._selected and len(cmd.data) == 2:
            fid = int.from_bytes(cmd.data, "big")
            if fid in self._files:
                self._ef = fid
                return apdu.Response(b"", apdu.SW_OK)
        return apdu.Response(b"", apdu.SW_FILE_NOT_FOUND)

    def _read_binary(self, cmd: apdu.Command) -> apdu.Response:
        if self._ef is None:
            return apdu.Response(b"", apdu.SW_CONDITIONS_NOT_SATISFIED)
        content = self._files[self._ef]
        offset = (cmd.p1 << 8) | cmd.p2
        if offset >= len(content):
            return apdu.Response(b"", apdu.SW_WRONG_P1P2)
        available = len(content) - offset
        wanted = 256 if not cmd.le else cmd.le
        if wanted > available:
            return apdu.Response(b"", 0x6C00 | available)  # "wrong Le: ask for exactly xx"
        return apdu.Response(content[offset:offset + wanted], apdu.SW_OK)

    def _verify(self, cmd: apdu.Command) -> apdu.Response:
        if not self._selected or cmd.p2 != 0x81:
            return apdu.Response(b"", apdu.SW_CONDITIONS_NOT_SATISFIED)
        if self.tries_left == 0:
            return apdu.Response(b"", apdu.SW_PIN_BLOCKED)
        if not cmd.data:  # status query
            return apdu.Response(b"", apdu.SW_OK if self._verified else 0x63C0 | self.tries_left)
        if len(cmd.data) != 6:
            return apdu.Response(b"", apdu.SW_WRONG_LENGTH)
        if cmd.data == self._pin:
            self.tries_left, self._verified = MAX_TRIES, True
            return apdu.Response(b"", apdu.SW_OK)
        self.tries_left -= 1
        self._verified = False
        if self.tries_left == 0:
            return apdu.Response(b"", apdu.SW_PIN_BLOCKED)
        return apdu.Response(b"", 0x63C0 | self.tries_left)

    def _sign(self, cmd: apdu.Command) -> apdu.Response:
        if (cmd.p1, cmd.p2) != (0x9E, 0x9A) or len(cmd.data) != 32:
            return apdu.Response(b"", apdu.SW_WRONG_P1P2)
        if not self._verified:
            return apdu.Response(b"", apdu.SW_SECURITY_NOT_SATISFIED)
        assert isinstance(self._key, ec.EllipticCurvePrivateKey)
        self._pending = self._key.sign(cmd.data, ec.ECDSA(Prehashed(hashes.SHA256())))
        return apdu.Response(b"", 0x6100 | len(self._pending))  # T=0: "xx bytes waiting"

    def _get_response(self, cmd: apdu.Command) -> apdu.Response:
        if not self._pending:
            return apdu.Response(b"", apdu.SW_CONDITIONS_NOT_SATISFIED)
        wanted = 256 if not cmd.le else cmd.le
        chunk, self._pending = self._pending[:wanted], self._pending[wanted:]
        return apdu.Response(chunk, 0x6100 | len(self._pending) if self._pending else apdu.SW_OK)


def load_card(cards_dir: Path, dni: str) -> VirtualCard:
    path = cards_dir / f"{dni}.card.json"
    if not path.exists():
        raise FileNotFoundError(
            f"No hay tarjeta demo para el DNI {dni} en {cards_dir} (ejecute kiosk-server "
            f"seed-demo) / no demo card for DNI {dni} in {cards_dir} (run kiosk-server seed-demo)"
        )
    return VirtualCard.from_file(path)


def list_cards(cards_dir: Path) -> list[VirtualCard]:
    return [VirtualCard.from_file(p) for p in sorted(cards_dir.glob("*.card.json"))]
