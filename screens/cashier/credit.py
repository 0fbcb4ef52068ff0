"""One offline credit: hand the cash back to the resident from this terminal's open till,
or apply it to the resident's oldest pending debts; confirmed first, then printed."""

import uuid

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.api.payments import OfflineCredit, OfflineCreditSettled
from kiosk.clock import lima
from kiosk.i18n import _, language
from kiosk.money import soles
from screens.base import KioskScreen
from screens.calls import call_server
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class SettleCreditScreen(KioskScreen):
    def __init__(self, credit: OfflineCredit) -> None:
        super().__init__()
        self.credit = credit
        # One key per way of settling, kept while the screen is open: a retry after a lost
        # answer gets the first answer, never a second refund.
        self.keys = {"refund": str(uuid.uuid4()), "apply": str(uuid.uuid4())}

    def heading(self) -> str:
        return _("Crédito del recibo {number}").format(number=self.credit.number)

    def body(self) -> ComposeResult:
        c = self.credit
        yield Static(_("DNI {dni}. Cobrado el {when}: {amount}; por liquidar: {left}.").format(
            dni=c.resident_dni, when=lima(c.collected_at).strftime("%d/%m/%Y %H:%M"),
            amount=soles(c.amount), left=soles(c.remaining)), classes="card")
        yield Static(_("Motivo: {reason}").format(reason=c.reason_text(language())),
                     classes="lead")
        yield NumberedMenu([Option("refund", _("Devolver el efectivo al vecino")),
                            Option("apply", _("Aplicarlo a sus otras deudas"))],
                           back=back_option(), id="settle-menu")

    @on(NumberedMenu.Chosen, "#settle-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id not in self.keys:
            return
        from screens.dialogs.confirm import ConfirmDialog

        kind, left = event.option_id, soles(self.credit.remaining)
        if kind == "refund":
            title = _("Devolver {amount} al vecino").format(amount=left)
            text = _("Entregue {amount} de su caja al vecino con DNI {dni}. Se imprime la "
                     "constancia de devolución.").format(amount=left, dni=self.credit.resident_dni)
            yes = _("Sí, devolver el efectivo")
        else:
            title = _("Aplicar {amount} a otras deudas").format(amount=left)
            text = _("Paga las deudas pendientes más antiguas del vecino que cubra; lo que "
                     "sobre queda como crédito. Se imprime el recibo.")
            yes = _("Sí, aplicar el crédito")
        self.app.push_screen(ConfirmDialog(title, text, yes),
                             lambda confirmed: self.settle(kind) if confirmed else None)

    @work(exit_on_error=False, exclusive=True, group="settle")
    async def settle(self, kind: str) -> None:
        from screens.documents.receipt import ReceiptScreen

        self.status(_("Registrando…"))
        settled = await call_server(self.app, self.shell.client.payments.settle_credit(
            self.credit.id, kind, idempotency_key=self.keys[kind]), self.status)
        if settled is not None:
            self.app.switch_screen(ReceiptScreen(settled.document, callout=_outcome(settled)))


def _outcome(settled: OfflineCreditSettled) -> str:
    if settled.kind == "refund":
        return _("Entregue al vecino {amount} en efectivo.").format(amount=soles(settled.amount))
    if settled.credit.remaining:
        return _("Crédito aplicado: {amount}. Queda un crédito de {left}.").format(
            amount=soles(settled.amount), left=soles(settled.credit.remaining))
    return _("Crédito aplicado: {amount}.").format(amount=soles(settled.amount))
