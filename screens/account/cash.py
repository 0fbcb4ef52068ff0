"""Step 3 in cash, at the cashier's terminal: the amount received and the change.

When the server is away, the cash is still taken (docs/offline.md): numbered from this
terminal's own block, signed by the device, printed as a provisional receipt, and sent by the
outbox when the link returns. The ordinary attempt's key goes with it, so cash whose
ordinary payment did reach the server is never recorded twice.
"""

import asyncio
import uuid
from datetime import datetime
from decimal import Decimal

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk import offline_cash
from kiosk.api import ApiError, ServerUnavailable
from kiosk.clock import LIMA
from kiosk.i18n import _, language
from kiosk.money import soles
from screens.account.finish import show_receipt
from screens.account.steps import step
from screens.base import KioskScreen
from screens.widgets.amount_input import AmountInput


class CashPaymentScreen(KioskScreen):
    def __init__(self, debt_ids: list[int], amount: Decimal) -> None:
        super().__init__()
        self.debt_ids, self.amount = debt_ids, amount
        self.key = str(uuid.uuid4())
        self.offline_number: str | None = None  # taken offline: never taken twice

    def heading(self) -> str:
        return _("Cobro en efectivo")

    def body(self) -> ComposeResult:
        yield Static(step(3, _("cobre en efectivo")), id="step", classes="step")
        yield Static(_("Total a cobrar: [b]{amount}[/b]").format(amount=soles(self.amount)),
                     classes="callout")
        yield Static(_("Monto recibido (S/), Enter; Enter otra vez para confirmar"))
        yield AmountInput(id="tendered", say=self._change)

    def on_mount(self) -> None:
        self.query_one(AmountInput).focus()

    def _change(self, tendered: Decimal) -> str | None:
        if tendered < self.amount:
            self.status(_("{tendered} no cubre el total de {total}.").format(
                tendered=soles(tendered), total=soles(self.amount)))
            return None
        return _("Vuelto: {change}.").format(change=soles(tendered - self.amount))

    @on(AmountInput.Confirmed)
    def confirmed(self, event: AmountInput.Confirmed) -> None:
        self.collect(event.amount)

    @work(exit_on_error=False, exclusive=True, group="cash")
    async def collect(self, tendered: Decimal) -> None:
        if self.offline_number is not None:
            self.status(self._offline_text(tendered))
            return
        self.status(_("Registrando el cobro…"))
        try:
            payment = await self.shell.client.payments.pay(
                debt_ids=self.debt_ids, method="cash", amount=self.amount, tendered=tendered,
                idempotency_key=self.key)
        except ServerUnavailable as exc:
            self.shell.report_unavailable()
            await self.collect_offline(tendered, exc)
            return
        except ApiError as exc:
            self.status(exc.text(language()))
            return
        show_receipt(self.app, payment.document, callout=_(
            "Entregue el vuelto: {change}").format(change=soles(payment.change or 0)))

    async def collect_offline(self, tendered: Decimal, unavailable: ServerUnavailable) -> None:
        state_dir = self.shell.settings.state_dir
        resident, staff = self.shell.session.resident, self.shell.session.staff
        till = None if staff is None else await asyncio.to_thread(
            offline_cash.till, state_dir, staff.username)
        if resident is None or till is None:  # no till seen online: nothing to record into
            self.status(unavailable.text(language()))
            return
        outbox = await asyncio.to_thread(self.shell.open_outbox)
        try:
            receipt = await asyncio.to_thread(
                offline_cash.record_cash, state_dir=state_dir, outbox=outbox,
                resident_dni=resident.dni, debt_ids=self.debt_ids, amount=self.amount,
                tendered=tendered, staff_username=staff.username, cash_session_id=till,
                online_key=self.key)
        except offline_cash.NoNumbersLeft as exc:
            self.status(exc.es if language() == "es" else exc.en)
            return
        except (OSError, ValueError):  # no device key (enrolled without a certificate)
            self.status(unavailable.text(language()))
            return
        self.offline_number = receipt.number
        self.status(self._offline_text(tendered))
        slip = offline_cash.provisional_receipt(
            number=receipt.number, holder=resident.full_name,
            site=self.app.site_name or "Municipalidad de Miraflores",
            amount=self.amount, tendered=tendered, debts=len(self.debt_ids),
            at=datetime.now(LIMA))
        try:
            await asyncio.to_thread(self.shell.printer.print_receipt, slip)
        except Exception as exc:  # the cash is recorded; the cashier writes the number
            self.status(self._offline_text(tendered) + " " + _(
                "No se pudo imprimir ({error}): anote el número en un recibo manual.").format(
                    error=exc))

    def _offline_text(self, tendered: Decimal) -> str:
        return _("Sin conexión: cobro registrado en este terminal con el recibo provisional "
                 "{number}; llegará solo al servidor cuando vuelva la conexión. Entregue el "
                 "vuelto: {change}").format(number=self.offline_number,
                                            change=soles(tendered - self.amount))
