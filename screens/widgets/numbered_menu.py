"""A vertical menu of numbered options: a digit key, Enter on the focused one, or a touch."""

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button


@dataclass(frozen=True)
class Option:
    key: str  # the digit that opens it
    label: str  # already translated
    id: str


class NumberedMenu(Vertical):
    BINDINGS = [
        Binding("up", "app.focus_previous", show=False),
        Binding("down", "app.focus_next", show=False),
    ]

    class Chosen(Message):
        def __init__(self, menu: "NumberedMenu", option_id: str) -> None:
            super().__init__()
            self.menu, self.option_id = menu, option_id

        @property
        def control(self) -> "NumberedMenu":
            return self.menu

    def __init__(self, options: list[Option], **kwargs) -> None:
        super().__init__(**kwargs)
        self.options = options

    def compose(self) -> ComposeResult:
        for option in self.options:
            yield Button(f"{option.key}  {option.label}", id=f"opt-{option.id}",
                         classes="menu-option")

    def choose_key(self, key: str) -> bool:
        for option in self.options:
            if option.key == key:
                self.post_message(self.Chosen(self, option.id))
                return True
        return False

    @on(Button.Pressed, ".menu-option")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Chosen(self, event.button.id.removeprefix("opt-")))
