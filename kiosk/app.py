"""KioskApp: the thin shell. Global keys, idle timeout, card events (the link to the server:
kiosk/link.py).

Screens own their behaviour; the app only routes: a card in -> PIN pad; a card out, idle or
logout -> the session is wiped and the first screen returns.
"""

import contextlib
import os
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from devices.card.base import CardEvent, CardReader
from devices.payment.base import PaymentTerminal
from devices.printer.base import ReceiptPrinter
from devices.scanner.base import BarcodeScanner
from devices.speech.base import Speaker
from kiosk import i18n
from kiosk.api import ApiClient, ApiError
from kiosk.config import KioskSettings
from kiosk.fleet import FleetAgent
from kiosk.link import ServerLink
from kiosk.messages import CardChanged, Scanned
from kiosk.session import KioskSession
from screens.home import HomeScreen
from screens.speech import Narrator
from screens.themes import HIGH_CONTRAST

if TYPE_CHECKING:
    from kiosk.api.fleet import FleetConfig


def _stylesheets() -> list[Path]:
    """The shell's styles, then each service's own `.tcss` (a service brings its styles in
    its own package)."""
    screens = Path(__file__).parents[1] / "screens"
    return [Path(__file__).parent / "kiosk.tcss", *sorted(screens.rglob("*.tcss"))]


