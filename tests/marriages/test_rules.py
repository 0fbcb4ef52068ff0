"""The rules of a civil marriage, each with a worked example (Peru's 2026 holidays from the
`holidays` package: Fiestas Patrias 28-29 July, Air Force Day 23 July, Holy Week, 8-9 and
25 December)."""

from datetime import UTC, date
from decimal import Decimal

import pytest

from server.kernel import working_days as calendar
from server.marriages import rules as r
from server.marriages.models import Rules

UIT = Decimal("5500")


@pytest.fixture
def rules() -> Rules:
    return Rules(valid_from=date(2024, 1, 1), min_age=18, file_working_days=15, edicto_days=8,
                 capacity_months=4, medical_days=30, dissolution_days=300, witness_years=3,
                 duration_minutes=45, buffer_minutes=15, office_opens="08:00",
                 office_closes="16:30", fee_hall_uit=Decimal("0.0132"),
                 fee_hall_after_hours_uit=Decimal("0.0264"),
                 fee_elsewhere_uit=Decimal("0.0396"), tupa_code="RC-10", legal_basis="demo")


@pytest.mark.parametrize(("ceremony", "deadline"), [
    # Sat 1 Aug: back over Fri 31, Thu 30, (Wed 29, Tue 28 holidays), Mon 27, Fri 24,
    # (Thu 23 holiday), Wed 22 ... Wed 8 July is the 15th working day (without the three
    # holidays it would be Mon 13 July).
    (date(2026, 8, 1), date(2026, 7, 8)),
    # Thu 31 Dec: over Christmas (Fri 25) and 8-9 December: Mon 7 December.
    (date(2026, 12, 31), date(2026, 12, 7)),
    # Fri 10 April: over Maundy Thursday and Good Friday (2-3 April): Wed 18 March.
    (date(2026, 4, 10), date(2026, 3, 18)),
    # A plain fortnight in September: three weeks of weekdays back.
    (date(2026, 9, 25), date(2026, 9, 4)),
])
def test_the_file_is_complete_15_working_days_before_across_holidays(rules, ceremony, deadline):
    assert r.file_deadline(rules, ceremony) == deadline


def test_the_earliest_ceremony_a_file_started_today_can_make(rules):
    # Started Wed 8 July: Fri 31 July needs the file by Tue 7 July (too late), Sat 1 August
    # by Wed 8 July (today).
    assert r.earliest_day(rules, date(2026, 7, 8)) == date(2026, 8, 1)
    assert r.file_deadline(rules, date(2026, 7, 31)) == date(2026, 7, 7)


def test_working_days_skip_weekends_and_holidays():
    assert not calendar.is_working_day(date(2026, 7, 28))  # Independence Day
    assert not calendar.is_working_day(date(2026, 7, 25))  # Saturday
    assert calendar.is_working_day(date(2026, 7, 27))
    assert calendar.add_working_days(date(2026, 7, 27), 2) == date(2026, 7, 31)


def test_edicto_posted_eight_days_and_capacity_holds_four_months(rules):
    assert r.edicto_until(rules, date(2026, 7, 27)) == date(2026, 8, 3)  # 27 July .. 3 August
    assert r.capacity_until(rules, date(2026, 8, 31)) == date(2026, 12, 31)
    assert r.capacity_until(rules, date(2026, 10, 31)) == date(2027, 2, 28)  # no 31 February


def test_both_parties_18_on_the_day_no_exceptions(rules):
    assert not r.of_age(rules, date(2008, 8, 2), date(2026, 8, 1))  # 17 the day before
    assert r.of_age(rules, date(2008, 8, 2), date(2026, 8, 2))
    assert not r.of_age(rules, date(2008, 2, 29), date(2026, 2, 28))  # a leap-day birthday
    assert r.of_age(rules, date(2008, 2, 29), date(2026, 3, 1))


def test_medical_certificate_at_most_30_days_old(rules):
    assert r.medical_fresh(rules, date(2026, 6, 8), date(2026, 7, 8))  # 30 days
    assert not r.medical_fresh(rules, date(2026, 6, 7), date(2026, 7, 8))  # 31 days
    assert not r.medical_fresh(rules, date(2026, 7, 9), date(2026, 7, 8))  # dated tomorrow


def test_the_300_day_rule(rules):
    day = date(2026, 8, 1)
    needed = dict(sex="F", civil_status="divorciado", ceremony_day=day)
    assert r.pregnancy_certificate_needed(rules, dissolved_on=date(2025, 10, 6), **needed)  # 299
    assert not r.pregnancy_certificate_needed(rules, dissolved_on=date(2025, 10, 5), **needed)
    assert r.pregnancy_certificate_needed(rules, sex="F", civil_status="viudo",
                                          dissolved_on=date(2026, 1, 1), ceremony_day=day)
    assert not r.pregnancy_certificate_needed(rules, sex="M", civil_status="viudo",
                                              dissolved_on=date(2026, 1, 1), ceremony_day=day)
    assert not r.pregnancy_certificate_needed(rules, sex="F", civil_status="soltero",
                                              dissolved_on=None, ceremony_day=day)



@pytest.mark.parametrize(("day", "hour", "hall", "kind", "amount"), [
    (date(2026, 7, 27), 10, True, "hall", "72.60"),  # a Monday morning in the hall
    (date(2026, 7, 28), 10, True, "hall_after_hours", "145.20"),  # Independence Day
    (date(2026, 7, 25), 10, True, "hall_after_hours", "145.20"),  # a Saturday
    (date(2026, 7, 27), 16, True, "hall_after_hours", "145.20"),  # ends 16:45, office shut
    (date(2026, 7, 27), 10, False, "elsewhere", "217.80"),  # a park
])
def test_the_tupa_fee_of_a_slot(rules, day, hour, hall, kind, amount):
    start, end = r.slot_times(rules, day, f"{hour:02d}:00")
    fee = r.fee(rules, uit=UIT, hall=hall, starts_at=start.astimezone(UTC),
                ends_at=end.astimezone(UTC))
    assert (fee.kind, fee.amount) == (kind, Decimal(amount))


def test_a_slot_keeps_its_place_for_the_ceremony_and_the_buffer(rules):
    start, end = r.slot_times(rules, date(2026, 7, 27), "10:00")
    assert (end - start).seconds == 45 * 60
    block = r.block(rules, start, end)
    assert block == (start, start.replace(hour=11))  # the next hourly slot starts right after
