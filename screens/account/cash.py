"""Step 3 in cash, at the cashier's terminal: the amount received and the change."""

import uuid
from decimal import Decimal

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.i18n import _
from kiosk.money import AmountError, parse_soles, soles
from screens.account.finish import show_receipt
from screens.account.steps import step
from screens.base import KioskScreen
from screens.calls import call_server


class CashPaymentScreen(KioskScreen):
    def __init__(self, debt_ids: list[int], amount: Decimal) -> None:
        super().__init__()
        self.debt_ids, self.amount = debt_ids, amount
        self.key = str(uuid.uuid4())

    def heading(self) -> str:
        return _("Cobro en efectivo")

    def body(self) -> ComposeResult:
        yield Static(step(3, _("cobre en efectivo")), id="step", classes="step")
        yield Static(_("Total a cobrar: [b]{amount}[/b]").format(amount=soles(self.amount)),
                     classes="callout")
        yield Static(_("Monto recibido (S/)"))
        yield Input(id="tendered", max_length=12, restrict=r"[0-9.,]*")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        try:
            tendered = parse_soles(event.value)
        except AmountError as exc:
            self.status(exc.text())
            return
        if tendered < self.amount:
            self.status(_("El monto recibido no cubre el total."))
        else:
            self.collect(tendered)

    @work(exit_on_error=False, exclusive=True, group="cash")
    async def collect(self, tendered: Decimal) -> None:
        self.status(_("Registrando el cobro…"))
        payment = await call_server(self.app, self.shell.client.payments.pay(
            debt_ids=self.debt_ids, method="cash", amount=self.amount, tendered=tendered,
            idempotency_key=self.key), self.status)
        if payment is not None:
            show_receipt(self.app, payment.document)
