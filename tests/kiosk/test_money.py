"""Amounts typed by clerks: read as they are shown (comma thousands, point decimals), and
anything that could mean two amounts is refused with a sentence saying how to write it."""

from decimal import Decimal

import pytest

from kiosk import i18n
from kiosk.money import AmountError, parse_soles, soles


@pytest.mark.parametrize(("typed", "amount"), [
    ("4152.45", "4152.45"), ("4,152.45", "4152.45"), ("4,200", "4200.00"), ("1,000", "1000.00"),
    ("125.5", "125.50"), ("S/ 1,234.50", "1234.50"), (" 12 ", "12.00"), ("0", "0.00"),
    ("1,234,567.8", "1234567.80"),
])
def test_amounts_are_read_as_they_are_shown(typed, amount):
    assert parse_soles(typed) == Decimal(amount)
    assert parse_soles(soles(Decimal(amount))) == Decimal(amount)  # what is shown reads back


@pytest.mark.parametrize(("typed", "says"), [
    ("4,20", "4.20"), ("4,2", "42.00"), ("1.000", "1,000.00"), ("1,00,000", "tres en tres"),
    ("12.345", "12,345.00"), ("12.3456", "dos cifras"), ("-5", "negativo"), ("abc", "números"),
    ("", "números"), ("1,234.5,6", "tres en tres"), ("1..5", "números"),
])
def test_what_could_mean_two_amounts_is_refused_and_explained(typed, says):
    with pytest.raises(AmountError) as refused:
        parse_soles(typed)
    assert says in refused.value.text()


def test_the_explanation_is_in_the_device_language():
    i18n.set_language("en")
    try:
        with pytest.raises(AmountError) as refused:
            parse_soles("4,20")
        assert refused.value.text().startswith("Is 4,20 4.20 or 420.00?")
    finally:
        i18n.set_language("es")
