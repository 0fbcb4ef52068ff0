"""A screen that asks for a verification code and acts on it: the code as printed
(XXXX-XXXX-XXXX) or its digits-only form (21 digits, typeable on the keypad alone)."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.i18n import _
from kiosk.scans import Scanned
from screens.base import KioskScreen
from screens.widgets.scanner_hint import scanner_hint

DIGITS = 21  # the digits-only form: 19 digits and 2 check digits


class CodeEntryScreen(KioskScreen):
    def body(self) -> ComposeResult:
        yield Static(_("Escriba el código impreso en el comprobante (por ejemplo "
                       "7K2Q-9XWD-4HPA) o, con el teclado numérico, sus 21 dígitos "
                       "(«En el teclado»), y pulse Enter."), classes="lead")
        if (hint := scanner_hint(self.shell.scanner)) is not None:
            yield hint
        yield Input(id="code", max_length=30, placeholder="XXXX-XXXX-XXXX")
        yield Static("", id="code-result", classes="card")

    def on_mount(self) -> None:
        self.query_one("#code", Input).focus()


    @on(Input.Submitted, "#code")
    def submitted(self, event: Input.Submitted) -> None:
        code = event.value.strip().upper().replace(" ", "")
        bare = code.replace("-", "")
        if bare.isdigit() and len(bare) == DIGITS:
            self.act(bare)
            return
        if len(bare) != 12:
            self.status(_("El código tiene 12 letras o números, o 21 dígitos. Revíselo e "
                          "inténtelo otra vez."))
            return
        self.act(code)

    def code_scanned(self, scanned: Scanned) -> None:
        """A receipt held to the scanner: its code, as if typed."""
        if scanned.kind != "document":
            self.status(_("Ese código no es de un comprobante: para una constancia de voto "
                          "elija «Verificar mi voto».") if scanned.kind == "tracker" else
                        _("El lector no reconoce ese código como un comprobante."))
            return
        self.query_one("#code", Input).value = scanned.code
        self.act(scanned.code)

    def act(self, code: str) -> None:
        raise NotImplementedError
