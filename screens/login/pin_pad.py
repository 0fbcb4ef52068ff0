"""PIN pad after a card is inserted: masked entry, tries left, then the card login.

The card verifies the PIN itself; then the server's challenge is signed by the card and
the server opens the session. Card work runs on a thread, HTTP in the async worker.
"""

import asyncio
import base64

from textual import events, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from devices.card.errors import CardError, PinBlocked, WrongPin
from kiosk.api import ApiError, ServerUnavailable
from kiosk.api.auth import SessionInfo
from kiosk.i18n import _, language, ngettext
from screens.shell import UsesShell

PIN_LENGTH = 6


def localised(error: ApiError | CardError) -> str:
    return error.text(language())


class PinPadScreen(UsesShell, ModalScreen[SessionInfo | None]):
    def __init__(self) -> None:
        super().__init__()
        self.pin = ""
        self.reading = True  # digits may be typed meanwhile; Enter waits for the card
        self.busy = False  # verifying: keys are ignored
        self.blocked = False

    def compose(self) -> ComposeResult:
        with Vertical(id="pin-dialog", classes="dialog"):
            yield Static(_("Leyendo su tarjeta…"), id="pin-holder")
            yield Static(_("Ingrese su PIN de 6 dígitos"), id="pin-title", classes="title")
            yield Static(self._mask(), id="pin-mask")
            yield Static("", id="pin-tries")
            yield Static("", id="pin-status", classes="status")
            yield Static(_("Enter: Aceptar   ←: Borrar   Esc: Cancelar"), id="pin-hint",
                         classes="hint")

    def spoken(self) -> list[str]:
        """Never the digits: how many are in."""
        texts = [self.query_one(f"#{name}", Static).render() for name in
                 ("pin-holder", "pin-title")]
        lines = [str(t) for t in texts]
        if self.pin:
            lines.append(ngettext("{n} dígito de 6", "{n} dígitos de 6",
                                  len(self.pin)).format(n=len(self.pin)))
        lines += [str(self.query_one(f"#{name}", Static).render())
                  for name in ("pin-tries", "pin-status", "pin-hint")]
        return lines

    def _mask(self) -> str:
        return " ".join("*" if i < len(self.pin) else "_" for i in range(PIN_LENGTH))

    def on_mount(self) -> None:
        self.read_card()

    def _set(self, widget_id: str, text: str) -> None:
        self.query_one(f"#{widget_id}", Static).update(text)

    @work(exit_on_error=False, exclusive=True, group="card")
    async def read_card(self) -> None:
        reader = self.shell.reader
        try:
            identity = await asyncio.to_thread(reader.read_identity)
            status = await asyncio.to_thread(reader.pin_status)
        except CardError as exc:
            self._set("pin-holder", localised(exc))
            return
        self._set("pin-holder", _("Hola, {name}").format(name=identity.full_name))
        if status.blocked:
            self._block()
        else:
            self._set("pin-tries", _("Intentos disponibles: {n}").format(n=status.tries_left))
        self.reading = False

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.shell.touch()
        if event.key == "escape":
            self.dismiss(None)
            return
        if self.busy or self.blocked:
            return
        if event.character and event.character.isdigit() and len(self.pin) < PIN_LENGTH:
            self.pin += event.character
        elif event.key in ("backspace", "left"):  # the keypad's ← is "Borrar"
            self.pin = self.pin[:-1]
        elif event.key == "enter":
            if self.reading:
                self._set("pin-status", _("Un momento, leyendo su tarjeta…"))
            elif len(self.pin) == PIN_LENGTH:
                self.login(self.pin)
            else:
                self._set("pin-status", _("El PIN tiene 6 dígitos."))
        self._set("pin-mask", self._mask())

    @work(exit_on_error=False, exclusive=True, group="card")
    async def login(self, pin: str) -> None:
        self.busy = True
        self._set("pin-status", _("Verificando…"))
        reader, client = self.shell.reader, self.shell.client
        try:
            await asyncio.to_thread(reader.verify_pin, pin)
            challenge = await client.auth.card_challenge()
            certificate = await asyncio.to_thread(reader.read_certificate)
            signature = await asyncio.to_thread(reader.sign, base64.b64decode(challenge.to_sign))
            info = await client.auth.card_login(challenge_id=challenge.challenge_id,
                                                certificate=certificate, signature=signature)
        except WrongPin as exc:
            if exc.tries_left <= 0:
                self._block()
                return
            self._set("pin-tries", _("Intentos disponibles: {n}").format(n=exc.tries_left))
            self._fail(ngettext("PIN incorrecto. Le queda {n} intento.",
                                "PIN incorrecto. Le quedan {n} intentos.",
                                exc.tries_left).format(n=exc.tries_left))
            return
        except PinBlocked:
            self._block()
            return
        except ServerUnavailable as exc:
            self.shell.report_unavailable()
            self._fail(localised(exc))
            return
        except (CardError, ApiError) as exc:
            self._fail(localised(exc))
            return
        self.dismiss(info)

    def _block(self) -> None:
        """The card is blocked: no more digits, no tries count, and what to do instead."""
        self.blocked, self.pin, self.busy = True, "", False
        self._set("pin-mask", self._mask())
        self._set("pin-tries", "")
        self._set("pin-status", localised(PinBlocked()) + " " + _("Retire su tarjeta."))
        self.query_one("#pin-hint", Static).update(_("Esc: Volver"))

    def _fail(self, message: str) -> None:
        self.pin = ""
        self._set("pin-mask", self._mask())
        self._set("pin-status", message)
        self.busy = False
