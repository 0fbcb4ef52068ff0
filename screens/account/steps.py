"""Where the resident is in paying: a step header on every screen of the payment."""

from kiosk.i18n import _


def step(n: int, title: str) -> str:
    return _("Paso {n} de 3: {title}").format(n=n, title=title)
