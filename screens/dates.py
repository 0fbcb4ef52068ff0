"""Dates as residents and clerks type them at the keypad (DD/MM/AAAA), for every service."""

from datetime import date


def parse_date(text: str) -> date | None:
    """DD/MM/AAAA (or DD-MM-AAAA) as people write it; None when it is not a date."""
    parts = text.strip().replace("-", "/").split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    day, month, year = (int(p) for p in parts)
    try:
        return date(year, month, day)
    except ValueError:
        return None
