"""The bottom line: which keys do what, in the current language (kiosk keypads have few keys).

Built by the screen from what works on it now (its menus' pages), so a hint never names a key
that does nothing. Wraps to a second line rather than being cut at 80 columns.
"""

from textual.content import Content
from textual.widgets import Static

from kiosk.i18n import _


class KeyHints(Static):
    def __init__(self) -> None:
        super().__init__("", id="key-hints")

    def show(self, hints: list[tuple[str, str]]) -> None:
        if getattr(self.screen, "show_help_hint", True):
            hints = [*hints, ("F1", _("Ayuda e idioma"))]
        app = self.app
        if getattr(app.reader, "backend", "") == "simulated" and not app.settings.terminal:
            hints.append(("F2", _("Tarjeta demo")))
        parts: list = []
        for key, text in hints:
            if parts:
                parts.append("   ")
            parts += [(key, "bold"), " ", text]
        self.update(Content.assemble(*parts))
