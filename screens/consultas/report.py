"""Report a problem in a public space (routed to the office that fixes it) and follow it."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.i18n import _, language
from screens.base import KioskScreen
from screens.calls import call_server
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class ReportScreen(KioskScreen):
    def __init__(self) -> None:
        super().__init__()
        self.types: list = []
        self.chosen_code: str | None = None

    def heading(self) -> str:
        return _("Reportar un problema en la vía pública")

    def body(self) -> ComposeResult:
        yield Static(_("¿Qué problema quiere reportar?"), id="report-lead", classes="lead")
        yield NumberedMenu([], back=back_option(), id="report-menu")
        yield Input(id="report-address", max_length=250, classes="hidden",
                    placeholder=_("¿Dónde? Calle y número o esquina"))
        yield Input(id="report-description", max_length=1000, classes="hidden",
                    placeholder=_("Describa el problema y pulse Enter"))

    def on_mount(self) -> None:
        self.load()

    @work(exit_on_error=False, exclusive=True, group="report")
    async def load(self) -> None:
        types = await call_server(self.app, self.shell.client.info.service_types(), self.status)
        if types is None:
            return
        self.types = types
        menu = self.query_one("#report-menu", NumberedMenu)
        await menu.show([Option(t.code, t.name(language())) for t in self.types])

    @on(NumberedMenu.Chosen, "#report-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        self.chosen_code = event.option_id
        kind = next(t for t in self.types if t.code == event.option_id)
        self.status(_("{kind}: diga dónde está y qué pasa.").format(kind=kind.name(language())))
        for ident in ("#report-address", "#report-description"):
            self.query_one(ident, Input).remove_class("hidden")
        self.query_one("#report-address", Input).focus()

    @on(Input.Submitted, "#report-address")
    def address_entered(self) -> None:
        self.query_one("#report-description", Input).focus()

    @on(Input.Submitted, "#report-description")
    def submitted(self) -> None:
        address = self.query_one("#report-address", Input).value.strip()
        description = self.query_one("#report-description", Input).value.strip()
        if len(address) < 3 or len(description) < 5:
            self.status(_("Escriba la dirección y una descripción de al menos cinco letras."))
            return
        self.send(address, description)

    @work(exit_on_error=False, exclusive=True, group="report")
    async def send(self, address: str, description: str) -> None:
        report = await call_server(self.app, self.shell.client.info.report(
            service_code=self.chosen_code, description=description, address=address),
            self.status)
        if report is not None:
            self.status(_("Reporte N.º {id} recibido. Lo atiende: {office}. Véalo en «Mis "
                          "reportes».").format(id=report.id, office=report.office))
            for ident in ("#report-address", "#report-description"):
                self.query_one(ident, Input).add_class("hidden")


class MyReportsScreen(KioskScreen):
    def heading(self) -> str:
        return _("Mis reportes")

    def body(self) -> ComposeResult:
        yield Static(_("Consultando…"), id="reports-list", classes="card")

    def on_mount(self) -> None:
        self.load()

    @work(exit_on_error=False, exclusive=True, group="reports")
    async def load(self) -> None:
        target = self.query_one("#reports-list", Static)
        reports = await call_server(self.app, self.shell.client.info.my_reports(), target.update)
        if reports is None:
            return
        status = {"open": _("abierto"), "closed": _("atendido")}
        target.update("\n".join(
            f"N.º {r.id}  {r.service_name(language())} · {status[r.status]}"
            + (f" — {r.status_notes}" if r.status_notes else "") for r in reports[:12])
            or _("No tiene reportes."))
