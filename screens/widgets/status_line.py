"""The message line of every screen: what just happened, what went wrong, what to do next.

It is docked above the key hints, so it is always on screen whatever the body holds and
whatever the text size; a long message wraps (up to a third of the screen) instead of being
cut. Empty, it takes no room.
"""

from textual.widgets import Static


class StatusLine(Static):
    def __init__(self) -> None:
        super().__init__("", id="status", markup=False, classes="-empty")
        self.text = ""

    def show(self, text: str) -> None:
        self.text = text
        self.update(text)
        self.set_class(not text, "-empty")
