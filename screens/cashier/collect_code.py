"""Collect a payment code at the cashier, in cash: look it up, take the money, print; or
cancel an unpaid code so its debts can be paid another way."""

import uuid
from decimal import Decimal

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.api.payments import PaymentCode
from kiosk.clock import lima
from kiosk.i18n import _
from kiosk.money import soles
from screens.base import KioskScreen
from screens.calls import call_server
from screens.widgets.amount_input import AmountInput
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class CollectCodeScreen(KioskScreen):
    def __init__(self) -> None:
        super().__init__()
        self.code: PaymentCode | None = None
        self.key = str(uuid.uuid4())

    def heading(self) -> str:
        return _("Cobrar un código de pago")

    def body(self) -> ComposeResult:
        yield Static(_("Código de pago (9 dígitos), y Enter"))
        yield Input(id="code", max_length=9, restrict=r"[0-9]*")
        yield Static("", id="code-summary")
        yield NumberedMenu([], back=back_option(), id="code-menu")
        yield Static(_("Monto recibido (S/), Enter; Enter otra vez para confirmar"),
                     id="tendered-label", classes="hidden")
        yield AmountInput(id="tendered", say=self._change, classes="hidden")

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
        self.status("" if code.status == "pending" else
                    _("Este código no se puede cobrar: está {state}.").format(state=state))
        menu = self.query_one("#code-menu", NumberedMenu)
        await menu.show([Option("cash", _("Cobrar en efectivo")),
                         Option("cancel", _("Anular este código"))]
                        if code.status == "pending" else [])
        menu.focus_first()

    @on(NumberedMenu.Chosen, "#code-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "cash":
            for ident in ("#tendered-label", "#tendered"):
                self.query_one(ident).remove_class("hidden")
            self.query_one("#tendered", AmountInput).focus()
            return
        from screens.dialogs.confirm import ConfirmDialog

        self.app.push_screen(ConfirmDialog(
            _("Anular el código de pago {code}").format(code=self.code.code),
            _("Ya no podrá pagarse en el banco y las deudas de {name} quedan libres para "
              "pagarlas de otra forma.").format(name=self.code.holder_name),
            _("Sí, anular el código")), lambda yes: self.cancel() if yes else None)

    def _change(self, tendered: Decimal) -> str | None:
        if self.code is None:
            return None
        if tendered < self.code.amount:
            self.status(_("{tendered} no cubre el total de {total}.").format(
                tendered=soles(tendered), total=soles(self.code.amount)))
            return None
        return _("Vuelto: {change}.").format(change=soles(tendered - self.code.amount))

    @on(AmountInput.Confirmed)
    def confirmed(self, event: AmountInput.Confirmed) -> None:
        self.collect(event.amount)

    @work(exit_on_error=False, exclusive=True, group="collect")
    async def collect(self, tendered: Decimal) -> None:
        from screens.documents.receipt import ReceiptScreen

        payment = await call_server(self.app, self.shell.client.payments.collect_code(
            self.code.code, method="cash", tendered=tendered, idempotency_key=self.key),
            self.status)
        if payment is not None:
            self.app.switch_screen(ReceiptScreen(payment.document, callout=_(
                "Entregue el vuelto: {change}").format(change=soles(payment.change or 0))))

    @work(exit_on_error=False, exclusive=True, group="collect")
    async def cancel(self) -> None:
        cancelled = await call_server(
            self.app, self.shell.client.payments.cancel_code(self.code.code), self.status)
        if cancelled is not None:
            self.status(_("Código {code} anulado: sus deudas se pueden pagar de otra forma.")
                        .format(code=cancelled.code))
            await self.query_one("#code-menu", NumberedMenu).show([])
