"""Apertura y cierre de caja: open with a float; close with the counted cash (printed).

Every amount is said back before it counts (AmountInput); closing the till also asks once
more, showing the cash expected, the cash counted and the difference.
"""

import asyncio
from decimal import Decimal

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk import offline_cash
from kiosk.api import ApiError
from kiosk.api.payments import CashSession
from kiosk.clock import lima
from kiosk.i18n import _, ngettext
from kiosk.money import soles
from screens.base import KioskScreen
from screens.calls import call_server
from screens.widgets.amount_input import AmountInput


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
        yield AmountInput(id="cash-amount", say=self._say)

    def on_mount(self) -> None:
        self.load()

    def reload(self) -> None:
        self.load()

    @work(exit_on_error=False, exclusive=True, group="cash")
    async def load(self) -> None:
        found = await call_server(self.app, self._current(), self.status)
        if found is None:
            return
        (session,) = found
        self.session, self.loaded = session, True
        if session is not None:
            await self._ready_for_offline(session)
        summary = self.query_one("#cash-summary", Static)
        prompt = self.query_one("#cash-prompt", Static)
        if session is None:
            summary.update(_("La caja está cerrada."))
            prompt.update(_("Fondo inicial en efectivo (S/), Enter; Enter otra vez para "
                            "confirmar:"))
        else:
            receipts = ngettext("{n} recibo", "{n} recibos", session.payments).format(
                n=session.payments)
            summary.update(_("Caja abierta desde {time}. Fondo {float}. Efectivo {cash}, "
                             "tarjeta {card} ({receipts}). Efectivo esperado: {expected}")
                           .format(time=lima(session.opened_at).strftime("%H:%M"),
                                   float=soles(session.opening_float),
                                   cash=soles(session.totals.get("cash", 0)),
                                   card=soles(session.totals.get("card", 0)),
                                   receipts=receipts, expected=soles(session.expected_cash)))
            prompt.update(_("Para cerrar, escriba el efectivo contado (S/), Enter; Enter otra "
                            "vez para confirmar:"))
        self.query_one(AmountInput).focus()

    async def _ready_for_offline(self, session: CashSession) -> None:
        """While online, keep what collecting cash offline needs (docs/offline.md): the
        open till, and receipt numbers of this terminal's own."""
        staff = self.shell.session.staff
        if staff is None:
            return
        state_dir = self.shell.settings.state_dir
        await asyncio.to_thread(offline_cash.keep_till, state_dir, cash_session_id=session.id,
                                staff_username=staff.username)
        if await asyncio.to_thread(offline_cash.numbers_left, state_dir) >= offline_cash.LOW:
            return
        try:
            block = await self.shell.client.payments.reserve_offline_block()
        except ApiError:
            return  # tried again next time the till is seen; online cash is unaffected
        await asyncio.to_thread(offline_cash.keep_block, state_dir, prefix=block.prefix,
                                first=block.first, last=block.last)

    async def _current(self) -> tuple[CashSession | None]:
        # a tuple: "no session" is not failure
        return (await self.shell.client.payments.cash_current(),)

    def _say(self, amount: Decimal) -> str | None:
        if self.session is None:
            return _("Será el fondo inicial de la caja.")
        difference = amount - self.session.expected_cash
        return _("Esperado {expected}; diferencia {difference}.").format(
            expected=soles(self.session.expected_cash), difference=soles(difference))

    @on(AmountInput.Confirmed)
    def confirmed(self, event: AmountInput.Confirmed) -> None:
        if not self.loaded:
            return
        if self.session is None:
            self.open_till(event.amount)
            return
        self.ask_to_close(event.amount)

    @work(exit_on_error=False, exclusive=True, group="cash")
    async def ask_to_close(self, amount: Decimal) -> None:
        outbox = await asyncio.to_thread(self.shell.open_outbox)
        waiting = await asyncio.to_thread(offline_cash.waiting, outbox)
        if waiting:  # the closing's totals must include every cash payment
            self.status(ngettext(
                "Queda {n} cobro sin conexión por llegar al servidor: la caja se podrá "
                "cerrar cuando llegue.",
                "Quedan {n} cobros sin conexión por llegar al servidor: la caja se podrá "
                "cerrar cuando lleguen.", waiting).format(n=waiting))
            return
        from screens.dialogs.confirm import ConfirmDialog

        difference = amount - self.session.expected_cash
        self.app.push_screen(ConfirmDialog(
            _("Cerrar la caja"),
            _("Efectivo esperado {expected}, contado {counted}, diferencia {difference}. "
              "Después de cerrar no se puede cobrar hasta abrirla de nuevo.").format(
                expected=soles(self.session.expected_cash), counted=soles(amount),
                difference=soles(difference)),
            _("Sí, cerrar la caja e imprimir el cierre")),
            lambda yes: self.close_till(amount) if yes else self.status(
                _("La caja sigue abierta.")))

    @work(exit_on_error=False, exclusive=True, group="cash")
    async def open_till(self, amount: Decimal) -> None:
        opened = await call_server(self.app, self.shell.client.payments.cash_open(amount),
                                   self.status)
        if opened is not None:
            self.query_one(AmountInput).value = ""
            self.load()
            self.status(_("Caja abierta con {amount}. Ya puede cobrar.").format(
                amount=soles(amount)))

    @work(exit_on_error=False, exclusive=True, group="cash")
    async def close_till(self, amount: Decimal) -> None:
        from screens.documents.receipt import ReceiptScreen

        closed = await call_server(self.app, self.shell.client.payments.cash_close(amount),
                                   self.status)
        if closed is not None:
            await asyncio.to_thread(offline_cash.forget_till, self.shell.settings.state_dir)
            self.app.switch_screen(ReceiptScreen(closed.document, callout=_(
                "Caja cerrada. Diferencia: {difference}").format(
                    difference=soles(closed.difference or 0))))
