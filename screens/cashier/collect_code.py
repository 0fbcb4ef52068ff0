"""Collect a payment code at the cashier, in cash: look it up, take the money, print."""

import uuid

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.api.payments import PaymentCode
from kiosk.clock import lima
from kiosk.i18n import _
from kiosk.money import AmountError, parse_soles, soles
from screens.base import KioskScreen
from screens.calls import call_server


class CollectCodeScreen(KioskScreen):
    def __init__(self) -> None:
        super().__init__()
        self.code: PaymentCode | None = None
        self.key = str(uuid.uuid4())

    def heading(self) -> str:
        return _("Cobrar un código de pago")

    def body(self) -> ComposeResult:
        yield Static(_("Código de pago (9 dígitos)"))
        yield Input(id="code", max_length=9, restrict=r"[0-9]*")
        yield Static("", id="code-summary")
        yield Static(_("Monto recibido (S/)"))
        yield Input(id="tendered", max_length=12, restrict=r"[0-9.,]*")

    def on_mount(self) -> None:
        self.query_one("#code", Input).focus()


    @on(Input.Submitted, "#code")
    def code_entered(self, event: Input.Submitted) -> None:
        self.look_up(event.value)

    @work(exit_on_error=False, exclusive=True, group="code")
    async def look_up(self, number: str) -> None:
        code = await call_server(self.app, self.shell.client.payments.code(number), self.status)
        if code is None:
            return
        self.code = code
        state = {"pending": _("pendiente"), "paid": _("PAGADO"), "expired": _("VENCIDO"),
                 "cancelled": _("ANULADO")}.get(code.status, code.status)
        self.query_one("#code-summary", Static).update(
            _("{name} · {amount} · {state} · vence {expires}").format(
                name=code.holder_name, amount=soles(code.amount), state=state,
                expires=lima(code.expires_at).strftime("%d/%m/%Y %H:%M")))
        self.status("")
        self.query_one("#tendered", Input).focus()

    @on(Input.Submitted, "#tendered")
    def tendered_entered(self, event: Input.Submitted) -> None:
        if self.code is None:
            self.status(_("Primero busque el código."))
            return
        try:
            tendered = parse_soles(event.value)
        except AmountError as exc:
            self.status(exc.text())
            return
        if tendered < self.code.amount:
            self.status(_("El monto recibido no cubre el total."))
        else:
            self.collect(tendered)

    @work(exit_on_error=False, exclusive=True, group="collect")
    async def collect(self, tendered) -> None:
        from screens.documents.receipt import ReceiptScreen

        payment = await call_server(self.app, self.shell.client.payments.collect_code(
            self.code.code, method="cash", tendered=tendered, idempotency_key=self.key),
            self.status)
        if payment is not None:
            self.app.switch_screen(ReceiptScreen(payment.document))
