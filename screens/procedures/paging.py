"""Long lists on a keypad: eight numbered entries a page, 9 for the next page."""

from collections.abc import Sequence

from kiosk.i18n import _
from screens.widgets.numbered_menu import Option

PAGE = 8


def page_options(labels: Sequence[tuple[str, str]], page: int) -> list[Option]:
    """`labels` are (id, text); the options of `page` (0-based) plus "more" when needed."""
    start = page * PAGE
    chunk = labels[start:start + PAGE]
    options = [Option(str(n), text, ident) for n, (ident, text) in enumerate(chunk, start=1)]
    if len(labels) > PAGE:
        last = (len(labels) - 1) // PAGE
        options.append(Option("9", _("Más… (página {n} de {total})").format(
            n=page + 1, total=last + 1), "next-page"))
    return options


def next_page(labels: Sequence, page: int) -> int:
    return 0 if (page + 1) * PAGE >= len(labels) else page + 1
