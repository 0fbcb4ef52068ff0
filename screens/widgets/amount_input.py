"""An amount of soles typed by a clerk: read as amounts are shown, said back, then counted.

The first Enter reads the amount (`kiosk.money.parse_soles`: "4,200" is four thousand two
hundred, "4,20" is refused as ambiguous) and says it back on the message line in figures, with
whatever the screen adds (the change to give, the difference in the till); only a second
Enter on the same amount counts it. Changing the text starts again.
"""

from collections.abc import Callable
from decimal import Decimal

from textual import on
from textual.message import Message
from textual.widgets import Input

from kiosk.i18n import _
from kiosk.money import AmountError, parse_soles, soles


class AmountInput(Input):
    class Confirmed(Message):
        """The clerk confirmed `amount` (Enter twice on the same figure)."""

        def __init__(self, field: "AmountInput", amount: Decimal) -> None:
            super().__init__()
            self.field, self.amount = field, amount

        @property
        def control(self) -> "AmountInput":
            return self.field

    def __init__(self, *, say: Callable[[Decimal], str | None] | None = None,
                 **kwargs) -> None:
        super().__init__(max_length=16, restrict=r"[0-9.,S/ ]*", **kwargs)
        self.say = say  # what the screen adds to the echo, or None to refuse the amount
        self.pending: Decimal | None = None

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            amount = parse_soles(event.value)
        except AmountError as exc:
            self._tell(exc.text())
            return
        if amount == self.pending:
            self.pending = None
            self.post_message(self.Confirmed(self, amount))
            return
        extra = self.say(amount) if self.say else ""
        if extra is None:  # the screen refused it and said why
            return
        self.pending = amount
        self._tell(" ".join(filter(None, (
            _("Monto: {amount}.").format(amount=soles(amount)), extra,
            _("Pulse Enter otra vez para confirmar, o corrija el monto.")))))

    @on(Input.Changed)
    def _changed(self) -> None:
        self.pending = None

    def _tell(self, text: str) -> None:
        status = getattr(self.screen, "status", None)
        if callable(status):
            status(text)
