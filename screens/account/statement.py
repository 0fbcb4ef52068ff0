"""Estado de cuenta: what the resident owes, oldest first, and what to pay.

Keypad: `+`/`-` turn pages, `*` adds the next debt to the selection and `/` removes the last
one. The selection is always the oldest debts first, so the imputation order holds by
construction; by default it is everything overdue. Debts reserved by a pending payment code
are marked R and never selected (they are paid with that code, or the code is cancelled
first: paying them another way is refused).
"""

import uuid
from datetime import date
from decimal import Decimal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from kiosk.api.accounts import Statement
from kiosk.api.payments import PaymentCode
from kiosk.clock import LIMA
from kiosk.i18n import _, language
from kiosk.money import soles
from screens.account.steps import step
from screens.account.table import SHORT, rows
from screens.base import KioskScreen
from screens.calls import call_server
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class StatementScreen(KioskScreen):
    BINDINGS = [
        Binding("plus,pagedown", "page(1)", show=False),
        Binding("minus,pageup", "page(-1)", show=False),
        Binding("asterisk,right", "select(1)", show=False),
        Binding("slash,left", "select(-1)", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.statement: Statement | None = None
        self.codes: list[PaymentCode] = []  # pending payment codes: their debts are reserved
        self.reserved: frozenset[int] = frozenset()
        self.as_of: date | None = None  # None: today
        self.selected = 0  # how many of the oldest lines are selected
        self.page = 0
        self._certificate_key: str | None = None

    def heading(self) -> str:
        return _("Estado de cuenta")

    def body(self) -> ComposeResult:
        yield Static(step(1, _("elija qué pagar")), id="step", classes="step")
        yield Static(_("Consultando su cuenta…"), id="statement-table", classes="table")
        yield Static("", id="statement-totals", classes="totals")
        yield NumberedMenu([Option("pay", _("Pagar lo seleccionado")),
                            Option("history", _("Historial de pagos y reimpresión")),
                            Option("no-debt", _("Constancia de no adeudo")),
                            Option("plan", _("Fraccionar la deuda seleccionada")),
                            Option("as-of", _("Calcular a otra fecha de pago"))],
                           back=back_option(), id="statement-menu")

    def hints(self) -> list[tuple[str, str]]:
        return [("+/-", _("Página")), ("*", _("Elegir una más")), ("/", _("Una menos"))]

    def on_mount(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        self.render_statement()

    # -- data ------------------------------------------------------------------------------------
    @work(exit_on_error=False, exclusive=True, group="statement")
    async def reload(self, done: str = "") -> None:
        """Load the statement and the pending payment codes; `done` is what to say after."""
        client = self.shell.client
        statement = await call_server(self.app, client.accounts.statement(self.as_of),
                                      self.status)
        if statement is None:
            return
        codes = await call_server(self.app, client.payments.pending_codes(), self.status)
        if codes is None:
            return
        self.statement, self.codes = statement, codes
        self.reserved = frozenset(line.debt_id for code in codes for line in code.lines)
        self.status(" ".join(filter(None, (done, self._codes_text()))))
        self.selected = sum(1 for line in self.payable_lines if line.overdue)
        await self._menu()
        self.page = 0
        self.render_statement()

    @property
    def page_size(self) -> int:
        """Debt lines a page: what the body holds beside the step, the table's header and
        footer, the totals and the menu (80x25: 4 lines; taller screens show more)."""
        body = self.query_one("#body").scrollable_content_region.height or self.app.size.height - 5
        return max(3, body - 16)

    @property
    def payable_lines(self):
        """The lines that may be paid now: all but those a pending payment code reserves."""
        if self.statement is None:
            return []
        return [line for line in self.statement.lines if line.debt_id not in self.reserved]

    @property
    def selected_lines(self):
        return self.payable_lines[:self.selected]

    def _codes_text(self) -> str:
        return " ".join(_("R: reservada por el código de pago {code} ({amount}, vence el "
                          "{date}): páguelo en un banco o anúlelo.").format(
            code=c.code, amount=soles(c.amount), date=f"{c.expires_at.astimezone(LIMA):%d/%m}")
            for c in self.codes)

    async def _menu(self) -> None:
        options = [Option("pay", _("Pagar lo seleccionado")),
                   Option("history", _("Historial de pagos y reimpresión")),
                   Option("no-debt", _("Constancia de no adeudo")),
                   Option("plan", _("Fraccionar la deuda seleccionada")),
                   Option("as-of", _("Calcular a otra fecha de pago"))]
        options += [Option(f"cancel:{c.code}", _("Anular el código de pago {code}").format(
            code=c.code)) for c in self.codes]
        await self.query_one("#statement-menu", NumberedMenu).show(options)

    def render_statement(self) -> None:
        if self.statement is None or not self.is_mounted:
            return
        lines = self.statement.lines
        table = self.query_one("#statement-table", Static)
        totals = self.query_one("#statement-totals", Static)
        when = (self.statement.as_of.strftime("%d/%m/%Y"))
        if not lines:
            table.update(_("No tiene deudas pendientes al {date}. ¡Gracias por estar al "
                           "día!").format(date=when))
            totals.update("")
            return
        size = self.page_size
        pages = (len(lines) + size - 1) // size
        self.page = max(0, min(self.page, pages - 1))
        start = self.page * size
        width = max(60, self.query_one("#body").scrollable_content_region.width
                    or self.size.width - 5)
        chosen = {line.debt_id for line in self.selected_lines}
        page_info = _("Página {n} de {total} · al {date} · ! = vencida").format(
            n=self.page + 1, total=pages, date=when)
        table.update(rows(lines[start:start + size], chosen, width, language(), self.reserved)
                     + f"\n[i]{page_info}[/i]")
        chosen_total = sum((line.total for line in self.selected_lines), Decimal(0))
        text = _("[b]Seleccionado ({n}): {chosen}[/b]\nDeuda total: {total} · "
                 "Vencido: {overdue}").format(
            n=self.selected, chosen=soles(chosen_total), total=soles(self.statement.totals.total),
            overdue=soles(self.statement.overdue_total))
        benefits = {line.benefit(language()) for line in lines if line.benefit}
        if benefits:
            text += "\n" + _("Beneficio aplicado: {names}").format(
                names="; ".join(sorted(benefits)))
        totals.update(text)

    def spoken_body(self) -> list[str]:
        """The totals are read as a card; with them, the newest debt of the selection (what
        `*` and `/` just changed)."""
        if not self.selected_lines:
            return []
        last = self.selected_lines[-1]
        what = _("{tribute} {year}, cuota {period}").format(
            tribute=SHORT.get(last.tribute, (last.tribute, last.tribute))[
                language() == "en"], year=last.year, period=last.period)
        if last.property_code:
            what += ", " + _("predio {code}").format(code=last.property_code)
        return [_("La última deuda elegida es {concept}, vence el {date}: {amount}.").format(
            concept=what, date=f"{last.due_on:%d/%m/%Y}", amount=soles(last.total))]

    def action_page(self, delta: int) -> None:
        self.page += delta
        self.render_statement()

    def action_select(self, delta: int) -> None:
        if self.statement is None:
            return
        payable = self.payable_lines
        self.selected = max(0, min(len(payable), self.selected + delta))
        if self.selected:  # keep the last selected line in view
            last = payable[self.selected - 1]
            self.page = self.statement.lines.index(last) // self.page_size
        self.render_statement()

    # -- choices ---------------------------------------------------------------------------------
    @on(NumberedMenu.Chosen, "#statement-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id.startswith("cancel:"):
            self._ask_cancel(event.option_id.removeprefix("cancel:"))
        elif event.option_id == "history":
            from screens.account.history import HistoryScreen

            self.app.push_screen(HistoryScreen())
        elif event.option_id == "no-debt":
            self._certificate_key = self._certificate_key or str(uuid.uuid4())
            self.issue_certificate(self._certificate_key)
        elif event.option_id == "as-of":
            from screens.account.as_of import AsOfDialog

            self.app.push_screen(AsOfDialog(), self._as_of_chosen)
        elif not self.selected_lines:
            self.status(_("Elija al menos una deuda con la tecla *."))
        elif event.option_id == "pay":
            from screens.account.payment import PaymentMethodScreen

            self.app.push_screen(PaymentMethodScreen([x.debt_id for x in self.selected_lines]))
        elif event.option_id == "plan":
            from screens.account.plan import PlanScreen

            self.app.push_screen(PlanScreen(self.selected_lines))

    def _ask_cancel(self, number: str) -> None:
        from screens.dialogs.confirm import ConfirmDialog

        code = next(c for c in self.codes if c.code == number)
        self.app.push_screen(ConfirmDialog(
            _("Anular el código de pago {code}").format(code=code.code),
            _("Si lo anula, ya no podrá pagarse en el banco ({amount}) y sus deudas quedan "
              "libres para pagarlas de otra forma.").format(amount=soles(code.amount)),
            _("Sí, anular el código")),
            lambda yes: self.cancel_code(number) if yes else None)

    @work(exit_on_error=False, exclusive=True, group="cancel-code")
    async def cancel_code(self, number: str) -> None:
        cancelled = await call_server(self.app, self.shell.client.payments.cancel_code(number),
                                      self.status)
        if cancelled is not None:
            self.reload(_("Código de pago {code} anulado: sus deudas se pueden pagar de otra "
                          "forma.").format(code=number))

    def _as_of_chosen(self, chosen: date | None) -> None:
        if chosen is not None:
            self.as_of = chosen
            self.reload()

    @work(exit_on_error=False, exclusive=True, group="certificate")
    async def issue_certificate(self, key: str) -> None:
        from screens.documents.receipt import ReceiptScreen

        self.status(_("Emitiendo su constancia…"))
        document = await call_server(
            self.app, self.shell.client.accounts.no_debt_certificate(idempotency_key=key),
            self.status)
        if document is None:
            return
        self._certificate_key = None
        self.status("")
        self.app.push_screen(ReceiptScreen(document))
