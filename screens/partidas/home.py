"""Partidas at the kiosk: the resident's own actas, a search by kind and data, and the copy
requests of actas held on paper."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class PartidasHomeScreen(KioskScreen):
    def heading(self) -> str:
        return _("Partidas: copias certificadas")

    def body(self) -> ComposeResult:
        yield Static(_("Copias certificadas de actas de nacimiento, matrimonio y defunción, "
                       "impresas aquí y con firma digital verificable."), classes="lead")
        yield NumberedMenu([
            Option("mine", _("Mis partidas (las que llevan mi DNI)")),
            Option("birth", _("Buscar un acta de nacimiento")),
            Option("marriage", _("Buscar un acta de matrimonio")),
            Option("death", _("Buscar un acta de defunción")),
            Option("requests", _("Mis solicitudes de copias en preparación")),
        ], back=back_option(), id="partidas-menu")

    @on(NumberedMenu.Chosen, "#partidas-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.partidas.requests import MyRequestsScreen
        from screens.partidas.results import ResultsScreen
        from screens.partidas.search import SearchScreen

        if event.option_id == "mine":
            self.app.push_screen(ResultsScreen(None))
        elif event.option_id == "requests":
            self.app.push_screen(MyRequestsScreen())
        else:
            self.app.push_screen(SearchScreen(event.option_id))
