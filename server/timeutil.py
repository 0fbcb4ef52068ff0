"""Time in the district: stored in UTC, shown in America/Lima."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LIMA = ZoneInfo("America/Lima")


def utcnow() -> datetime:
    return datetime.now(UTC)


def lima(dt: datetime) -> datetime:
    return dt.astimezone(LIMA)


def today() -> date:
    """Today's date in Miraflores (interest and due dates count Lima's days)."""
    return lima(utcnow()).date()
