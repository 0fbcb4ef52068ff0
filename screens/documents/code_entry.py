"""A screen that asks for a verification code (XXXX-XXXX-XXXX) and acts on it."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.i18n import _
from screens.base import KioskScreen


class CodeEntryScreen(KioskScreen):
    def body(self) -> ComposeResult:
        yield Static(_("Escriba el código impreso en el comprobante (por ejemplo "
                       "7K2Q-9XWD-4HPA) y pulse Enter."), classes="lead")
        yield Input(id="code", max_length=14, placeholder="XXXX-XXXX-XXXX")
        yield Static("", id="code-result", classes="card")

    def on_mount(self) -> None:
        self.query_one("#code", Input).focus()


    @on(Input.Submitted, "#code")
    def submitted(self, event: Input.Submitted) -> None:
        code = event.value.strip().upper()
        if len(code.replace("-", "")) != 12:
            self.status(_("El código tiene 12 letras o números. Revíselo e inténtelo otra vez."))
            return
        self.act(code)

    def act(self, code: str) -> None:
        raise NotImplementedError
