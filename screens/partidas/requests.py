"""The resident's copy requests (actas on paper): pending ones say so; ready ones print."""

from textual import work

from kiosk.api.registry import CopyRequest
from kiosk.i18n import _, language
from screens.calls import call_server
from screens.list_screen import ListScreen


class MyRequestsScreen(ListScreen[CopyRequest]):
    def heading(self) -> str:
        return _("Mis solicitudes de copias")

    def fetch(self):
        return self.shell.client.registry.my_requests()

    def item_id(self, item: CopyRequest) -> str:
        return item.tracking

    def label(self, item: CopyRequest) -> str:
        return f"{item.tracking}  {item.acta_ref} · {item.state_text(language())}"

    def loading_text(self) -> str:
        return _("Consultando sus solicitudes…")

    def prompt_text(self) -> str:
        return _("Elija una solicitud lista para imprimir su copia:")

    def empty_text(self) -> str:
        return _("No tiene solicitudes de copias.")

    def picked(self, item: CopyRequest) -> None:
        if item.copy_code is None:
            self.status(_("La solicitud {tracking} aún está en preparación en el registro "
                          "civil.").format(tracking=item.tracking))
            return
        self.print_copy(item.copy_code)

    @work(exit_on_error=False, exclusive=True, group="request")
    async def print_copy(self, code: str) -> None:
        from screens.documents.receipt import ReceiptScreen

        document = await call_server(self.app, self.shell.client.documents.get(code),
                                     self.status)
        if document is not None:
            self.app.push_screen(ReceiptScreen(document))
