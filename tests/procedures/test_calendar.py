"""Working days, reception dates and pauses, against cases worked out by hand on the 2026
calendar (Fiestas Patrias 28-29 July; 8 and 9 December; 1 November on a Sunday)."""

from datetime import UTC, date, datetime

from server.procedures import calendar


def test_a_filing_on_saturday_counts_on_monday_and_skips_fiestas_patrias():
    saturday = datetime(2026, 7, 25, 15, 0, tzinfo=UTC)  # 10:00 in Lima
    received = calendar.reception_date(saturday)
    assert received == date(2026, 7, 27)
    # 5 working days: Thu 30, Fri 31 July, Mon 3, Tue 4, Wed 5 August (28, 29 are holidays).
    assert calendar.add_working_days(received, 5) == date(2026, 8, 5)


def test_a_filing_late_on_a_working_day_counts_that_day_in_lima():
    late_friday = datetime(2026, 7, 25, 4, 30, tzinfo=UTC)  # Fri 24 July 23:30 in Lima
    assert calendar.reception_date(late_friday) == date(2026, 7, 24)


def test_a_holiday_filing_rolls_to_the_next_working_day():
    assert calendar.reception_date(datetime(2026, 12, 8, 15, tzinfo=UTC)) == date(2026, 12, 10)
    assert not calendar.is_working_day(date(2026, 12, 9))


def test_an_observation_pauses_the_clock_and_gives_back_the_days_left():
    received = date(2026, 11, 2)
    due = calendar.add_working_days(received, 10)
    assert due == date(2026, 11, 16)
    observed = date(2026, 11, 9)
    left = calendar.working_days_between(observed, due)
    assert left == 5  # 10, 11, 12, 13 and 16 November
    corrected = date(2026, 12, 2)
    # Thu 3, Fri 4, Mon 7, (8 and 9 are holidays) Thu 10, Fri 11 December.
    assert calendar.add_working_days(corrected, left) == date(2026, 12, 11)


def test_zero_days_is_the_day_itself():
    assert calendar.add_working_days(date(2026, 11, 24), 0) == date(2026, 11, 24)
    assert calendar.working_days_between(date(2026, 11, 24), date(2026, 11, 24)) == 0
