"""Requests for anyone: the open ones (what is bought, until when) and the results."""

from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.api.procurement import QuoteRequest
from kiosk.i18n import _
from screens.base import KioskScreen
from screens.list_screen import ListScreen
from screens.procurement.texts import request_lines, short


class RequestsScreen(ListScreen[QuoteRequest]):
    def __init__(self, *, open_only: bool) -> None:
        super().__init__()
        self.open_only = open_only

    def heading(self) -> str:
        return _("Solicitudes abiertas") if self.open_only else _("Resultados de cotizaciones")

    async def _fetch(self) -> list[QuoteRequest]:
        found = await self.shell.client.procurement.requests(
            state="publicada" if self.open_only else None)
        return found if self.open_only else [r for r in found if r.state != "publicada"]

    def fetch(self):
        return self._fetch()

    def item_id(self, item: QuoteRequest) -> str:
        return item.code

    def label(self, item: QuoteRequest) -> str:
        return short(item)

    def loading_text(self) -> str:
        return _("Consultando las solicitudes…")

    def prompt_text(self) -> str:
        return _("Elija una solicitud para ver el detalle:")

    def empty_text(self) -> str:
        return _("No hay solicitudes abiertas.") if self.open_only else \
            _("Aún no hay resultados.")

    def picked(self, item: QuoteRequest) -> None:
        self.app.push_screen(RequestScreen(item))


class RequestScreen(KioskScreen):
    def __init__(self, request: QuoteRequest) -> None:
        super().__init__()
        self.request = request

    def heading(self) -> str:
        return _("Solicitud {code}").format(code=self.request.code)

    def body(self) -> ComposeResult:
        yield Static("\n".join(request_lines(self.request)), id="request-card", classes="card",
                     markup=False)


class MineScreen(RequestsScreen):
    """A representative's requests: invited to, quoted in, or open to anyone; with results."""

    def __init__(self) -> None:
        super().__init__(open_only=False)

    def heading(self) -> str:
        return _("Mis solicitudes y resultados como proveedor")

    async def _fetch(self) -> list[QuoteRequest]:
        return await self.shell.client.procurement.mine()

    def empty_text(self) -> str:
        return _("No hay solicitudes para los proveedores que usted representa.")
