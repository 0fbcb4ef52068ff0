"""Working days for procedures (the rule itself is the platform's: server/kernel/working_days).

Deadlines follow Ley 27444 (TUO, art. 145): a term of N working days starts on the working day
after reception. Reception follows Ley 31465: a filing made at any hour of a working day counts
that day; one made on a weekend or holiday counts on the next working day.
"""

from datetime import date, datetime

from server.kernel.working_days import (
    add_working_days,
    is_working_day,
    next_working_day,
    working_days_between,
)
from server.timeutil import lima

__all__ = ["add_working_days", "is_working_day", "next_working_day", "reception_date",
           "working_days_between"]


def reception_date(filed_at: datetime) -> date:
    """The legal date of a filing made at `filed_at` (any timezone; counted in Lima)."""
    return next_working_day(lima(filed_at).date())
