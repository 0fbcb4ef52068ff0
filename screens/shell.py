"""What a screen may ask of the application around it, typed.

Screens never reach into the app object directly (`self.shell.client`…): they use
`self.shell`, which is this protocol. The app (`kiosk.app.KioskApp`) implements it; tests may
give any object that does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from devices.card.base import CardReader
    from devices.payment.base import PaymentTerminal
    from devices.printer.base import ReceiptPrinter
    from devices.scanner.base import BarcodeScanner
    from kiosk.api import ApiClient
    from kiosk.api.auth import SessionInfo
    from kiosk.api.fleet import FleetConfig
    from kiosk.config import KioskSettings
    from kiosk.outbox import Outbox
    from kiosk.session import KioskSession


class Shell(Protocol):
    client: ApiClient
    session: KioskSession
    settings: KioskSettings
    reader: CardReader
    printer: ReceiptPrinter
    payment_terminal: PaymentTerminal
    scanner: BarcodeScanner
    server_online: bool
    last_error: str | None
    speech_on: bool  # the person turned speech on (F3): screens may offer to read more
    fleet_config: FleetConfig | None  # what the administrator set for this kiosk, if anything
    languages: list[str]  # the languages offered here, the default first

    def say(self, text: str) -> None:
        """Read `text` aloud next when speech is on (before the next screen's reading: a
        result a screen shows as it closes); else nothing."""

    def begin_resident_session(self, info: SessionInfo) -> None:
        """A resident identified themselves: open their menu."""

    def end_session(self, reason: str) -> None:
        """Wipe the person served and return to the first screen (waits for money in
        flight to be recorded)."""

    def report_unavailable(self) -> None:
        """A call found the server away: show the banner and keep retrying."""

    def payment_settled(self) -> None:
        """Money taken is now on record: a session end asked for meanwhile happens now."""

    def touch(self) -> None:
        """The person is still there (resets the idle timer)."""

    def open_outbox(self) -> Outbox:
        """The device's outbox (kiosk/outbox.py), opened on first use: call from a thread."""

    def action_accessibility(self) -> None:
        """Open help, language and display settings."""

    def action_toggle_speech(self) -> None:
        """Speech on or off (F3), said and shown."""


class UsesShell:
    """Gives a screen, dialog or widget its typed `shell` (the running app)."""

    app: object

    @property
    def shell(self) -> Shell:
        return cast("Shell", self.app)
