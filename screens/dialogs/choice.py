"""ChoiceDialog: a small dialog that is one numbered menu. Digits choose (1-8, 0 the back
option), Esc is the back option; it dismisses with the chosen option's id, or None."""

from textual import events, on
from textual.binding import Binding
from textual.screen import ModalScreen

from screens.widgets.numbered_menu import NumberedMenu


class ChoiceDialog(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "close", show=False)]
    BACK = "close"  # the id of the menu's back option

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            self.query_one(NumberedMenu).choose_key(event.character)
            event.stop()

    def action_close(self) -> None:
        self.dismiss(None)

    def chosen(self, option_id: str) -> None:
        """An option was chosen; by default the dialog answers with its id."""
        self.dismiss(None if option_id == self.BACK else option_id)

    @on(NumberedMenu.Chosen)
    def _menu_chosen(self, event: NumberedMenu.Chosen) -> None:
        self.chosen(event.option_id)
