"""Anular un recibo: its number, the reason, and a supervisor's user and password."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.i18n import _
from kiosk.money import soles
from screens.base import KioskScreen
from screens.calls import call_server

FIELDS = ("receipt", "reason", "supervisor", "password")


class VoidScreen(KioskScreen):
    def heading(self) -> str:
        return _("Anular un recibo")

    def body(self) -> ComposeResult:
        yield Static(_("La anulación devuelve la deuda al vecino y queda registrada. Nada se "
                       "borra."), classes="lead")
        yield Static(_("Número de recibo (p. ej. RP-PM-2026-000123)"))
        yield Input(id="receipt", max_length=40)
        yield Static(_("Motivo"))
        yield Input(id="reason", max_length=240)
        yield Static(_("Usuario del supervisor"))
        yield Input(id="supervisor", max_length=64)
        yield Static(_("Contraseña del supervisor"))
        yield Input(id="password", password=True, max_length=200)

    def on_mount(self) -> None:
        self.query_one("#receipt", Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        values = {name: self.query_one(f"#{name}", Input).value.strip() for name in FIELDS}
        missing = next((name for name in FIELDS if not values[name]), None)
        if missing is not None:
            self.query_one(f"#{missing}", Input).focus()
            return
        if len(values["reason"]) < 5:
            self.status(_("Explique el motivo."))
            self.query_one("#reason", Input).focus()
            return
        self.void(values)

    @work(exit_on_error=False, exclusive=True, group="void")
    async def void(self, values: dict[str, str]) -> None:
        from screens.documents.receipt import ReceiptScreen

        payment = await call_server(self.app, self.shell.client.payments.void(
            values["receipt"], reason=values["reason"], supervisor=values["supervisor"],
            supervisor_password=values["password"]), self.status)
        self.query_one("#password", Input).value = ""
        if payment is not None:
            self.app.switch_screen(ReceiptScreen(payment.document, callout=_(
                "Recibo {number} ANULADO: {amount} vuelven a la deuda del vecino.").format(
                    number=payment.receipt_number, amount=soles(payment.amount))))
