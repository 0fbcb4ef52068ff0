"""Step 2: the total for today and how to pay it (card, payment code, or cash at the cashier)."""

import uuid

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.api.accounts import Quote
from kiosk.i18n import _, ngettext
from kiosk.money import soles
from screens import offline
from screens.account.finish import show_receipt
from screens.account.steps import step
from screens.base import KioskScreen
from screens.calls import call_server
from screens.payments.card import CardPaymentScreen, Charge
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class PaymentMethodScreen(KioskScreen):
    def __init__(self, debt_ids: list[int]) -> None:
        super().__init__()
        self.debt_ids = debt_ids
        self.quote: Quote | None = None
        self._code_key: str | None = None

    def heading(self) -> str:
        return _("Pagar")

    def body(self) -> ComposeResult:
        yield Static(step(2, _("forma de pago")), id="step", classes="step")
        yield Static(_("Calculando el total a hoy…"), id="pay-summary", classes="card")
        options = []
        if getattr(self.shell.payment_terminal, "backend", "none") != "none":
            options.append(Option("card", _("Tarjeta de débito o crédito (terminal del quiosco)")))
        options.append(Option("code", _("Código de pago: pague en un banco, agente o en caja")))
        if self.shell.settings.terminal:
            options.append(Option("cash", _("Efectivo (caja)")))
        yield NumberedMenu(options, back=back_option(_("Volver al estado de cuenta")),
                           id="pay-menu")

    def on_mount(self) -> None:
        self.load_quote()

    def reload(self) -> None:
        if self.quote is None:
            self.load_quote()

    @work(exit_on_error=False, exclusive=True, group="quote")
    async def load_quote(self) -> None:
        summary = self.query_one("#pay-summary", Static)
        quote = await call_server(self.app, self.shell.client.accounts.quote(self.debt_ids),
                                  summary.update)
        if quote is None:
            return
        self.quote = quote
        t = quote.totals
        debts = ngettext("{n} deuda", "{n} deudas", len(quote.lines)).format(n=len(quote.lines))
        summary.update(_("{debts}\nInsoluto {principal} + interés {interest} − descuento "
                         "{discount}\n[b]Total a pagar hoy: {total}[/b]").format(
            debts=debts, principal=soles(t.principal), interest=soles(t.interest),
            discount=soles(t.discount), total=soles(t.total)))

    def _charge(self) -> Charge:
        """The card payment of the chosen debts, at today's total."""
        debt_ids, total = self.debt_ids, self.quote.totals.total

        async def record(card: dict[str, str], key: str):
            return await self.shell.client.payments.pay(
                debt_ids=debt_ids, method="card", amount=total, idempotency_key=key, card=card)

        what = ngettext("{n} deuda de su estado de cuenta", "{n} deudas de su estado de cuenta",
                        len(debt_ids)).format(n=len(debt_ids))
        def check():
            return self.shell.client.payments.check(debt_ids=debt_ids, amount=total)

        return Charge(what=what, amount=total, record=record, check=check,
                      finish=lambda payment: show_receipt(self.app, payment.document),
                      step=step(3, _("pague con su tarjeta")))

    @on(NumberedMenu.Chosen, "#pay-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if self.quote is None:
            self.status(_("Espere el total, por favor."))
            return
        if event.option_id == "card":
            self.app.push_screen(CardPaymentScreen(self._charge()))
        elif event.option_id == "cash":
            from screens.account.cash import CashPaymentScreen

            self.app.push_screen(CashPaymentScreen(self.debt_ids, self.quote.totals.total))
        else:
            self._code_key = self._code_key or str(uuid.uuid4())
            self.create_code(self._code_key)

    @work(exit_on_error=False, exclusive=True, group="code")
    async def create_code(self, key: str) -> None:
        self.status(_("Generando su código de pago…"))
        code = await call_server(self.app, self.shell.client.payments.create_code(
            debt_ids=self.debt_ids, amount=self.quote.totals.total, idempotency_key=key),
            self.status, offline=offline.payment_code)
        if code is None:
            return
        self._code_key = None
        show_receipt(self.app, code.document)
