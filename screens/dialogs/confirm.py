"""A question before something that cannot be taken back: 1 yes, 0 no (Esc is no)."""

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from kiosk.i18n import _
from screens.widgets.numbered_menu import NumberedMenu, Option


class ConfirmDialog(ModalScreen[bool]):
    BINDINGS = [Binding("escape", "no", show=False)]

    def __init__(self, title: str, text: str, yes: str, no: str | None = None) -> None:
        super().__init__()
        self.title_text, self.text, self.yes, self.no = title, text, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(self.title_text, classes="title", markup=False)
            yield Static(self.text, id="confirm-text", markup=False)
            yield NumberedMenu([Option("yes", self.yes)],
                               back=Option("no", self.no or _("No, volver")), id="confirm-menu")

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            self.query_one(NumberedMenu).choose_key(event.character)
            event.stop()

    def action_no(self) -> None:
        self.dismiss(False)

    @on(NumberedMenu.Chosen)
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        self.dismiss(event.option_id == "yes")
