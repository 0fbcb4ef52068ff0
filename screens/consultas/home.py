"""Consultas: search for anyone; reporting a problem for an identified resident."""

from textual import on
from textual.app import ComposeResult

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.widgets.numbered_menu import NumberedMenu, Option


class ConsultasHomeScreen(KioskScreen):
    def heading(self) -> str:
        return _("Consultas Miraflores")

    def body(self) -> ComposeResult:
        options = [Option("1", _("Buscar: trámites, oficinas, preguntas y noticias"), "search")]
        if self.app.session.resident is not None:
            options += [Option("2", _("Reportar un problema en la vía pública"), "report"),
                        Option("3", _("Mis reportes"), "reports")]
        yield NumberedMenu(options, id="consultas-menu")

    def hints(self) -> list[tuple[str, str]]:
        return [("1-3", _("Elegir")), ("Esc", _("Volver"))]

    @on(NumberedMenu.Chosen)
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.consultas.report import MyReportsScreen, ReportScreen
        from screens.consultas.search import SearchScreen

        screens = {"search": SearchScreen, "report": ReportScreen, "reports": MyReportsScreen}
        self.app.push_screen(screens[event.option_id]())
