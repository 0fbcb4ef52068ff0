"""The words the Partidas screens share (Spanish msgids)."""

from datetime import date

from kiosk.i18n import N_, _

KIND_LABELS = {"birth": N_("Nacimiento"), "marriage": N_("Matrimonio"), "death": N_("Defunción")}
ROLE_LABELS = {"inscrito": N_("inscrito"), "madre": N_("madre"), "padre": N_("padre"),
               "contrayente": N_("contrayente"), "testigo": N_("testigo"),
               "fallecido": N_("fallecido"), "declarante": N_("declarante"),
               "celebrante": N_("celebrante")}


def kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


def role_label(role: str | None) -> str:
    return _(ROLE_LABELS.get(role, role)) if role else ""


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
