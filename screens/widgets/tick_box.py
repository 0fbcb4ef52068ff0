"""A requirement to tick: `[X]` when ticked, `[ ]` when not. The state is in the glyph, never
in colour alone (the Linux console may show both colours alike), and uses only characters
every console font has."""

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    @property
    def _button(self) -> Content:
        return Content.assemble(("[X]" if self.value else "[ ]", "bold"))
