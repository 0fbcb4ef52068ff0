"""Fraccionamiento: simulate an instalment plan for the selected debts and request it.

`+`/`-` change the number of cuotas; the first payment starts at the ordinance's minimum
(the server says which). Staff approve or reject the request at their terminal.
"""

import uuid
from decimal import ROUND_UP, Decimal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from kiosk.api import ApiError
from kiosk.api.accounts import Plan, StatementLine
from kiosk.i18n import _, language, ngettext
from kiosk.money import soles
from screens.base import KioskScreen
from screens.calls import call_server
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option

SHOWN = 6  # cuotas listed; the rest are summed


class PlanScreen(KioskScreen):
    BINDINGS = [Binding("plus", "instalments(1)", show=False),
                Binding("minus", "instalments(-1)", show=False)]

    def __init__(self, lines: list[StatementLine]) -> None:
        super().__init__()
        self.debt_ids = [x.debt_id for x in lines]
        total = sum((x.total for x in lines), Decimal(0))
        self.initial = (total * Decimal("0.20")).quantize(Decimal("0.01"), ROUND_UP)
        self.instalments = 6
        self.plan: Plan | None = None
        self._key: str | None = None

    def heading(self) -> str:
        return _("Fraccionamiento de deuda")

    def body(self) -> ComposeResult:
        yield Static(_("Simulación: el monto final se calcula el día en que se aprueba."),
                     classes="lead")
        yield Static("", id="plan-table", classes="table")
        yield NumberedMenu([Option("request", _("Solicitar este fraccionamiento"))],
                           back=back_option(), id="plan-menu")

    def hints(self) -> list[tuple[str, str]]:
        return [("+/-", _("Número de cuotas"))]

    def on_mount(self) -> None:
        self.simulate()

    def action_instalments(self, delta: int) -> None:
        self.instalments = max(2, min(24, self.instalments + delta))
        self.simulate()

    @work(exit_on_error=False, exclusive=True, group="simulate")
    async def simulate(self) -> None:
        try:
            plan = await self.shell.client.accounts.simulate_plan(
                debt_ids=self.debt_ids, instalments=self.instalments, initial=self.initial)
        except ApiError as exc:
            minimum = exc.extra.get("minimum")
            if exc.code == "plan_initial_invalid" and minimum and Decimal(minimum) != self.initial:
                self.initial = Decimal(minimum)
                self.simulate()
                return
            if exc.code == "plan_too_long":
                self.instalments -= 1
            self.status(exc.text(language()))
            return
        self.status("")
        self.plan = plan
        shown = plan.cuotas[:SHOWN]
        names = (_("Cuota"), _("Vence"), _("Monto"))
        rows = [f"{names[0]:>5}  {names[1]:<10} {names[2]:>14}"]
        rows += [f"{c.number:>5}  {c.due_on:%d/%m/%Y} {soles(c.total):>14}" for c in shown]
        rest = plan.cuotas[SHOWN:]
        if rest:
            rows.append(ngettext("  … y {n} cuota más por {amount}",
                                 "  … y {n} cuotas más por {amount}", len(rest)).format(
                n=len(rest), amount=soles(sum((c.total for c in rest), Decimal(0)))))
        cuotas = ngettext("{n} cuota", "{n} cuotas", plan.instalments).format(
            n=plan.instalments)
        rows.append(_("[b]Deuda: {total} · cuota inicial {initial} · {cuotas} · interés "
                      "{pct} % mensual[/b]").format(total=soles(plan.total),
                                                   initial=soles(plan.initial),
                                                   cuotas=cuotas, pct=plan.monthly_pct))
        self.query_one("#plan-table", Static).update("\n".join(rows))

    @on(NumberedMenu.Chosen, "#plan-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if self.plan is not None:
            self._key = self._key or str(uuid.uuid4())
            self.request(self._key)

    @work(exit_on_error=False, exclusive=True, group="request")
    async def request(self, key: str) -> None:
        plan = await call_server(self.app, self.shell.client.accounts.request_plan(
            debt_ids=self.debt_ids, instalments=self.instalments, initial=self.initial,
            idempotency_key=key), self.status)
        if plan is not None:
            self.status(_("Solicitud N.º {id} registrada. El personal de rentas la revisará; "
                          "consulte su estado de cuenta en unos días.").format(id=plan.id))
