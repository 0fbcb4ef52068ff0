"""Time in the district: stored in UTC, shown in America/Lima."""

import re
from datetime import UTC, date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

LIMA = ZoneInfo("America/Lima")


def utcnow() -> datetime:
    return datetime.now(UTC)


def lima(dt: datetime) -> datetime:
    return dt.astimezone(LIMA)


def today() -> date:
    """Today's date in Miraflores (interest and due dates count Lima's days)."""
    return lima(utcnow()).date()


def _iso_date(value: object) -> object:
    # Pydantic would also take a number as a Unix timestamp (`?start=0` is 1970-01-01): a
    # client means a calendar date, so only YYYY-MM-DD (the documented `format: date`).
    if isinstance(value, str) and not ISO_DATE.fullmatch(value):
        raise PydanticCustomError("date_parsing", "a date must be YYYY-MM-DD")
    return value


ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
