"""Consultas: search for anyone; reporting a problem for an identified resident."""

from textual import on
from textual.app import ComposeResult

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class ConsultasHomeScreen(KioskScreen):
    def heading(self) -> str:
        return _("Consultas Miraflores")

    def body(self) -> ComposeResult:
        options = [Option("search", _("Buscar: trámites, oficinas, preguntas y noticias"))]
        if self.shell.session.resident is not None:
            options += [Option("report", _("Reportar un problema en la vía pública")),
                        Option("reports", _("Mis reportes"))]
        yield NumberedMenu(options, back=back_option(), id="consultas-menu")

    @on(NumberedMenu.Chosen)
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.consultas.report import MyReportsScreen, ReportScreen
        from screens.consultas.search import SearchScreen

        screens = {"search": SearchScreen, "report": ReportScreen, "reports": MyReportsScreen}
        self.app.push_screen(screens[event.option_id]())
