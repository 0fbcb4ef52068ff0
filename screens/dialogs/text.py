"""A line of text a clerk types (a reason, a newspaper, a resolution, a date): Enter gives it,
Esc gives None. Shared by every service's staff screens."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from kiosk.i18n import _, ngettext


class TextDialog(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, title: str, placeholder: str, *, min_length: int = 1) -> None:
        super().__init__()
        self.title_text, self.placeholder, self.min_length = title, placeholder, min_length

    def compose(self) -> ComposeResult:
        with Vertical(id="text-dialog", classes="dialog"):
            yield Static(self.title_text, classes="title", markup=False)
            yield Input(id="text-dialog-input", max_length=300, placeholder=self.placeholder)
            yield Static(_("Enter: aceptar · Esc: cancelar"), id="text-dialog-hint",
                         classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if len(event.value.strip()) >= self.min_length:
            self.dismiss(event.value.strip())
            return
        # Too short: say so where the clerk is looking, rather than ignore the Enter.
        self.query_one("#text-dialog-hint", Static).update(ngettext(
            "Escriba al menos {n} carácter (Esc: cancelar).",
            "Escriba al menos {n} caracteres (Esc: cancelar).", self.min_length).format(
                n=self.min_length))
