"""The registrar's register at the staff terminal: register an acta, find one (reserved ones
too) to annotate, reserve or scan it, fulfil copy requests, and send actas to RENIEC."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.calls import call_server
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option

KINDS = {"NAC": "birth", "MAT": "marriage", "DEF": "death"}


class RegistrarDeskScreen(KioskScreen):
    def heading(self) -> str:
        return _("Registro civil")

    def body(self) -> ComposeResult:
        yield NumberedMenu([
            Option("register-birth", _("Inscribir un acta de nacimiento")),
            Option("register-marriage", _("Inscribir un acta de matrimonio")),
            Option("register-death", _("Inscribir un acta de defunción")),
            Option("find", _("Abrir un acta por su número (anotar, reservar, escanear)")),
            Option("requests", _("Solicitudes de copias de actas en papel")),
            Option("reniec", _("Envío a RENIEC: pendientes, vencidas y lotes")),
        ], back=back_option(), id="desk-menu")
        yield Static("", id="desk-help", classes="hint")
        yield Input(id="desk-number", max_length=20, classes="hidden",
                    placeholder=_("N.º del acta, como MAT-1979-000088, y Enter"))

    @on(NumberedMenu.Chosen, "#desk-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.partidas.pending import PendingRequestsScreen
        from screens.partidas.register import RegisterScreen
        from screens.partidas.reniec import ReniecScreen

        choice = event.option_id
        if choice.startswith("register-"):
            self.app.push_screen(RegisterScreen(choice.removeprefix("register-")))
        elif choice == "requests":
            self.app.push_screen(PendingRequestsScreen())
        elif choice == "reniec":
            self.app.push_screen(ReniecScreen())
        else:
            number = self.query_one("#desk-number", Input)
            number.remove_class("hidden")
            number.value = ""
            number.focus()

    @on(Input.Submitted, "#desk-number")
    def open_acta(self, event: Input.Submitted) -> None:
        number = event.value.strip().upper()
        kind = KINDS.get(number[:3])
        if kind is None:
            self.status(_("El número empieza por NAC, MAT o DEF, como MAT-1979-000088."))
            return
        self.find(kind, number)

    @work(exit_on_error=False, exclusive=True, group="find")
    async def find(self, kind: str, number: str) -> None:
        from screens.partidas.staff_acta import StaffActaScreen

        registry = self.shell.client.registry
        found = await call_server(self.app, registry.search(kind=kind, number=number),
                                  self.status)
        if found == []:
            self.status(_("No existe el acta {number}.").format(number=number))
        if not found:
            return
        acta = await call_server(self.app, registry.acta(found[0].id), self.status)
        if acta is not None:
            self.app.push_screen(StaffActaScreen(acta))
