"""Cotizaciones at the kiosk: anyone sees the open requests and the results; a supplier's
representative (identified with their DNI) quotes for the RUCs registered to them."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class QuotationsHomeScreen(KioskScreen):
    def heading(self) -> str:
        return _("Cotizaciones de la municipalidad")

    def body(self) -> ComposeResult:
        options = [Option("open", _("Solicitudes abiertas: qué compra la municipalidad")),
                   Option("results", _("Resultados: buena pro, desiertas y canceladas"))]
        if self.shell.session.resident is not None:
            options += [Option("quote", _("Cotizar como proveedor (sus RUC registrados)")),
                        Option("mine", _("Mis solicitudes y resultados como proveedor"))]
        yield NumberedMenu(options, back=back_option(), id="quotations-menu")
        yield Static(_("Compras pequeñas (hasta 8 UIT). Las cotizaciones se sellan en el "
                       "quiosco: nadie puede leerlas antes de la apertura."), classes="hint")

    @on(NumberedMenu.Chosen, "#quotations-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.procurement.public import MineScreen, RequestsScreen
        from screens.procurement.quote import QuoteStartScreen

        if event.option_id == "quote":
            self.app.push_screen(QuoteStartScreen())
        elif event.option_id == "mine":
            self.app.push_screen(MineScreen())
        else:
            self.app.push_screen(RequestsScreen(open_only=event.option_id == "open"))
