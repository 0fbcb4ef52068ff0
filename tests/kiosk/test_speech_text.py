"""Amounts read as amounts and codes spelled digit by digit, in Spanish and English."""

from decimal import Decimal

import pytest

from kiosk.speech import amount_words, speakable, spell


@pytest.mark.parametrize(("amount", "es", "en"), [
    ("4152.45", "cuatro mil ciento cincuenta y dos soles con cuarenta y cinco céntimos",
     "four thousand, one hundred and fifty-two soles and forty-five céntimos"),
    ("1.00", "un sol", "one sol"),
    ("21.00", "veintiún soles", "twenty-one soles"),
    ("0.01", "cero soles con un céntimo", "zero soles and one céntimo"),
    ("1000000.00", "un millón de soles", "one million soles"),
])
def test_amounts_are_read_as_amounts(amount, es, en):
    assert amount_words(Decimal(amount), "es") == es
    assert amount_words(Decimal(amount), "en") == en


def test_codes_are_spelled_one_character_at_a_time():
    assert spell("RP-PM-2026-000123", "es") == (
        "R P, P M, dos cero dos seis, cero cero cero uno dos tres")
    assert spell("40123456", "en") == "four zero one two three four five six"


def test_a_screen_line_becomes_words():
    line = ("[b]Seleccionado (3): S/ 4,152.45[/b]\nRecibo RP-PM-2026-000123 · DNI 40123456 · "
            "código 123 456 789 · año 2026 …")
    said = speakable(line, "es")
    assert said == ("Seleccionado (3): cuatro mil ciento cincuenta y dos soles con cuarenta y "
                    "cinco céntimos. Recibo R P, P M, dos cero dos seis, cero cero cero uno dos "
                    "tres , DNI cuatro cero uno dos tres cuatro cinco seis , código uno dos "
                    "tres, cuatro cinco seis, siete ocho nueve , año 2026 .")
    assert "S/" not in said and "[b]" not in said


def test_dates_are_read_as_dates_in_each_language():
    from kiosk import i18n

    assert speakable("vence el 31/08/2026", "es") == "vence el 31 de agosto de 2026"
    assert speakable("hasta el 14/03", "es") == "hasta el 14 de marzo"
    i18n.set_language("en")
    assert speakable("due 31/08/2026", "en") == "due August 31, 2026"
