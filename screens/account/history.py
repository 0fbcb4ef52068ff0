"""Payments made (newest first), each reprintable by its number key; dated on Lima's
calendar, as their receipts are (a payment at 21:00 in Lima is already tomorrow in UTC)."""

from textual import work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.api.payments import PaymentSummary
from kiosk.clock import lima
from kiosk.i18n import N_, _
from kiosk.money import soles
from screens.calls import call_server
from screens.list_screen import ListScreen

METHODS = {"card": N_("Tarjeta"), "cash": N_("Efectivo"), "bank": N_("Banco")}


class HistoryScreen(ListScreen[PaymentSummary]):
    def heading(self) -> str:
        return _("Historial de pagos")

    def before_list(self) -> ComposeResult:
        yield Static(_("Elija un pago para reimprimir su recibo."), classes="lead")

    def fetch(self):
        return self.shell.client.payments.history()

    def item_id(self, item: PaymentSummary) -> str:
        return item.document_code

    def label(self, p: PaymentSummary) -> str:
        return "{date}  {number}  {amount}  {method}{void}".format(
            date=lima(p.paid_at).strftime("%d/%m/%Y"), number=p.receipt_number,
            amount=soles(p.amount), method=_(METHODS.get(p.method, p.method)),
            void=_("  ANULADO") if p.status == "voided" else "")

    def empty_text(self) -> str:
        return _("Aún no hay pagos registrados.")

    def picked(self, item: PaymentSummary) -> None:
        self.reprint(item.document_code)

    @work(exit_on_error=False, exclusive=True, group="reprint")
    async def reprint(self, code: str) -> None:
        from screens.documents.receipt import ReceiptScreen

        document = await call_server(self.app, self.shell.client.documents.get(code), self.status)
        if document is not None:
            self.app.push_screen(ReceiptScreen(document))
