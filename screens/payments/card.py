"""The one card-payment screen: whatever a service charges, the terminal takes it, then the
server records it, once.

A service describes the payment with a `Charge`: what is paid for (shown to the person), the
amount, how the server checks it before the card is touched (`check()`: the same refusals as
recording it, nothing written), how the server records it (`record(card, key)`: the debts
paid, the file filed, the copy issued…), then what to show once it is recorded.

Money is never taken without a record:
- the server is asked first, so a payment it would refuse never reaches the terminal;
- the idempotency key is chosen before the card is charged and kept until the server has
  answered, so a server hiccup after the approval is retried with the same key and can never
  charge or record twice;
- when the server still refuses an approved charge, the terminal reverses it at once, and the
  person is told so with the authorisation number.
"""

import asyncio
import threading
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from devices.payment.base import Approval
from devices.payment.errors import PaymentError
from kiosk.api import ApiError, ServerUnavailable
from kiosk.i18n import _, language
from kiosk.money import soles
from screens import offline
from screens.base import KioskScreen
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option

RETRY_SECONDS = 3.0
MAX_WAIT_SECONDS = 600.0  # after that, staff take over with the authorisation code


@dataclass(frozen=True)
class Charge:
    """What a card payment is for, and how the server records it.

    `record(card, idempotency_key)` sends the approval to the server (card: authorization,
    brand, last4) and returns what the server answers; `finish(result)` shows it (a receipt, a
    cargo, a certificate). `step` is the line above the amount, when the payment is one step
    of a longer path ("Paso 3 de 3: pague con su tarjeta").
    """

    what: str
    amount: Decimal
    record: Callable[[dict[str, str], str], Awaitable[Any]]
    finish: Callable[[Any], None]
    check: Callable[[], Awaitable[Any]] | None = None
    step: str | None = None


class CardPaymentScreen(KioskScreen):
    BINDINGS = [Binding("0", "cancel", show=False)]

    def __init__(self, charge: Charge) -> None:
        super().__init__()
        self.charge_for = charge
        self.amount = charge.amount
        self.key = str(uuid.uuid4())
        self._cancel = threading.Event()
        self.registering = False  # card approved, payment not yet recorded: no way back

    @property
    def can_go_back(self) -> bool:  # type: ignore[override]
        return not self.registering

    def heading(self) -> str:
        return _("Pago con tarjeta")

    def body(self) -> ComposeResult:
        if self.charge_for.step:
            yield Static(self.charge_for.step, id="step", classes="step")
        yield Static(self.charge_for.what, id="card-what", classes="lead")
        yield Static(_("Total a pagar: [b]{amount}[/b]").format(amount=soles(self.amount)),
                     classes="callout")
        yield NumberedMenu([], back=None, id="card-menu")

    def hints(self) -> list[tuple[str, str]]:
        return [] if self.registering else [("0", _("Cancelar"))]

    def on_mount(self) -> None:
        self.charge()

    async def _menu(self, options: list[Option]) -> None:
        menu = self.query_one("#card-menu", NumberedMenu)
        await menu.show(options, back=back_option() if options else None)

    @work(exit_on_error=False, exclusive=True, group="card")
    async def charge(self) -> None:
        self._cancel.clear()
        await self._menu([])
        if not await self._server_agrees():
            return
        terminal = self.shell.payment_terminal
        note = _(" (terminal SIMULADO: no se cobra dinero real)") if terminal.simulated else ""
        self.status(_("Inserte o acerque su tarjeta al terminal de pago y siga sus "
                      "instrucciones.{note} Pulse 0 para cancelar.").format(note=note))
        try:
            approval = await asyncio.to_thread(terminal.charge, self.amount,
                                               f"kiosk:{self.key}", self._cancel)
        except PaymentError as exc:
            self.status(exc.text(language()))
            await self._menu([Option("retry", _("Intentar de nuevo"))])
            return
        self.registering = True
        self.refresh_hints()
        await self.register(approval)

    async def _server_agrees(self) -> bool:
        """Ask the server before the terminal: a payment it would refuse is never charged."""
        if self.charge_for.check is None:
            return True
        self.status(_("Comprobando el pago con el servidor municipal…"))
        try:
            await self.charge_for.check()
        except ServerUnavailable:
            self.shell.report_unavailable()
            self.status(offline.card_payment())  # never charged offline (docs/offline.md)
            await self._menu([Option("retry", _("Intentar de nuevo"))])
            return False
        except ApiError as exc:
            self.status(exc.text(language()) + " " + _("No se cobró nada."))
            await self.query_one("#card-menu", NumberedMenu).show([], back=back_option())
            return False
        return True

    async def register(self, approval: Approval) -> None:
        card = {"authorization": approval.authorization, "brand": approval.brand,
                "last4": approval.last4}
        waited = 0.0
        while True:
            self.status(_("Tarjeta aprobada (autorización {auth}). Registrando su pago…")
                        .format(auth=approval.authorization))
            try:
                result = await self.charge_for.record(card, self.key)
                break
            except ServerUnavailable:
                self.shell.report_unavailable()
                if waited >= MAX_WAIT_SECONDS:
                    self._failed(approval, _("El servidor municipal no responde."))
                    return
                self.status(_("Su tarjeta fue aprobada (autorización {auth}). El servidor "
                              "municipal no responde: reintentamos con la misma operación, "
                              "así que no se le cobrará dos veces. No se retire.").format(
                    auth=approval.authorization))
                await asyncio.sleep(RETRY_SECONDS)
                waited += RETRY_SECONDS
            except ApiError as exc:
                await self._reverse(approval, exc.text(language()))
                return
        self.registering = False
        self.charge_for.finish(result)
        self.shell.payment_settled()

    async def _reverse(self, approval: Approval, reason: str) -> None:
        """The server refused the approved charge for good: give the money back at once."""
        self.status(_("El pago no pudo registrarse: {reason} Anulando el cargo en su "
                      "tarjeta (autorización {auth})…").format(reason=reason,
                                                              auth=approval.authorization))
        try:
            await asyncio.to_thread(self.shell.payment_terminal.reverse, approval, self.amount,
                                    f"kiosk:{self.key}")
        except PaymentError:
            self._failed(approval, reason)
            return
        self.registering = False
        self.refresh_hints()
        self.shell.payment_settled()
        self.shell.last_error = f"card charge reversed: auth {approval.authorization}"
        self.status(_("El pago no pudo registrarse: {reason} Anulamos el cargo en su tarjeta "
                      "(autorización {auth}): no se le cobró nada.").format(
            reason=reason, auth=approval.authorization))
        await self.query_one("#card-menu", NumberedMenu).show([], back=back_option())

    def _failed(self, approval: Approval, reason: str) -> None:
        self.registering = False
        self.refresh_hints()
        self.shell.payment_settled()
        self.shell.last_error = f"card payment not recorded: auth {approval.authorization}"
        self.status(_("Su tarjeta fue aprobada (autorización {auth}) pero el pago no pudo "
                      "registrarse: {reason} Pida ayuda al personal con este número: el cargo "
                      "se anula o se registra, nunca se le cobra dos veces.").format(
            auth=approval.authorization, reason=reason))

    def action_cancel(self) -> None:
        if not self.registering:
            self._cancel.set()

    @on(NumberedMenu.Chosen, "#card-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        self.charge()
