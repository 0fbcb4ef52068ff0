"""Working days (días hábiles) in Peru: Monday to Friday except national holidays.

Holidays come from the `holidays` package (Peru), never from a hand-written list. Deadlines
follow Ley 27444 (TUO, art. 145): a term of N working days starts on the working day after
reception. Reception follows Ley 31465: a filing made at any hour of a working day counts
that day; one made on a weekend or holiday counts on the next working day.
"""

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays

from server.timeutil import lima


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


def reception_date(filed_at: datetime) -> date:
    """The legal date of a filing made at `filed_at` (any timezone; counted in Lima)."""
    return next_working_day(lima(filed_at).date())


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (`start` itself when `days` is 0)."""
    day = start
    for _ in range(days):
        day = next_working_day(day + timedelta(days=1))
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end]: how many of a term remain after `start` until `end`."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count
