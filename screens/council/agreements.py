"""The agreements and ordinances of the council: searched by words of their subject or their
number, each printable as its verifiable document."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input

from kiosk.api.council import Agreement
from kiosk.i18n import _, language
from screens.calls import call_server
from screens.list_screen import ListScreen


class AgreementsScreen(ListScreen[Agreement]):
    def __init__(self) -> None:
        super().__init__()
        self.query_text: str | None = None

    def heading(self) -> str:
        return _("Acuerdos y ordenanzas del concejo")

    def before_list(self) -> ComposeResult:
        search = Input(id="agreements-search", max_length=100,
                       placeholder=_("Buscar por palabras o número, y Enter"))
        search.cursor_blink = False  # a steady cursor: the screen draws the same each time
        yield search

    def fetch(self):
        return self.shell.client.council.agreements(self.query_text)

    def item_id(self, item: Agreement) -> str:
        return item.document_code

    def label(self, item: Agreement) -> str:
        return f"{item.number} · {item.title}"

    def loading_text(self) -> str:
        return _("Buscando acuerdos y ordenanzas…")

    def prompt_text(self) -> str:
        return _("Elija uno para imprimirlo con su código de verificación:")

    def empty_text(self) -> str:
        return _("Ningún acuerdo u ordenanza coincide con la búsqueda.")

    @on(Input.Submitted, "#agreements-search")
    def search(self, event: Input.Submitted) -> None:
        self.query_text = event.value.strip() or None
        self.set_focus(None)  # the keypad's digits pick from the list again
        self.reload()

    def picked(self, item: Agreement) -> None:
        self.open_document(item)

    @work(exit_on_error=False, exclusive=True, group="agreement-print")
    async def open_document(self, item: Agreement) -> None:
        from screens.documents.receipt import ReceiptScreen

        self.status(_("Preparando {number}…").format(number=item.number))
        document = await call_server(self.app, self.shell.client.documents.get(
            item.document_code), self.status)
        if document is not None:
            self.app.push_screen(ReceiptScreen(document, callout=item.kind_text(language())))
