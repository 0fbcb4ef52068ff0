"""Copy requests of actas on paper: scan the page (in the acta's screen), then fulfil the
request here; the certificate prints for the requester."""

from textual import work

from kiosk.api.registry import CopyRequest
from kiosk.i18n import _
from screens.calls import call_server
from screens.list_screen import ListScreen


class PendingRequestsScreen(ListScreen[CopyRequest]):
    def heading(self) -> str:
        return _("Solicitudes de copias pendientes")

    def fetch(self):
        return self.shell.client.registry.pending_requests()

    def item_id(self, item: CopyRequest) -> str:
        return item.tracking

    def label(self, item: CopyRequest) -> str:
        return f"{item.tracking}  {item.acta_ref} · {item.requester or '-'} · " \
               f"{item.created_at:%d/%m/%Y}"

    def loading_text(self) -> str:
        return _("Cargando solicitudes…")

    def prompt_text(self) -> str:
        return _("Elija una solicitud para emitir su copia (el acta ya escaneada):")

    def empty_text(self) -> str:
        return _("No hay solicitudes pendientes.")

    def picked(self, item: CopyRequest) -> None:
        self.fulfil(item.tracking)

    @work(exit_on_error=False, exclusive=True, group="fulfil")
    async def fulfil(self, tracking: str) -> None:
        from screens.documents.receipt import ReceiptScreen

        self.status(_("Emitiendo la copia de {tracking}…").format(tracking=tracking))
        copy = await call_server(self.app, self.shell.client.registry.fulfil(tracking),
                                 self.status)
        if copy is not None:
            self.app.push_screen(ReceiptScreen(copy.document), lambda _done: self.load())
