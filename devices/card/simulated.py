"""SIMULATED card reader, in-process: for the demo (F2 inserts a demo card) and quick tests.

It serves the same VirtualCard the vpcd emulator serves, so the applet code path is the real
one; only PC/SC is left out.
"""

from typing import TYPE_CHECKING

from devices.card.base import CardEvent, CardReader
from devices.card.errors import NoCard

if TYPE_CHECKING:
    from devices.card import apdu
    from devices.card.emulator import VirtualCard


class SimulatedReader(CardReader):
    backend = "simulated"
    name = "Lector simulado / simulated reader"

    def __init__(self) -> None:
        super().__init__()
        self.card: VirtualCard | None = None

    def start(self) -> None:
        if self.card is not None:
            self._notify(CardEvent.INSERTED)

    def stop(self) -> None:
        pass

    def insert(self, card: "VirtualCard") -> None:
        if self.card is not None:
            self.remove()
        card.reset()
        self.card = card
        self._notify(CardEvent.INSERTED)

    def remove(self) -> None:
        if self.card is None:
            return
        self.card = None
        self._notify(CardEvent.REMOVED)

    def transmit(self, command: bytes) -> "apdu.Response":
        if self.card is None:
            raise NoCard()
        from devices.card import apdu

        return apdu.Response.from_bytes(self.card.process(command))

    def status(self) -> str:
        return "ok"

    def card_present(self) -> bool:
        return self.card is not None
