"""Ask for another payment date, to see the interest the debts will have by then."""

from datetime import date, datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from kiosk.clock import today
from kiosk.i18n import _


class AsOfDialog(ModalScreen[date | None]):
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("¿Qué día piensa pagar?"), classes="title")
            yield Static(_("Escriba la fecha como DDMMAAAA, por ejemplo 31122026."))
            yield Input(id="as-of", max_length=8, restrict=r"[0-9]*")
            yield Static("", id="as-of-status", classes="status")
            yield Static(_("Enter: calcular   Esc: volver"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        try:
            chosen = datetime.strptime(event.value, "%d%m%Y").date()
        except ValueError:
            self.query_one("#as-of-status", Static).update(
                _("Fecha no válida. Use 8 dígitos: día, mes y año."))
            return
        if chosen < today():
            self.query_one("#as-of-status", Static).update(
                _("La fecha de pago no puede ser anterior a hoy."))
            return
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
