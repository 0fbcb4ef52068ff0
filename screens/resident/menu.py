"""The resident's own menu after identification; 0 ends the session."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.registry import services_for
from screens.widgets.numbered_menu import NumberedMenu, Option


class ResidentMenuScreen(KioskScreen):
    can_go_back = False

    def heading(self) -> str:
        resident = self.app.session.resident
        return _("Hola, {name}").format(name=resident.given_names if resident else "")

    def body(self) -> ComposeResult:
        yield Static(_("¿Qué desea hacer hoy?"), classes="lead")
        options = [Option(str(n), _(s.label), s.id)
                   for n, s in enumerate(services_for("resident"), start=1)]
        options.append(Option("0", _("Terminar sesión"), "logout"))
        yield NumberedMenu(options, id="resident-menu")
        yield Static(_("Al terminar, retire su tarjeta: la sesión se cierra sola."),
                     classes="hint")

    def hints(self) -> list[tuple[str, str]]:
        return [("1-9", _("Elegir")), ("0", _("Terminar sesión"))]

    @on(NumberedMenu.Chosen)
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "logout":
            self.app.end_session("logout")
            return
        service = next(s for s in services_for("resident") if s.id == event.option_id)
        self.app.push_screen(service.open())
