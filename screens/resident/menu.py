"""The resident's own menu after identification; 0 ends the session."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.registry import find, services_for
from screens.widgets.numbered_menu import NumberedMenu, Option


class ResidentMenuScreen(KioskScreen):
    can_go_back = False

    def heading(self) -> str:
        resident = self.shell.session.resident
        return _("Hola, {name}").format(name=resident.given_names if resident else "")

    def body(self) -> ComposeResult:
        yield Static(_("¿Qué desea hacer hoy?"), classes="lead")
        options = [Option(s.id, _(s.label)) for s in services_for("resident")]
        yield NumberedMenu(options, back=Option("logout", _("Terminar sesión")),
                           id="resident-menu")
        info = self.shell.session.info
        if info is not None and info.method == "card":
            yield Static(_("Al terminar, retire su tarjeta: la sesión se cierra sola."),
                         classes="hint")

    @on(NumberedMenu.Chosen)
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "logout":
            self.shell.end_session("logout")
        else:
            self.app.push_screen(find(event.option_id).open())
