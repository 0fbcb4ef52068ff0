"""'¿Sigue ahí?': counts down; any key keeps the session, silence ends it."""

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from kiosk.i18n import _, ngettext


class IdleWarning(ModalScreen[bool]):
    def __init__(self, seconds: int, tick: float = 1.0) -> None:
        super().__init__()
        self.remaining, self._tick_seconds = seconds, tick

    def compose(self) -> ComposeResult:
        with Vertical(id="idle-dialog", classes="dialog"):
            yield Static(_("¿Sigue ahí?"), classes="title")
            yield Static(self._text(), id="idle-count")
            yield Static(_("Pulse cualquier tecla para continuar."), classes="hint")

    def _text(self) -> str:
        return ngettext("Por su seguridad, la sesión se cerrará en {n} segundo.",
                        "Por su seguridad, la sesión se cerrará en {n} segundos.",
                        self.remaining).format(n=self.remaining)

    def spoken(self) -> list[str]:
        """The warning, its seconds in steps of ten (a count every second would drown it)."""
        tens = max(10, -(-self.remaining // 10) * 10) if self.remaining > 10 else self.remaining
        count = ngettext("Por su seguridad, la sesión se cerrará en {n} segundo.",
                         "Por su seguridad, la sesión se cerrará en {n} segundos.",
                         tens).format(n=tens)
        return [_("¿Sigue ahí?"), count, _("Pulse cualquier tecla para continuar.")]

    def on_mount(self) -> None:
        self.set_interval(self._tick_seconds, self._tick)

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self.dismiss(False)
            return
        self.query_one("#idle-count", Static).update(self._text())

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.dismiss(True)

    def on_click(self) -> None:
        self.dismiss(True)
