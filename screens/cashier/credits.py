"""Créditos de efectivo sin conexión: offline cash that could not pay its debts (paid
meanwhile, changed), for the cashiers' supervisor to refund or apply (docs/offline.md)."""

from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.api.payments import OfflineCredit
from kiosk.i18n import _, language
from kiosk.money import soles
from screens.list_screen import ListScreen


def credit_line(credit: OfflineCredit) -> str:
    """DNI, amount still to settle, the provisional receipt's number and why, in words."""
    return _("DNI {dni} · {amount} · recibo {number} · {reason}").format(
        dni=credit.resident_dni, amount=soles(credit.remaining), number=credit.number,
        reason=credit.reason_text(language()))


class OfflineCreditsScreen(ListScreen[OfflineCredit]):
    def heading(self) -> str:
        return _("Créditos de efectivo sin conexión")

    def before_list(self) -> ComposeResult:
        yield Static(_("Efectivo cobrado sin conexión que no pudo pagar sus deudas. Elija "
                       "uno para devolverlo o aplicarlo a otras deudas del vecino."),
                     classes="lead")

    def fetch(self):
        return self.shell.client.payments.offline_credits()

    def item_id(self, item: OfflineCredit) -> str:
        return str(item.id)

    def label(self, item: OfflineCredit) -> str:
        return credit_line(item)

    def loading_text(self) -> str:
        return _("Cargando los créditos…")

    def empty_text(self) -> str:
        return _("No hay créditos por liquidar.")

    def prompt_text(self) -> str:
        return _("Elija un crédito por su número.")

    def picked(self, item: OfflineCredit) -> None:
        from screens.cashier.credit import SettleCreditScreen

        self.app.push_screen(SettleCreditScreen(item))

    def on_screen_resume(self) -> None:
        if self.loaded:  # back from settling one: the list as it is now
            self.load()
