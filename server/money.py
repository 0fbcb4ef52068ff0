"""Money: Decimal soles with two places, stored as integer céntimos; never float."""

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import BigInteger, String
from sqlalchemy.types import TypeDecorator

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def q2(value: Decimal) -> Decimal:
    """Round to the cent, half up (the rounding of SUNAT and municipal tax offices)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt(value: Decimal) -> str:
    """`S/ 1,234.50` — the one way amounts are written for people."""
    return f"S/ {q2(value):,.2f}"


class Money(TypeDecorator[Decimal]):
    """Soles to the cent, kept as integer céntimos so every database sums them exactly."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect) -> int | None:
        if value is None:
            return None
        value = Decimal(value)
        if value != value.quantize(CENT):
            raise ValueError(f"amount {value} has fractions of a cent")
        return int(value * 100)

    def process_result_value(self, value: int | None, dialect) -> Decimal | None:
        return None if value is None else (Decimal(value) / 100).quantize(CENT)


class ExactDecimal(TypeDecorator[Decimal]):
    """Rates and areas as their exact decimal text (SQLite has no decimal type)."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect) -> str | None:
        return None if value is None else str(Decimal(value))

    def process_result_value(self, value: str | None, dialect) -> Decimal | None:
        return None if value is None else Decimal(value)
