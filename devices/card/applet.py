"""The municipal ID applet as the kiosk speaks to it, over any reader's `transmit`.

Profile "miraflores-demo/1" (docs/card.md): SELECT by AID, SELECT EF + READ BINARY of the
identity file and the authentication certificate, VERIFY (6 digits, 3 tries), and
PSO: COMPUTE DIGITAL SIGNATURE over a 32-byte SHA-256 digest. T=0 style responses are
handled here because pyscard does not: 61xx -> GET RESPONSE, 6Cxx -> re-send with Le=xx.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from devices.card import apdu
from devices.card.errors import (
    CardError,
    PinBlocked,
    PinNotVerified,
    UnsupportedCard,
    WrongPin,
)

AID = bytes.fromhex("A000000858464B01")  # "MF-K" demo applet
EF_IDENTITY = 0x0101
EF_CERTIFICATE = 0x0102
Transmit = Callable[[bytes], apdu.Response]


@dataclass(frozen=True)
class CardIdentity:
    dni: str
    given_names: str
    surnames: str
    birth_date: date

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.surnames}"


@dataclass(frozen=True)
class PinStatus:
    verified: bool
    tries_left: int
    blocked: bool


class IdApplet:
    def __init__(self, transmit: Transmit) -> None:
        self._raw = transmit

    def send(self, command: bytes) -> apdu.Response:
        """Transmit, completing 61xx and 6Cxx exchanges as a T=0 reader would."""
        response = self._raw(command)
        if response.sw1 == 0x6C:
            response = self._raw(command[:-1] + bytes([response.sw2])
                                 if len(command) > 4 else command + bytes([response.sw2]))
        data = response.data
        while response.sw1 == 0x61:
            response = self._raw(apdu.command(0x00, 0xC0, 0x00, 0x00, le=response.sw2))
            data += response.data
        return apdu.Response(data, response.sw)

    def select(self) -> None:
        response = self.send(apdu.command(0x00, 0xA4, 0x04, 0x0C, AID))
        if response.sw != apdu.SW_OK:
            raise UnsupportedCard(f"SELECT AID answered {response.sw:04X}")

    def read_file(self, fid: int) -> bytes:
        response = self.send(apdu.command(0x00, 0xA4, 0x02, 0x0C, fid.to_bytes(2, "big")))
        if response.sw != apdu.SW_OK:
            raise UnsupportedCard(f"SELECT EF {fid:04X} answered {response.sw:04X}")
        content = b""
        while True:
            offset = len(content)
            response = self.send(apdu.command(0x00, 0xB0, offset >> 8, offset & 0xFF, le=0xFF))
            if response.sw == apdu.SW_WRONG_P1P2:  # offset past the end: the file is read
                return content
            if response.sw != apdu.SW_OK:
                raise CardError(f"READ BINARY answered {response.sw:04X}")
            content += response.data
            if len(response.data) < 0xFF:
                return content

    def read_identity(self) -> CardIdentity:
        try:
            raw = json.loads(self.read_file(EF_IDENTITY).decode("utf-8"))
            return CardIdentity(raw["dni"], raw["given_names"], raw["surnames"],
                                date.fromisoformat(raw["birth_date"]))
        except (ValueError, KeyError) as exc:
            raise UnsupportedCard("identity file unreadable") from exc

    def read_certificate(self) -> bytes:
        return self.read_file(EF_CERTIFICATE)

    def pin_status(self) -> PinStatus:
        response = self.send(apdu.command(0x00, 0x20, 0x00, 0x81))
        if response.sw == apdu.SW_OK:
            return PinStatus(True, 3, False)
        if response.sw == apdu.SW_PIN_BLOCKED:
            return PinStatus(False, 0, True)
        if response.sw1 == 0x63 and response.sw2 & 0xF0 == 0xC0:
            return PinStatus(False, response.sw2 & 0x0F, False)
        raise CardError(f"VERIFY status answered {response.sw:04X}")

    def verify_pin(self, pin: str) -> None:
        if len(pin) != 6 or not pin.isdigit():
            raise ValueError("the PIN has 6 digits")
        response = self.send(apdu.command(0x00, 0x20, 0x00, 0x81, pin.encode("ascii")))
        if response.sw == apdu.SW_OK:
            return
        if response.sw == apdu.SW_PIN_BLOCKED or response.sw == 0x63C0:
            raise PinBlocked()
        if response.sw1 == 0x63 and response.sw2 & 0xF0 == 0xC0:
            raise WrongPin(response.sw2 & 0x0F)
        raise CardError(f"VERIFY answered {response.sw:04X}")

    def sign(self, digest: bytes) -> bytes:
        if len(digest) != 32:
            raise ValueError("the card signs a 32-byte SHA-256 digest")
        response = self.send(apdu.command(0x00, 0x2A, 0x9E, 0x9A, digest, le=0))
        if response.sw == apdu.SW_SECURITY_NOT_SATISFIED:
            raise PinNotVerified()
        if response.sw != apdu.SW_OK:
            raise CardError(f"signature answered {response.sw:04X}")
        return response.data
