"""At any kiosk, without login: is my tracker on the board, and is it the vote that counts?"""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.i18n import _, language
from kiosk.scans import Scanned
from screens.base import KioskScreen
from screens.calls import call_server
from screens.elections.current import pick
from screens.widgets.scanner_hint import scanner_hint

DIGITS = 33  # the digits-only form: 31 digits and 2 check digits


class TrackerCheckScreen(KioskScreen):
    def heading(self) -> str:
        return _("Verificar mi voto")

    def body(self) -> ComposeResult:
        yield Static(_("Escriba el código de seguimiento de su constancia de voto (5 grupos "
                       "de 4 letras o números) o, con el teclado numérico, sus 33 dígitos "
                       "(«En el teclado»), y pulse Enter."), classes="lead")
        if (hint := scanner_hint(self.shell.scanner)) is not None:
            yield hint
        yield Input(id="tracker", max_length=48, placeholder="XXXX-XXXX-XXXX-XXXX-XXXX")
        yield Static("", id="tracker-result", classes="card")

    def on_mount(self) -> None:
        self.query_one("#tracker", Input).focus()

    @on(Input.Submitted, "#tracker")
    def submitted(self, event: Input.Submitted) -> None:
        code = "".join(ch for ch in event.value.upper() if ch.isalnum())
        if len(code) != 20 and not (code.isdigit() and len(code) == DIGITS):
            self.query_one("#tracker-result", Static).update(
                _("El código tiene 20 letras o números, o 33 dígitos. Revíselo e inténtelo "
                  "otra vez."))
            return
        self.lookup(code)

    def code_scanned(self, scanned: Scanned) -> None:
        """A vote receipt or tracker slip held to the scanner: its tracker, as if typed."""
        if scanned.kind != "tracker":
            self.query_one("#tracker-result", Static).update(
                _("Ese código no es de una constancia de voto: para un comprobante elija "
                  "«Verificar un comprobante».") if scanned.kind == "document" else
                _("El lector no reconoce ese código como una constancia de voto."))
            return
        self.query_one("#tracker", Input).value = scanned.code
        self.lookup(scanned.code, scanned.election_id)

    @work(exit_on_error=False, exclusive=True, group="tracker")
    async def lookup(self, code: str, election_id: int | None = None) -> None:
        result = self.query_one("#tracker-result", Static)
        result.update(_("Consultando…"))
        elections = await call_server(self.app, self.shell.client.elections.all(), result.update)
        election = next((e for e in elections or [] if e.id == election_id), None) or pick(
            elections or [])
        if election is None:
            if elections is not None:
                result.update(_("No hay elecciones vecinales convocadas por ahora."))
            return
        status = await call_server(self.app, self.shell.client.elections.tracker(election.id, code),
                                   result.update)
        if status is None:
            return
        head = "[b]" + (_("ENCONTRADO") if status.found else _("NO ENCONTRADO")) + "[/b]"
        lines = [head, status.message(language())]
        if status.position:
            lines.append(_("Posición en el tablero: {n}").format(n=status.position))
        result.update("\n".join(lines))
