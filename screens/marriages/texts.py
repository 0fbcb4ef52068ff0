"""What the marriage screens share: dates and couples as people read them."""

from datetime import date, datetime

from kiosk.clock import LIMA
from kiosk.i18n import _


def when(moment: datetime) -> str:
    local = moment.astimezone(LIMA)
    return _("{date} a las {time}").format(date=f"{local:%d/%m/%Y}", time=f"{local:%H:%M}")


def couple(names: list[str]) -> str:
    """"Ana y Luis" / "Ana and Luis"."""
    if len(names) == 2:
        return _("{one} y {two}").format(one=names[0], two=names[1])
    return ", ".join(names)


def day(value: date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else "-"

