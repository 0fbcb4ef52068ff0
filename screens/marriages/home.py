"""Matrimonios civiles: the edictos and the day's ceremonies for anyone; booking a ceremony
and "Mis reservas" for an identified resident (either of the couple)."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class MarriagesHomeScreen(KioskScreen):
    def heading(self) -> str:
        return _("Matrimonios civiles")

    def body(self) -> ComposeResult:
        options = []
        if self.shell.session.resident is not None:
            options += [Option("book", _("Reservar la ceremonia (fecha, lugar y pago)")),
                        Option("mine", _("Mis reservas: documentos, cambiar fecha o cancelar"))]
        options += [Option("edictos", _("Edictos publicados y oposiciones")),
                    Option("today", _("Ceremonias de hoy y transmisión en vivo"))]
        yield NumberedMenu(options, back=back_option(), id="marriages-menu")
        yield Static(_("El Salón de Actos, otras salas y parques del distrito. El expediente "
                       "debe estar completo 15 días hábiles antes de la ceremonia."),
                     classes="hint")

    @on(NumberedMenu.Chosen, "#marriages-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.marriages.mine import MyBookingsScreen
        from screens.marriages.public import EdictosScreen, TodayScreen
        from screens.marriages.slots import PlacesScreen

        screens = {"book": PlacesScreen, "mine": MyBookingsScreen, "edictos": EdictosScreen,
                   "today": TodayScreen}
        self.app.push_screen(screens[event.option_id]())
