"""Requests for fraccionamiento waiting for a decision: approve or reject with a note."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.api.accounts import Plan
from kiosk.i18n import _, ngettext
from kiosk.money import soles
from screens.base import KioskScreen
from screens.calls import call_server
from screens.widgets.numbered_menu import NumberedMenu, Option


class PlanRequestsScreen(KioskScreen):
    def __init__(self) -> None:
        super().__init__()
        self.plans: list[Plan] = []
        self.current: Plan | None = None

    def heading(self) -> str:
        return _("Solicitudes de fraccionamiento")

    def body(self) -> ComposeResult:
        yield NumberedMenu([], id="plans-menu")
        yield Static("", id="plan-detail")
        yield Static(_("Nota de la decisión"))
        yield Input(_("Cumple la ordenanza de fraccionamiento"), id="note", max_length=240)
        yield NumberedMenu([Option("approve", _("Aprobar"), key="8"),
                            Option("reject", _("Rechazar"), key="9")], id="decision-menu")

    def on_mount(self) -> None:
        self.load()

    @work(exit_on_error=False, exclusive=True, group="plans")
    async def load(self) -> None:
        plans = await call_server(self.app, self.shell.client.accounts.pending_plans(), self.status)
        if plans is None:
            return
        self.plans = plans[:7]
        menu = self.query_one("#plans-menu", NumberedMenu)
        await menu.show([Option(str(p.id), _("Solicitud {id}: {total}, {cuotas}").format(
            id=p.id, total=soles(p.total), cuotas=ngettext(
                "{n} cuota", "{n} cuotas", p.instalments).format(n=p.instalments)), key=str(n))
            for n, p in enumerate(self.plans, start=1)])
        if not plans:
            self.status(_("No hay solicitudes pendientes."))

    @on(NumberedMenu.Chosen, "#plans-menu")
    def plan_chosen(self, event: NumberedMenu.Chosen) -> None:
        self.current = next(p for p in self.plans if str(p.id) == event.option_id)
        self.query_one("#plan-detail", Static).update(
            _("Solicitud {id}: deuda {total}, cuota inicial {initial}, {cuotas} al {pct} % "
              "mensual.").format(id=self.current.id, total=soles(self.current.total),
                                 initial=soles(self.current.initial),
                                 cuotas=ngettext("{n} cuota", "{n} cuotas",
                                                 self.current.instalments).format(
                                     n=self.current.instalments),
                                 pct=self.current.monthly_pct))

    @on(NumberedMenu.Chosen, "#decision-menu")
    def decided(self, event: NumberedMenu.Chosen) -> None:
        note = self.query_one("#note", Input).value.strip()
        if self.current is None:
            self.status(_("Elija primero una solicitud."))
        elif len(note) < 3:
            self.status(_("Escriba una nota."))
        else:
            self.decide(self.current.id, event.option_id == "approve", note)

    @work(exit_on_error=False, exclusive=True, group="decide")
    async def decide(self, plan_id: int, approve: bool, note: str) -> None:
        plan = await call_server(self.app, self.shell.client.accounts.decide_plan(
            plan_id, approve=approve, note=note), self.status)
        if plan is None:
            return
        self.current = None
        self.query_one("#plan-detail", Static).update("")
        self.load()
        self.status(_("Solicitud {id}: {state}.").format(
            id=plan.id, state=_("aprobada") if plan.status == "approved" else _("rechazada")))
