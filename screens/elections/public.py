"""The public election entry (no login): check a tracker, see the results."""

from textual import on
from textual.app import ComposeResult

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class ElectionPublicScreen(KioskScreen):
    def heading(self) -> str:
        return _("Elecciones vecinales: verificar mi voto y resultados")

    def body(self) -> ComposeResult:
        yield NumberedMenu([Option("check", _("Verificar mi voto con su código")),
                            Option("results", _("Ver resultados"))], back=back_option(),
                           id="public-menu")

    @on(NumberedMenu.Chosen, "#public-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "check":
            from screens.elections.check import TrackerCheckScreen

            self.app.push_screen(TrackerCheckScreen())
        else:
            from screens.elections.results import ResultsScreen

            self.app.push_screen(ResultsScreen())  # the current election's
