"""What the kiosk says, as text a voice can read: amounts as amounts, codes digit by digit.

Screens give the lines they show (`KioskScreen.spoken`); `speakable` turns one of them into
words for the speaker: `S/ 4,152.45` becomes "cuatro mil ciento cincuenta y dos soles con
cuarenta y cinco céntimos" (num2words, in the device's language), a code or a long number
(a DNI, a receipt number, a verification code) is spelled one character at a time, and the
symbols of the screen (`…`, `←`, `·`, masks) become words or pauses.
"""

from __future__ import annotations

import re
from decimal import Decimal

from kiosk.i18n import N_, _

_AMOUNT = re.compile(r"S/\s?(\d{1,3}(?:,\d{3})*|\d+)\.(\d{2})")
# A code: groups of capitals and digits joined by hyphens (RP-PM-2026-000123, a
# verification code or a ballot tracker), or a run of five or more digits (DNI, payment code).
_CODE = re.compile(r"\b[A-Z0-9]+(?:-[A-Z0-9]+)+\b|\b\d{5,}\b")
_GROUPED_DIGITS = re.compile(r"\b\d{3}(?: \d{3}){2,}\b")  # a payment code as shown: 123 456 789
_MARKUP = re.compile(r"\[/?[a-z]*\]")
def num2words(number: object, **options: str) -> str:
    """num2words, imported on first use: its language tables cost tens of milliseconds that the
    kiosk's start (before anyone asks for speech) should not pay."""
    from num2words import num2words as convert

    return convert(number, **options)


_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\b")
MONTHS = (N_("enero"), N_("febrero"), N_("marzo"), N_("abril"), N_("mayo"), N_("junio"),
          N_("julio"), N_("agosto"), N_("septiembre"), N_("octubre"), N_("noviembre"),
          N_("diciembre"))


def amount_words(amount: Decimal, lang: str) -> str:
    """`Decimal("4152.45")` -> "cuatro mil ciento cincuenta y dos soles con cuarenta y cinco
    céntimos" (es) or "four thousand, one hundred and fifty-two soles and forty-five
    céntimos" (en); no céntimos are named when there are none."""
    amount = amount.quantize(Decimal("0.01"))
    whole, cents = int(amount), int((amount * 100) % 100)
    if lang == "es":
        words = num2words(Decimal(whole), lang="es", to="currency", currency="PEN")
        words = words.split(" con ")[0]
        if whole >= 1_000_000 and whole % 1_000_000 == 0:
            words = words.replace(" soles", " de soles")  # "un millón de soles"
        if cents:
            words += " con " + num2words(Decimal(cents) / 100, lang="es", to="currency",
                                         currency="PEN").split(" con ")[1]
        return words
    words = num2words(whole, lang="en") + (" sol" if whole == 1 else " soles")
    if cents:
        words += " and " + num2words(cents, lang="en") + (" céntimo" if cents == 1
                                                          else " céntimos")
    return words


def spell(code: str, lang: str) -> str:
    """One character at a time, digits as words; hyphens and spaces as short pauses:
    "RP-PM-2026-000123" -> "R P, P M, dos cero dos seis, cero cero cero uno dos tres"."""
    groups = [g for g in re.split(r"[-\s]+", code) if g]
    return ", ".join(" ".join(num2words(int(c), lang=lang) if c.isdigit() else c
                              for c in group) for group in groups)


def speakable(text: str, lang: str) -> str:
    """A line of the screen as a voice should read it."""
    text = _MARKUP.sub("", text)
    text = _DATE.sub(_date_words, text)
    text = _AMOUNT.sub(lambda m: amount_words(
        Decimal(m.group(1).replace(",", "") + "." + m.group(2)), lang), text)
    text = _GROUPED_DIGITS.sub(lambda m: spell(m.group(0), lang), text)
    text = _CODE.sub(lambda m: spell(m.group(0), lang), text)
    for symbol, words in _symbols().items():
        text = text.replace(symbol, words)
    return " ".join(text.split())


def _date_words(match: re.Match) -> str:
    """31/08/2026 -> "31 de agosto de 2026" ("August 31, 2026")."""
    day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return match.group(0)
    name = _(MONTHS[month - 1])
    date = _("{day} de {month}").format(day=day, month=name)
    return _("{date} de {year}").format(date=date, year=year) if year else date


def _symbols() -> dict[str, str]:
    return {"…": ".", "·": ",", "(X)": _("marcado:"), "( )": _("sin marcar:"),
            "←": _("flecha izquierda"), "→": _("flecha derecha"),
            "↑": _("flecha arriba"), "↓": _("flecha abajo"), "+/-": _("más o menos"),
            "\n": ". "}
