"""Payments made (newest first), each reprintable with its number key."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.api.payments import PaymentSummary
from kiosk.i18n import N_, _
from screens.account.table import soles
from screens.base import KioskScreen
from screens.calls import call_server
from screens.widgets.numbered_menu import NumberedMenu, Option

METHODS = {"card": N_("Tarjeta"), "cash": N_("Efectivo"), "bank": N_("Banco")}
LIMIT = 9  # one digit each


class HistoryScreen(KioskScreen):
    def __init__(self) -> None:
        super().__init__()
        self.payments: list[PaymentSummary] = []

    def heading(self) -> str:
        return _("Historial de pagos")

    def body(self) -> ComposeResult:
        yield Static(_("Elija un pago para reimprimir su recibo."), classes="lead")
        yield NumberedMenu([], id="history-menu")
        yield Static("", id="history-status", classes="status")

    def on_mount(self) -> None:
        self.load()

    @work(exit_on_error=False, exclusive=True, group="history")
    async def load(self) -> None:
        status = self.query_one("#history-status", Static)
        payments = await call_server(self.app, self.app.client.payments.history(), status.update)
        if payments is None:
            return
        self.payments = payments[:LIMIT]
        if not payments:
            status.update(_("Aún no hay pagos registrados."))
        menu = self.query_one("#history-menu", NumberedMenu)
        menu.options = [Option(str(n), "{date}  {number}  {amount}  {method}{void}".format(
            date=p.paid_at.strftime("%d/%m/%Y"), number=p.receipt_number,
            amount=soles(p.amount), method=_(METHODS.get(p.method, p.method)),
            void=_("  ANULADO") if p.status == "voided" else ""), p.document_code)
            for n, p in enumerate(self.payments, start=1)]
        await menu.recompose()

    @on(NumberedMenu.Chosen, "#history-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        self.reprint(event.option_id)

    @work(exit_on_error=False, exclusive=True, group="reprint")
    async def reprint(self, code: str) -> None:
        from screens.documents.receipt import ReceiptScreen

        status = self.query_one("#history-status", Static)
        document = await call_server(self.app, self.app.client.documents.get(code), status.update)
        if document is not None:
            self.app.push_screen(ReceiptScreen(document))
