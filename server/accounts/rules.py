"""The tax arithmetic, as pure functions over Decimal: no database, no dates of today.

Each function cites the rule it implements; the tests work the same examples by hand.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from server.money import ZERO, q2


@dataclass(frozen=True)
class Bracket:
    from_uit: Decimal
    to_uit: Decimal | None
    rate: Decimal


def predial_tax(*, base: Decimal, uit: Decimal, brackets: Sequence[Bracket],
                minimum_uit: Decimal) -> Decimal:
    """Impuesto predial of one owner and year (Ley de Tributación Municipal, arts. 13-14).

    `base` is the owner's total autovalúo in the district. Each bracket's rate applies to the
    part of the base inside it (progressive, not the whole base at the top rate); the tax is
    never below `minimum_uit` × UIT (0.6 % of one UIT).
    """
    tax = ZERO
    for bracket in sorted(brackets, key=lambda b: b.from_uit):
        low = bracket.from_uit * uit
        high = base if bracket.to_uit is None else min(base, bracket.to_uit * uit)
        if high > low:
            tax += (high - low) * bracket.rate
    return max(q2(tax), q2(minimum_uit * uit))


def split(total: Decimal, parts: int) -> list[Decimal]:
    """Equal cuotas to the cent; the first carries the remainder, so they add up exactly."""
    each = (total / parts).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return [total - each * (parts - 1)] + [each] * (parts - 1)


def annual_arbitrio(*, basis: str, amount: Decimal, land_area: Decimal,
                    built_area: Decimal) -> Decimal:
    """An arbitrio for a year: a rate per m² of built or land area, or a flat amount."""
    area = {"built_area": built_area, "land_area": land_area, "flat": Decimal(1)}[basis]
    return q2(area * amount)


@dataclass(frozen=True)
class TimPeriod:
    valid_from: date
    monthly_pct: Decimal


def daily_pct(monthly_pct: Decimal) -> Decimal:
    """Código Tributario art. 33: daily rate = TIM / 30, published to 5 decimals (in %)."""
    return (monthly_pct / 30).quantize(Decimal("0.00001"), rounding=ROUND_HALF_UP)


def accumulated_pct(*, due_on: date, paid_on: date, rates: Sequence[TimPeriod]) -> Decimal:
    """The interest factor in % from the day after `due_on` to `paid_on`, both included.

    Each day takes the TIM in force on that day, so a change of rate mid-period is respected;
    the sum is rounded to 3 decimals, as SUNAT's and the municipalities' tables publish it.
    """
    if paid_on <= due_on:
        return Decimal("0.000")
    ordered = sorted(rates, key=lambda r: r.valid_from)
    total = Decimal(0)
    start = due_on + timedelta(days=1)
    for i, rate in enumerate(ordered):
        end = ordered[i + 1].valid_from - timedelta(days=1) if i + 1 < len(ordered) else paid_on
        lo, hi = max(start, rate.valid_from), min(end, paid_on)
        if hi >= lo:
            total += daily_pct(rate.monthly_pct) * ((hi - lo).days + 1)
    return total.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def interest(*, principal: Decimal, due_on: date, paid_on: date,
             rates: Sequence[TimPeriod]) -> Decimal:
    """Interés moratorio on an unpaid principal: principal × accumulated %, to the cent."""
    return q2(principal * accumulated_pct(due_on=due_on, paid_on=paid_on, rates=rates) / 100)


def plan_schedule(*, total: Decimal, initial: Decimal, instalments: int,
                  monthly_pct: Decimal) -> list[tuple[Decimal, Decimal]]:
    """Fraccionamiento: the first payment, then equal cuotas (French method) at `monthly_pct`.

    Returns (principal, interest) per cuota; cuota 0 is the first payment (no interest). The
    last cuota absorbs rounding, so the principals add up to `total` exactly.
    """
    rest = total - initial
    rate = monthly_pct / 100
    if rate:
        payment = q2(rest * rate / (1 - (1 + rate) ** -instalments))
    else:
        payment = q2(rest / instalments)
    rows = [(initial, ZERO)]
    remaining = rest
    for n in range(1, instalments + 1):
        owed = q2(remaining * rate)
        principal = remaining if n == instalments else min(payment - owed, remaining)
        rows.append((principal, owed))
        remaining -= principal
    return rows
