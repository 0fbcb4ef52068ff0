"""Working days (días hábiles) in Peru: Monday to Friday except national holidays, from the
`holidays` package (Peru), never a hand-written list. One rule for every domain that counts
terms in working days (procedures, marriages, council)."""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("PE", years=[year]).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (`start` itself when `days` is 0)."""
    day = start
    for _ in range(days):
        day = next_working_day(day + timedelta(days=1))
    return day


def working_days_before(day: date, days: int) -> date:
    """The `days`-th working day before `day` (`day` itself when `days` is 0)."""
    for _ in range(days):
        day -= timedelta(days=1)
        while not is_working_day(day):
            day -= timedelta(days=1)
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end]: how many of a term remain after `start` until `end`."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")
