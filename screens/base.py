"""KioskScreen: top bar, a body the subclass composes, key hints; digits pick menu options."""

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from screens.widgets.key_hints import KeyHints
from screens.widgets.numbered_menu import NumberedMenu
from screens.widgets.top_bar import TopBar


class KioskScreen(Screen):
    BINDINGS = [Binding("escape", "back", show=False)]
    # Set to None on screens where Esc must not leave (e.g. the first screen).
    can_go_back = True

    def compose(self) -> ComposeResult:
        yield TopBar()
        with Vertical(id="body"):
            yield Static(self.heading(), id="heading")
            yield from self.body()
        yield KeyHints(self.hints())

    def heading(self) -> str:
        return ""

    def body(self) -> ComposeResult:
        yield from ()

    def hints(self) -> list[tuple[str, str]] | None:
        return None

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit() and not isinstance(
            self.focused, Input
        ):
            for menu in self.query(NumberedMenu):
                if menu.choose_key(event.character):
                    event.stop()
                    return

    def action_back(self) -> None:
        if self.can_go_back and len(self.app.screen_stack) > 2:
            self.app.pop_screen()
