"""What the marriage screens share: dates as people read and write them, the QR of a link."""

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


def parse_date(text: str) -> date | None:
    """DD/MM/AAAA (or DD-MM-AAAA) as people write it; None when it is not a date."""
    parts = text.strip().replace("-", "/").split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    d, m, y = (int(p) for p in parts)
    try:
        return date(y, m, d)
    except ValueError:
        return None


def qr_text(data: str) -> str:
    """A QR code drawn with half blocks (two modules a character cell, dark on light), for
    a phone to read off the screen."""
    import segno

    matrix = [list(row) for row in segno.make(data, error="m", boost_error=False).matrix]
    quiet = 2
    width = len(matrix[0]) + 2 * quiet
    rows = [[0] * width for _ in range(quiet)]
    rows += [[0] * quiet + [int(bool(v)) for v in row] + [0] * quiet for row in matrix]
    rows += [[0] * width for _ in range(quiet + (len(rows) + quiet) % 2)]
    glyph = {(0, 0): "█", (1, 1): " ", (1, 0): "▄", (0, 1): "▀"}
    return "\n".join("".join(glyph[(top[i], low[i])] for i in range(width))
                     for top, low in zip(rows[::2], rows[1::2], strict=True))
