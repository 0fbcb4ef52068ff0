"""Step 3 in cash, at the cashier's terminal: the amount received and the change."""

import uuid
from decimal import Decimal

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _
from kiosk.money import soles
from screens.account.finish import show_receipt
from screens.account.steps import step
from screens.base import KioskScreen
from screens.calls import call_server
from screens.widgets.amount_input import AmountInput


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
        yield Static(_("Monto recibido (S/), Enter; Enter otra vez para confirmar"))
        yield AmountInput(id="tendered", say=self._change)

    def on_mount(self) -> None:
        self.query_one(AmountInput).focus()

    def _change(self, tendered: Decimal) -> str | None:
        if tendered < self.amount:
            self.status(_("{tendered} no cubre el total de {total}.").format(
                tendered=soles(tendered), total=soles(self.amount)))
            return None
        return _("Vuelto: {change}.").format(change=soles(tendered - self.amount))

    @on(AmountInput.Confirmed)
    def confirmed(self, event: AmountInput.Confirmed) -> None:
        self.collect(event.amount)

    @work(exit_on_error=False, exclusive=True, group="cash")
    async def collect(self, tendered: Decimal) -> None:
        self.status(_("Registrando el cobro…"))
        payment = await call_server(self.app, self.shell.client.payments.pay(
            debt_ids=self.debt_ids, method="cash", amount=self.amount, tendered=tendered,
            idempotency_key=self.key), self.status)
        if payment is not None:
            show_receipt(self.app, payment.document, callout=_(
                "Entregue el vuelto: {change}").format(change=soles(payment.change or 0)))
