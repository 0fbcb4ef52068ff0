"""Apertura y cierre de caja: open with a float; close with the counted cash (printed)."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.api.payments import CashSession
from kiosk.clock import lima
from kiosk.i18n import _
from kiosk.money import AmountError, parse_soles, soles
from screens.base import KioskScreen
from screens.calls import call_server


class CashSessionScreen(KioskScreen):
    def __init__(self) -> None:
        super().__init__()
        self.session: CashSession | None = None
        self.loaded = False

    def heading(self) -> str:
        return _("Caja: apertura y cierre")

    def body(self) -> ComposeResult:
        yield Static(_("Consultando la caja…"), id="cash-summary", classes="card")
        yield Static("", id="cash-prompt")
        yield Input(id="cash-amount", max_length=12, restrict=r"[0-9.,]*")

    def on_mount(self) -> None:
        self.load()

    @work(exit_on_error=False, exclusive=True, group="cash")
    async def load(self) -> None:
        found = await call_server(self.app, self._current(), self.status)
        if found is None:
            return
        (session,) = found
        self.session, self.loaded = session, True
        summary = self.query_one("#cash-summary", Static)
        prompt = self.query_one("#cash-prompt", Static)
        if session is None:
            summary.update(_("La caja está cerrada."))
            prompt.update(_("Fondo inicial en efectivo (S/), luego Enter:"))
        else:
            summary.update(_("Caja abierta desde {time}. Fondo {float}. Efectivo {cash}, "
                             "tarjeta {card} ({n} recibos). Efectivo esperado: {expected}")
                           .format(time=lima(session.opened_at).strftime("%H:%M"),
                                   float=soles(session.opening_float),
                                   cash=soles(session.totals.get("cash", 0)),
                                   card=soles(session.totals.get("card", 0)),
                                   n=session.payments, expected=soles(session.expected_cash)))
            prompt.update(_("Para cerrar, escriba el efectivo contado (S/) y pulse Enter:"))
        self.query_one(Input).focus()

    async def _current(self) -> tuple[CashSession | None]:
        # a tuple: "no session" is not failure
        return (await self.shell.client.payments.cash_current(),)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if not self.loaded:
            return
        try:
            amount = parse_soles(event.value)
        except AmountError as exc:
            self.status(exc.text())
            return
        self.submit(amount)

    @work(exit_on_error=False, exclusive=True, group="cash")
    async def submit(self, amount) -> None:
        from screens.documents.receipt import ReceiptScreen

        if self.session is None:
            payments = self.shell.client.payments
            opened = await call_server(self.app, payments.cash_open(amount), self.status)
            if opened is not None:
                self.query_one(Input).value = ""
                self.load()
                self.status(_("Caja abierta. Ya puede cobrar."))
            return
        closed = await call_server(self.app, self.shell.client.payments.cash_close(amount),
                                   self.status)
        if closed is not None:
            self.app.switch_screen(ReceiptScreen(closed.document))

