"""A SIMULATED card terminal for demos and tests: no card is charged, and it says so.

Spec `simulated[:OUTCOME[:SECONDS]]`: OUTCOME is approve (default), decline or timeout;
SECONDS is how long the "customer" takes to present the card (default 1.5). Tests may set
`next_outcome` to script the next charge.
"""

import secrets
import threading
import time

from devices.payment.base import Approval, PaymentTerminal
from devices.payment.errors import Cancelled, Declined, ReversalFailed, TerminalTimeout

OUTCOMES = ("approve", "decline", "timeout")


class SimulatedTerminal(PaymentTerminal):
    backend = "simulated"
    simulated = True

    def __init__(self, spec: str = "simulated") -> None:
        super().__init__(spec)
        parts = spec.split(":")
        self.outcome = parts[1] if len(parts) > 1 and parts[1] else "approve"
        if self.outcome not in OUTCOMES:
            raise ValueError(f"unknown simulated outcome {self.outcome!r}: one of {OUTCOMES}")
        self.delay = float(parts[2]) if len(parts) > 2 else 1.5
        self.next_outcome: str | None = None
        self.charges: list[tuple[int, str]] = []  # what was approved, for tests
        self.reversals: list[tuple[str, int, str]] = []  # (authorization, cents, reference)
        self.fail_reversal = False  # tests: the acquirer refuses the next reversal

    def _authorize(self, cents: int, reference: str, cancel: threading.Event,
                   timeout: float) -> Approval:
        outcome, self.next_outcome = self.next_outcome or self.outcome, None
        wait = min(timeout, self.delay) if outcome != "timeout" else timeout
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if cancel.wait(0.05):
                raise Cancelled()
        if outcome == "timeout":
            raise TerminalTimeout()
        if outcome == "decline":
            raise Declined()
        self.charges.append((cents, reference))
        return Approval(authorization=f"{secrets.randbelow(10**6):06d}",
                        brand="SIMULADA", last4="0000")

    def _reverse(self, approval: Approval, cents: int, reference: str) -> None:
        if self.fail_reversal:
            self.fail_reversal = False
            raise ReversalFailed()
        self.reversals.append((approval.authorization, cents, reference))
