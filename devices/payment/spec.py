"""Pick the payment terminal backend from a configuration string (`none`, `simulated[:...]`)."""

from devices.payment.base import PaymentTerminal


def open_terminal(spec: str) -> PaymentTerminal:
    kind = spec.split(":", 1)[0]
    if kind == "none":
        from devices.payment.none import NoTerminal

        return NoTerminal(spec)
    if kind == "simulated":
        from devices.payment.simulated import SimulatedTerminal

        return SimulatedTerminal(spec)
    raise ValueError(f"unknown payment terminal {spec!r}: use none or simulated[:OUTCOME]")
