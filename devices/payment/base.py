"""The card payment terminal every backend implements.

A backend implements two primitives that block until the terminal answers and run on a
worker thread: `_authorize` (must give up when `cancel` is set or `timeout` passes) and
`_reverse` (undo an approved charge that could not be recorded: the acquirer's reversal, so
the card is never charged for something the municipality has no record of). The base checks
the amount and maps every outcome to an Approval or a PaymentError.
"""

import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import Decimal

from devices.payment.errors import PaymentError, ReversalFailed


@dataclass(frozen=True)
class Approval:
    authorization: str
    brand: str
    last4: str  # the only part of the card number that leaves the terminal


class PaymentTerminal(ABC):
    backend = "base"
    simulated = False

    def __init__(self, spec: str) -> None:
        self.spec = spec

    @abstractmethod
    def _authorize(self, cents: int, reference: str, cancel: threading.Event,
                   timeout: float) -> Approval:
        """Charge `cents` (PEN); raise Declined, TerminalTimeout or Cancelled otherwise."""

    @abstractmethod
    def _reverse(self, approval: Approval, cents: int, reference: str) -> None:
        """Reverse the approved charge; raise ReversalFailed when the terminal refuses."""

    def reverse(self, approval: Approval, amount: Decimal, reference: str) -> None:
        """Undo `approval` (of `amount`, taken for `reference`); PaymentError if it failed."""
        try:
            self._reverse(approval, int(amount * 100), reference)
        except PaymentError:
            raise
        except OSError as exc:
            raise ReversalFailed(str(exc)) from exc

    def charge(self, amount: Decimal, reference: str, cancel: threading.Event | None = None,
               timeout: float = 90.0) -> Approval:
        if amount <= 0 or amount != amount.quantize(Decimal("0.01")):
            raise ValueError(f"amount {amount} must be positive soles to the cent")
        try:
            return self._authorize(int(amount * 100), reference, cancel or threading.Event(),
                                   timeout)
        except PaymentError:
            raise
        except OSError as exc:
            raise PaymentError(str(exc)) from exc
