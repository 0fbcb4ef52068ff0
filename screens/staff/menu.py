"""The staff menu: the services of the table that the clerk's role may use; 0 logs out."""

from textual import on
from textual.app import ComposeResult

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.registry import find, services_for
from screens.staff.roles import ROLE_NAMES
from screens.widgets.numbered_menu import NumberedMenu, Option


class StaffMenuScreen(KioskScreen):
    can_go_back = False

    def heading(self) -> str:
        staff = self.shell.session.staff
        return _("{name} — {role}").format(name=staff.full_name,
                                           role=_(ROLE_NAMES.get(staff.role, staff.role)))

    def body(self) -> ComposeResult:
        role = self.shell.session.staff.role
        options = [Option(s.id, _(s.label)) for s in services_for("staff", role=role)]
        yield NumberedMenu(options, back=Option("logout", _("Cerrar sesión")), id="staff-menu")

    @on(NumberedMenu.Chosen)
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "logout":
            self.shell.end_session("logout")
        else:
            self.app.push_screen(find(event.option_id).open())
