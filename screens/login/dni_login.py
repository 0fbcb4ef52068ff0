"""Card-less identification: DNI and the municipal PIN (same lockout rules on the server)."""

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from kiosk.api.auth import SessionInfo
from kiosk.i18n import _
from screens.calls import call_server
from screens.shell import UsesShell


class DniLoginScreen(UsesShell, ModalScreen[SessionInfo | None]):
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def compose(self) -> ComposeResult:
        with Vertical(id="dni-dialog", classes="dialog"):
            yield Static(_("Identificarse con DNI y PIN municipal"), classes="title")
            yield Static(_("Número de DNI (8 dígitos)"))
            yield Input(id="dni", max_length=8, restrict=r"[0-9]*")
            yield Static(_("PIN municipal (6 dígitos)"))
            yield Input(id="pin", max_length=6, restrict=r"[0-9]*", password=True)
            yield Static("", id="dni-status", classes="status")
            yield Static(_("Enter: Aceptar   Esc: Cancelar"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#dni", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _status(self, text: str) -> None:
        self.query_one("#dni-status", Static).update(text)

    @on(Input.Submitted, "#dni")
    def next_field(self) -> None:
        if len(self.query_one("#dni", Input).value) != 8:
            self._status(_("El DNI debe tener 8 dígitos. Revíselo en su documento."))
            return
        self.query_one("#pin", Input).focus()

    @on(Input.Submitted, "#pin")
    def submit(self) -> None:
        dni = self.query_one("#dni", Input).value
        pin = self.query_one("#pin", Input).value
        if len(dni) != 8:
            self._status(_("El DNI debe tener 8 dígitos. Revíselo en su documento."))
            self.query_one("#dni", Input).focus()
        elif len(pin) != 6:
            self._status(_("El PIN tiene 6 dígitos."))
        else:
            self.login(dni, pin)

    @work(exit_on_error=False, exclusive=True, group="login")
    async def login(self, dni: str, pin: str) -> None:
        self._status(_("Verificando…"))
        info = await call_server(self.app, self.shell.client.auth.pin_login(dni=dni, pin=pin),
                                 self._status)
        if info is None:
            if self.shell.server_online:  # refused: type it again; offline: Enter retries
                self.query_one("#pin", Input).value = ""
            return
        self.dismiss(info)
