"""No card terminal at this device: every charge is refused before anything happens."""

import threading

from devices.payment.base import Approval, PaymentTerminal
from devices.payment.errors import TerminalUnavailable


class NoTerminal(PaymentTerminal):
    backend = "none"

    def _authorize(self, cents: int, reference: str, cancel: threading.Event,
                   timeout: float) -> Approval:
        raise TerminalUnavailable()

    def _reverse(self, approval: Approval, cents: int, reference: str) -> None:
        raise TerminalUnavailable()  # it never approved anything
