"""The resident's data as the municipal register holds it, and its printable constancia."""

import uuid

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.calls import call_server
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class MyDataScreen(KioskScreen):
    def __init__(self) -> None:
        super().__init__()
        self._pending_key: str | None = None  # reused while retrying one print request

    def heading(self) -> str:
        return _("Mis datos en el registro municipal")

    def body(self) -> ComposeResult:
        r = self.shell.session.resident
        rows = [(_("DNI"), r.dni), (_("Nombre"), r.full_name),
                (_("Fecha de nacimiento"), r.birth_date.strftime("%d/%m/%Y")),
                (_("Domicilio"), r.address), (_("Zona vecinal"), r.zone_name)]
        yield Static("\n".join(f"[b]{label}:[/b] {value}" for label, value in rows),
                     id="my-data", classes="card")
        yield Static(_("Si algún dato no es correcto, acérquese a la mesa de partes."),
                     classes="hint")
        yield NumberedMenu([Option("print", _("Imprimir constancia de datos"))],
                           back=back_option())

    @on(NumberedMenu.Chosen)
    def chosen(self, _event: NumberedMenu.Chosen) -> None:
        self._pending_key = self._pending_key or str(uuid.uuid4())
        self.issue(self._pending_key)

    @work(exit_on_error=False, exclusive=True, group="issue")
    async def issue(self, key: str) -> None:
        from screens.documents.receipt import ReceiptScreen

        self.status(_("Emitiendo su constancia…"))
        document = await call_server(
            self.app, self.shell.client.residents.record_certificate(idempotency_key=key),
            self.status)
        if document is None:
            return  # the same key is reused when the resident tries again
        self._pending_key = None
        self.status("")
        self.app.push_screen(ReceiptScreen(document))
