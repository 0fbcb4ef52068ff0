"""Reprint any receipt by its code, at any kiosk or terminal."""

from textual import work

from kiosk.i18n import _
from screens.calls import call_server
from screens.documents.code_entry import CodeEntryScreen


class ReprintScreen(CodeEntryScreen):
    def heading(self) -> str:
        return _("Reimprimir un comprobante")

    @work(exit_on_error=False, exclusive=True, group="reprint")
    async def act(self, code: str) -> None:
        from screens.documents.receipt import ReceiptScreen

        self.status(_("Buscando el comprobante…"))
        document = await call_server(self.app, self.shell.client.documents.get(code), self.status)
        if document is None:
            return
        self.status("")
        self.app.push_screen(ReceiptScreen(document))
