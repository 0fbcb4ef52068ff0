"""The public election entry (no login): check a tracker, see the results."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.calls import call_server
from screens.elections.current import pick
from screens.widgets.numbered_menu import NumberedMenu, Option


class ElectionPublicScreen(KioskScreen):
    def heading(self) -> str:
        return _("Elecciones vecinales: verificar mi voto y resultados")

    def body(self) -> ComposeResult:
        yield NumberedMenu([Option("1", _("Verificar mi voto con su código"), "check"),
                            Option("2", _("Ver resultados"), "results"),
                            Option("0", _("Volver"), "back")], id="public-menu")
        yield Static("", id="public-status", classes="status")

    @on(NumberedMenu.Chosen, "#public-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "back":
            self.action_back()
        elif event.option_id == "check":
            from screens.elections.check import TrackerCheckScreen

            self.app.push_screen(TrackerCheckScreen())
        else:
            self.open_results()

    @work(exit_on_error=False, exclusive=True, group="results")
    async def open_results(self) -> None:
        status = self.query_one("#public-status", Static)
        elections = await call_server(self.app, self.app.client.elections.all(), status.update)
        election = pick(elections or [])
        if election is None:
            if elections is not None:
                status.update(_("No hay elecciones vecinales convocadas por ahora."))
            return
        from screens.elections.results import ResultsScreen

        self.app.push_screen(ResultsScreen(election.id))
