"""Soles on screen and on the keypad: one way to show an amount, one way to read one.

Amounts are shown `S/ 4,152.45` (comma thousands, point decimals), and a clerk may type them the
same way. Anything that could mean two amounts is refused with a sentence that says how to
write it, never guessed: "4,20" (is it 4.20 or 420?), "1.000" (one or a thousand?), "1,00,0"
(a broken thousands group), more than two decimals, a negative amount.
"""

import re
from decimal import Decimal, InvalidOperation

from kiosk.i18n import N_, _

CENT = Decimal("0.01")
# digits with optional comma thousands groups, then optional point and 1-2 decimals
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$")
_PLAIN = re.compile(r"^\d+(\.\d{1,2})?$")


def soles(amount: Decimal) -> str:
    """`S/ 1,234.50`: how every amount is shown."""
    return f"S/ {amount:,.2f}"


def plain(amount: Decimal) -> str:
    """`1,234.50`: an amount in a table column (the column says it is soles)."""
    return f"{amount:,.2f}"


class AmountError(ValueError):
    """Why a typed amount was refused, as a msgid (translated when shown)."""

    def __init__(self, message: str, **fields: str) -> None:
        super().__init__(message)
        self.message, self.fields = message, fields

    def text(self) -> str:
        return _(self.message).format(**self.fields)


NOT_AN_AMOUNT = N_("Escriba el monto en números, por ejemplo 150.00 o 4,200.00.")
DECIMAL_COMMA = N_("¿{typed} son {small} o {large}? Use el punto para los céntimos "
                   "({small}) y la coma solo para los miles ({large}).")
AMBIGUOUS_POINT = N_("¿{typed} es {small} o {large}? Escriba los miles con coma ({large}) "
                     "o los céntimos con dos cifras ({small_plain}).")
TOO_MANY_DECIMALS = N_("Los céntimos van con dos cifras como máximo, por ejemplo 150.25.")
BAD_GROUPS = N_("Los miles se separan de tres en tres, por ejemplo 1,234,567.00.")
NEGATIVE = N_("El monto no puede ser negativo.")


def parse_soles(text: str) -> Decimal:
    """The amount typed, to the céntimo; raises AmountError when it is not one amount."""
    typed = text.strip().removeprefix("S/").strip().replace(" ", "")
    if typed.startswith("-"):
        raise AmountError(NEGATIVE)
    if not typed or not re.fullmatch(r"[\d.,]+", typed) or not typed[0].isdigit():
        raise AmountError(NOT_AN_AMOUNT)
    if _PLAIN.match(typed) or _GROUPED.match(typed):
        return _exact(typed.replace(",", ""))
    whole, _sep, last = typed.rpartition(",")
    if "." not in typed and typed.count(",") == 1 and 1 <= len(last) <= 2:
        # "4,20": a decimal comma, or a thousands comma with a digit missing.
        small = _exact(f"{whole}.{last}")
        raise AmountError(DECIMAL_COMMA, typed=typed, small=plain(small),
                          large=plain(_exact(whole + last)))
    whole, _sep, last = typed.rpartition(".")
    if "," not in typed and typed.count(".") == 1 and len(last) == 3:
        # "1.000": a thousands point (as in Spanish writing), or three decimals.
        raise AmountError(AMBIGUOUS_POINT, typed=typed, small=plain(_exact(whole) + Decimal(
            "0." + last).quantize(CENT)), large=plain(_exact(whole + last)),
            small_plain=f"{whole}.{last[:2]}")
    if re.fullmatch(r"[\d,]+\.\d{3,}", typed) or re.fullmatch(r"\d+\.\d{3,}", typed):
        raise AmountError(TOO_MANY_DECIMALS)
    if "," in typed:
        raise AmountError(BAD_GROUPS)
    raise AmountError(NOT_AN_AMOUNT)


def _exact(digits: str) -> Decimal:
    try:
        return Decimal(digits).quantize(CENT)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above only pass digits
        raise AmountError(NOT_AN_AMOUNT) from exc