class KioskApp(ServerLink, App[None]):
    CSS_PATH = _stylesheets()
    TITLE = "Municipalidad de Miraflores"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("f1", "accessibility", show=False, priority=True),
        Binding("f2", "demo_card", show=False, priority=True),
        Binding("f3", "toggle_speech", show=False, priority=True),
        Binding("f4", "repeat_speech", show=False, priority=True),
        Binding("f5", "demo_scan", show=False, priority=True),
        Binding("ctrl+q", "quit_if_allowed", show=False, priority=True),
        Binding("ctrl+c", "quit_if_allowed", show=False, priority=True),
    ]

    server_online: reactive[bool] = reactive(True)
    site_name: reactive[str] = reactive("")
    language: reactive[str] = reactive("es")
    # The configuration the fleet sent (kiosk/fleet.py); None until the first one arrives.
    fleet_config: reactive["FleetConfig | None"] = reactive(None)

    def __init__(self, settings: KioskSettings, client: ApiClient, reader: CardReader,
                 printer: ReceiptPrinter, *, payment_terminal: PaymentTerminal | None = None,
                 speaker: Speaker | None = None, scanner: BarcodeScanner | None = None,
                 allow_quit: bool = False, start_workers: bool = True) -> None:
        super().__init__()
        self.settings, self.client, self.reader, self.printer = settings, client, reader, printer
        if payment_terminal is None:
            from devices.payment.none import NoTerminal

            payment_terminal = NoTerminal("none")
        self.payment_terminal = payment_terminal
        if speaker is None:
            from devices.speech.none import NoSpeaker

            speaker = NoSpeaker("none")
        self.speaker = speaker
        self.narrator = Narrator(self, speaker)
        if scanner is None:
            from devices.scanner.none import NoScanner

            scanner = NoScanner("none")
        self.scanner = scanner
        self.session = KioskSession()
        self.allow_quit = allow_quit or settings.demo or settings.terminal
        self.start_workers = start_workers
        self.last_error: str | None = None
        self._last_activity = monotonic()
        self._idle_open = False
        self._deferred_end: str | None = None
        self._awaiting_server: set = set()  # screens whose call failed while it was away
        self._witnessed: dict | None = None  # the audit checkpoint last checked and kept
        self.outbox = None  # kiosk/outbox.py: opened by the drain_outbox worker
        self.fleet = FleetAgent(self)
        self.register_theme(HIGH_CONTRAST)
        self.set_reactive(KioskApp.language, settings.lang)
        i18n.set_language(settings.lang)

    # -- start-up ----------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.apply_display(self.settings.theme, self.settings.large_text)
        if self.linux_console:
            self.add_class("-console")  # 16 colours, light borders, glyphs the font has
        self.reader.subscribe(lambda event: self.post_message(CardChanged(event)))
        # From the scanner's thread (or, simulated, this one): a message to the UI loop.
        self.scanner.start(lambda text: self.post_message(Scanned(text)))
        if self.settings.terminal:
            from screens.staff.login import StaffLoginScreen

            self.push_screen(StaffLoginScreen())
        else:
            self.push_screen(HomeScreen())
        self.set_interval(1.0, self._check_idle)
        self.set_interval(0.1, self.narrator.update)  # messages and data that arrive by themselves
        if self.start_workers:
            # After the pending mount work: the first screen comes before network and devices.
            self.call_later(self.start_reader)
            self.call_later(self.keep_connected)
            self.call_later(self.drain_outbox)

    @work(thread=True, exit_on_error=False, group="devices")
    def start_reader(self) -> None:
        self.reader.start()

    def open_printer(self, spec: str) -> ReceiptPrinter:
        """The printer SPEC names, for the fleet's configuration (kiosk/fleet.py): backends
        are picked here and in __main__ only. Opens a device or a socket: from a thread."""
        from devices.printer.spec import open_printer

        return open_printer(spec)

    # -- display -----------------------------------------------------------------------------
    @property
    def linux_console(self) -> bool:
        """Running on the Linux console (its font lacks many glyphs: kiosk/console.py)."""
        return os.environ.get("TERM") == "linux"

    def get_line_filters(self):
        filters = list(super().get_line_filters())
        if self.linux_console:
            from kiosk.console import ConsoleGlyphs

            filters.append(ConsoleGlyphs())
        return filters

    def apply_display(self, theme: str, large_text: bool) -> None:
        self.theme = "kiosk-high-contrast" if theme == "high-contrast" else "textual-dark"
        self.set_class(theme == "high-contrast", "-high-contrast")
        changed = large_text != self.settings.large_text
        self.set_class(large_text, "-large-text")
        self.settings.theme, self.settings.large_text = theme, large_text
        if changed:  # menus page again for the new line height
            for screen in self.screen_stack[:-1] if self.is_mounted else ():
                screen.refresh(recompose=True)

    @property
    def languages(self) -> list[str]:
        """The languages this kiosk offers (its configuration may leave out English)."""
        return (self.fleet_config and self.fleet_config.languages) or ["es", "en"]

    def set_language(self, lang: str) -> None:
        i18n.set_language(lang)
        self.language = lang
        for screen in self.screen_stack:
            screen.refresh(recompose=True)

    # -- activity and session end ---------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            self._last_activity = monotonic()
        await super().on_event(event)
        if isinstance(event, events.Key) and self.narrator.on:
            # What the key changed, once the screen has taken it.
            self.call_after_refresh(self.narrator.update, key=True)

    def touch(self) -> None:
        self._last_activity = monotonic()

    def _check_idle(self) -> None:
        if self._money_in_flight():
            self._last_activity = monotonic()  # nobody is asked "¿Sigue ahí?" mid-payment
        if not self.session.active or self._idle_open:
            return
        # A resident listening needs longer: the time doubles (a setting) with speech on.
        factor = self.settings.speech_idle_factor if self.narrator.on else 1.0
        if monotonic() - self._last_activity >= self.settings.idle_seconds * factor:
            from screens.dialogs.idle_warning import IdleWarning

            self._idle_open = True
            seconds = round(self.settings.idle_warning_seconds * factor)
            self.push_screen(IdleWarning(seconds), self._after_idle)

    def _after_idle(self, keep: bool | None) -> None:
        self._idle_open = False
        if keep:
            self.touch()
        else:
            self.end_session("idle")

    def _money_in_flight(self) -> bool:
        """A screen is recording money already taken (a card approved, not yet on record)."""
        return any(getattr(screen, "registering", False) for screen in self.screen_stack)

    def payment_settled(self) -> None:
        """Called when money in flight is on record: an end asked for meanwhile happens now."""
        reason, self._deferred_end = self._deferred_end, None
        if reason is not None:
            self.end_session(reason)

    def end_session(self, reason: str) -> None:
        """Wipe everything of the person served and return to the first screen.

        While money is in flight (card pulled out, idle, logout), the end waits for it to be
        recorded: the session is what records it, and a wipe would lose the payment.
        """
        if self._money_in_flight():
            self._deferred_end = reason
            return
        self._deferred_end = None
        token = self.client.session_token
        self.narrator.end()  # silence at once; speech is off for the next person
        self.session.wipe()
        self.client.session_token = None
        self._idle_open = False
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if token:
            self._logout_on_server(token, reason)

    @work(exit_on_error=False, group="logout")
    async def _logout_on_server(self, token: str, reason: str) -> None:
        with contextlib.suppress(ApiError):  # else the server ends it at its expiry
            await self.client.auth.logout(reason, token=token)

    @on(Scanned)
    def scanned(self, message: Scanned) -> None:
        """A scanned receipt goes to the screen showing, if it reads codes (verify, reprint,
        check my vote); elsewhere the resident is told where it is read."""
        from kiosk.scans import parse

        self._last_activity = monotonic()
        screen = self.screen
        handler = getattr(screen, "code_scanned", None)
        if handler is not None:
            handler(parse(message.text))
        elif hasattr(screen, "status"):
            screen.status(i18n._("Para leer un comprobante con el lector, elija «Verificar un "
                                 "comprobante» o «Verificar mi voto»."))

    @on(CardChanged)
    def card_changed(self, message: CardChanged) -> None:
        from screens.login.pin_pad import PinPadScreen

        if message.event == CardEvent.REMOVED:
            if self.session.active and self.session.info.method == "card":
                self.end_session("card_removed")
            elif isinstance(self.screen, PinPadScreen):
                self.screen.dismiss(None)
        elif not self.settings.terminal and not self.session.active and not isinstance(
            self.screen, PinPadScreen
        ):
            self.touch()
            self.push_screen(PinPadScreen(), self._after_card_login)

    def _after_card_login(self, info) -> None:
        if info is not None:
            self.begin_resident_session(info)

    def begin_resident_session(self, info) -> None:
        from screens.resident.menu import ResidentMenuScreen

        self.session.begin(info)
        self.touch()
        self.push_screen(ResidentMenuScreen())

    # -- global keys ---------------------------------------------------------------------------
    def action_accessibility(self) -> None:
        from screens.dialogs.accessibility import AccessibilityDialog

        if not isinstance(self.screen, AccessibilityDialog):
            self.push_screen(AccessibilityDialog())

    @property
    def speech_on(self) -> bool:
        return self.narrator.on

    def say(self, text: str) -> None:
        """Read `text` aloud next, when speech is on (before the next screen's reading)."""
        self.narrator.announce(text)

    def action_toggle_speech(self) -> None:
        shown = self.narrator.toggle()
        status = getattr(self.screen, "status", None)
        if callable(status):
            status(shown)
        else:
            self.notify(shown, timeout=4)
        if self.narrator.on:
            self.narrator.read_all(prefix=shown)

    def action_repeat_speech(self) -> None:
        self.narrator.repeat()

    def action_demo_card(self) -> None:
        from screens.dialogs.demo_card import DemoCardDialog

        # Demo cards are for a kiosk's reader; a staff terminal serves residents by DNI.
        if (self.reader.backend == "simulated" and not self.settings.terminal
                and not isinstance(self.screen, DemoCardDialog)):
            self.push_screen(DemoCardDialog(self.settings.demo_cards_dir))

    def action_demo_scan(self) -> None:
        """Demo: hold the last printed receipt to the SIMULATED scanner."""
        scan_last = getattr(self.scanner, "scan_last_printed", None)
        if not self.settings.demo or scan_last is None:
            return
        if not scan_last():
            self.notify(i18n._("Lector SIMULADO: aún no se imprimió ningún comprobante."),
                        timeout=5)

    def action_quit_if_allowed(self) -> None:
        if self.allow_quit:
            self.exit()
