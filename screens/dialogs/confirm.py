"""A question before something that cannot be taken back: 1 yes, 0 no (Esc is no)."""

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from kiosk.i18n import _
from screens.dialogs.choice import ChoiceDialog
from screens.widgets.numbered_menu import NumberedMenu, Option


class ConfirmDialog(ChoiceDialog):
    """Dismisses with True (yes) or False (no, Esc)."""

    def __init__(self, title: str, text: str, yes: str, no: str | None = None) -> None:
        super().__init__()
        self.title_text, self.text, self.yes, self.no = title, text, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(self.title_text, classes="title", markup=False)
            yield Static(self.text, id="confirm-text", markup=False)
            yield NumberedMenu([Option("yes", self.yes)],
                               back=Option("no", self.no or _("No, volver")), id="confirm-menu")

    def action_close(self) -> None:
        self.dismiss(False)

    def chosen(self, option_id: str) -> None:
        self.dismiss(option_id == "yes")
