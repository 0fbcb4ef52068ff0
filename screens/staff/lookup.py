"""Look a resident up by DNI and act on their behalf, explicitly and with a reason (audited).

While acting, the top bar shows whom the clerk serves; leaving this screen ends it.
"""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.api import ApiError
from kiosk.i18n import _
from screens.base import KioskScreen
from screens.calls import call_server
from screens.registry import find, services_for
from screens.widgets.numbered_menu import NumberedMenu, Option
from screens.widgets.top_bar import TopBar


class ResidentLookupScreen(KioskScreen):
    def heading(self) -> str:
        return _("Atender a un vecino")

    def body(self) -> ComposeResult:
        yield Static(_("DNI del vecino"))
        yield Input(id="dni", max_length=8, restrict=r"[0-9]*")
        yield Static(_("Motivo de la atención"))
        yield Input(_("Atención en ventanilla"), id="reason", max_length=200)
        yield NumberedMenu([], id="acting-menu")

    def on_mount(self) -> None:
        self.query_one("#dni", Input).focus()


    @on(Input.Submitted, "#dni")
    def dni_entered(self) -> None:
        # The reason has a default: DNI + Enter is enough; an empty reason is asked for.
        if self.query_one("#reason", Input).value.strip():
            self.submit()
        else:
            self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    def submit(self) -> None:
        dni = self.query_one("#dni", Input).value
        reason = self.query_one("#reason", Input).value.strip()
        if len(dni) != 8:
            self.status(_("El DNI debe tener 8 dígitos. Revíselo en su documento."))
        elif len(reason) < 3:
            self.status(_("Indique el motivo de la atención."))
        else:
            self.act_for(dni, reason)

    @work(exit_on_error=False, exclusive=True, group="lookup")
    async def act_for(self, dni: str, reason: str) -> None:
        self.status(_("Buscando…"))
        info = await call_server(self.app, self.shell.client.auth.act_for(dni=dni, reason=reason),
                                 self.status)
        if info is None:
            return
        self.shell.session.update(info)
        person = info.acting_for
        self.status(_("Atendiendo a {name}, {address} ({zone}).").format(
            name=person.full_name, address=person.address, zone=person.zone_name))
        self.query_one(TopBar).refresh(recompose=True)
        menu = self.query_one("#acting-menu", NumberedMenu)
        await menu.show([Option(s.id, _(s.label)) for s in services_for("resident")],
                        back=Option("stop", _("Terminar la atención")))
        menu.focus_first()

    @on(NumberedMenu.Chosen, "#acting-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "stop":
            self.action_back()
            return
        self.app.push_screen(find(event.option_id).open())

    def action_back(self) -> None:
        if self.shell.session.info and self.shell.session.info.acting_for:
            # An app worker: this screen's own workers are cancelled as it closes.
            self.app.run_worker(self._stop_acting(), exit_on_error=False, group="acting")
        super().action_back()

    async def _stop_acting(self) -> None:
        try:
            info = await self.shell.client.auth.stop_acting()
        except ApiError:
            return  # the server also ends acting-for when the staff session ends
        if self.shell.session.active:
            self.shell.session.update(info)
