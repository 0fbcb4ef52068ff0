"""The bottom line: which keys do what, in the current language (kiosk keypads have few keys)."""

from textual.widgets import Static

from kiosk.i18n import _


class KeyHints(Static):
    def __init__(self, hints: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self._hints = hints

    def on_mount(self) -> None:
        hints = self._hints or [("Enter", _("Aceptar")), ("Esc", _("Volver"))]
        hints = [*hints, ("F1", _("Ayuda e idioma"))]
        if getattr(self.app.reader, "backend", "") == "simulated":
            hints.append(("F2", _("Tarjeta demo")))
        self.update("   ".join(f"[b]{key}[/b] {text}" for key, text in hints))
