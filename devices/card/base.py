"""The card reader every backend implements: a few primitives, the rest shared here.

Backends implement `start`, `stop`, `transmit` and `status`, and call `_notify` when a card
comes or goes. Listeners are called on the backend's own thread: a UI must forward them
(Textual: `post_message`).
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the applet and its APDUs load with the first card, not at the kiosk's start
    from devices.card import apdu
    from devices.card.applet import CardIdentity, IdApplet, PinStatus


class CardEvent(StrEnum):
    INSERTED = "inserted"
    REMOVED = "removed"


Listener = Callable[[CardEvent], None]


class CardReader(ABC):
    backend = "base"

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._io = threading.RLock()  # one APDU exchange at a time

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _notify(self, event: CardEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    @abstractmethod
    def start(self) -> None:
        """Begin watching for cards (insertions are reported, also of a card already in)."""

    @abstractmethod
    def stop(self) -> None: ...

    @abstractmethod
    def transmit(self, command: bytes) -> apdu.Response:
        """Send one APDU to the card in the reader."""

    @abstractmethod
    def status(self) -> str:
        """"ok", "no_reader" or "unavailable" (for the heartbeat and the staff screen)."""

    @abstractmethod
    def card_present(self) -> bool: ...

    def _applet(self) -> IdApplet:
        from devices.card.applet import IdApplet

        applet = IdApplet(self.transmit)
        applet.select()
        return applet

    def read_identity(self) -> CardIdentity:
        with self._io:
            return self._applet().read_identity()

    def read_certificate(self) -> bytes:
        with self._io:
            return self._applet().read_certificate()

    def pin_status(self) -> PinStatus:
        with self._io:
            return self._applet().pin_status()

    def verify_pin(self, pin: str) -> None:
        with self._io:
            self._applet().verify_pin(pin)

    def sign(self, digest: bytes) -> bytes:
        with self._io:
            return self._applet().sign(digest)
