"""The staff menu: what the role allows, the resident being served, and the site's devices."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.cashier import CASHIER_ROLES
from screens.staff.roles import ACTS_FOR_RESIDENTS, ROLE_NAMES
from screens.widgets.numbered_menu import NumberedMenu, Option


class StaffMenuScreen(KioskScreen):
    can_go_back = False

    def heading(self) -> str:
        staff = self.app.session.staff
        return _("{name} — {role}").format(name=staff.full_name,
                                           role=_(ROLE_NAMES.get(staff.role, staff.role)))

    def body(self) -> ComposeResult:
        role = self.app.session.staff.role
        options = []
        if role in ACTS_FOR_RESIDENTS:
            options.append(Option("1", _("Atender a un vecino (buscar por DNI)"), "lookup"))
        options += [Option("2", _("Reimprimir un comprobante"), "reprint"),
                    Option("3", _("Verificar un comprobante"), "verify"),
                    Option("4", _("Equipos de este local"), "devices")]
        if role in CASHIER_ROLES:
            options += [Option("5", _("Caja: apertura y cierre"), "cash"),
                        Option("6", _("Cobrar un código de pago"), "collect"),
                        Option("7", _("Anular un recibo"), "void"),
                        Option("8", _("Solicitudes de fraccionamiento"), "plans")]
        if role in ("front_desk", "case_officer"):
            options.append(Option("5", _("Expedientes: bandeja, derivar y resolver"), "desk"))
        if role in ("election_officer", "administrator"):
            options.append(Option("9", _("Elecciones vecinales: fases y escrutinio"),
                                  "elections"))
        options.append(Option("0", _("Cerrar sesión"), "logout"))
        yield NumberedMenu(options, id="staff-menu")
        yield Static(_("Los servicios de cada área se agregan a este menú a medida que se "
                       "habilitan."), classes="hint")

    @on(NumberedMenu.Chosen)
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.cashier.cash_session import CashSessionScreen
        from screens.cashier.collect_code import CollectCodeScreen
        from screens.cashier.plans import PlanRequestsScreen
        from screens.cashier.void import VoidScreen
        from screens.documents.reprint import ReprintScreen
        from screens.documents.verify import VerifyScreen
        from screens.elections.officer import OfficerScreen
        from screens.procedures.desk import DeskScreen
        from screens.staff.devices import DevicesScreen
        from screens.staff.lookup import ResidentLookupScreen

        screens = {"lookup": ResidentLookupScreen, "reprint": ReprintScreen,
                   "verify": VerifyScreen, "devices": DevicesScreen, "cash": CashSessionScreen,
                   "collect": CollectCodeScreen, "void": VoidScreen, "plans": PlanRequestsScreen,
                   "elections": OfficerScreen, "desk": DeskScreen}
        if event.option_id == "logout":
            self.app.end_session("logout")
        else:
            self.app.push_screen(screens[event.option_id]())
