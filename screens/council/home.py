"""Sesión de Concejo for anyone: the calendar of sessions with their agenda, the session live
as it happens, and the agreements and ordinances (searchable, printable)."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class CouncilHomeScreen(KioskScreen):
    def heading(self) -> str:
        return _("Sesión de Concejo")

    def body(self) -> ComposeResult:
        yield NumberedMenu([
            Option("calendar", _("Calendario de sesiones y agendas")),
            Option("live", _("Sesión en vivo: quórum, punto en debate y votos")),
            Option("agreements", _("Acuerdos y ordenanzas: buscar e imprimir")),
        ], back=back_option(), id="council-menu")
        yield Static(_("El concejo es el alcalde y los regidores. Las sesiones son públicas; "
                       "todo se publica también en formatos abiertos."), classes="hint")

    @on(NumberedMenu.Chosen, "#council-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.council.agreements import AgreementsScreen
        from screens.council.calendar import CalendarScreen
        from screens.council.live import LiveScreen

        screens = {"calendar": CalendarScreen, "live": LiveScreen,
                   "agreements": AgreementsScreen}
        self.app.push_screen(screens[event.option_id]())
