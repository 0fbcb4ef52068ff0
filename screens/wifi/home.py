"""Ciudad inalámbrica: the hotspots (a list, and a map of the district) for anyone; a voucher
and "Mis fichas" for an identified resident."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class WifiHomeScreen(KioskScreen):
    def heading(self) -> str:
        return _("Wi-Fi gratis en Miraflores")

    def body(self) -> ComposeResult:
        options = []
        if self.shell.session.resident is not None:
            options += [Option("get", _("Obtener una ficha de Wi-Fi")),
                        Option("mine", _("Mis fichas: lo que me queda"))]
        options += [Option("list", _("Puntos Wi-Fi: lista y estado")),
                    Option("map", _("Mapa de los puntos Wi-Fi del distrito"))]
        yield NumberedMenu(options, back=back_option(), id="wifi-menu")
        yield Static(_("Parques y locales municipales. Las fichas se obtienen con la tarjeta "
                       "o el PIN municipal del vecino."), classes="hint")

    @on(NumberedMenu.Chosen, "#wifi-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.wifi.hotspots import HotspotsScreen, MapScreen
        from screens.wifi.voucher import GetVoucherScreen, MyVouchersScreen

        screens = {"get": GetVoucherScreen, "mine": MyVouchersScreen, "list": HotspotsScreen,
                   "map": MapScreen}
        self.app.push_screen(screens[event.option_id]())
