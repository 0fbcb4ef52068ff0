"""The district's time: every date and hour a user reads is Lima's, whatever the machine's."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

LIMA = ZoneInfo("America/Lima")


def lima(moment: datetime) -> datetime:
    return moment.astimezone(LIMA)


def today() -> date:
    return datetime.now(LIMA).date()
