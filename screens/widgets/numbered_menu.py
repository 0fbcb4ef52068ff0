"""The one widget for every list a person picks from: menus, catalogues, results, inboxes.

Keys are given by position: 1-8 for the entries of the page on screen, 9 for the next page
(only when there is one; on the last page it goes back to the first), 0 for the way back
(when the menu has one). Left/right arrows and PgUp/PgDn turn pages too. The keys drawn are
the keys that work, and the screen's hint bar is built from the same page.

A page holds at most eight entries, and fewer when the screen is too short to show eight
(large text at 80x25): after each page is drawn the menu checks that its last line is on
screen and, if not, shows fewer entries a page. Long labels wrap instead of being cut, so the
end that tells two entries apart ("…de riesgo bajo" / "…de riesgo alto") stays visible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from kiosk.i18n import _

PAGE_MAX = 8
NEXT_KEY, BACK_KEY = "9", "0"
NEXT, BACK = "__next__", "__back__"


@dataclass(frozen=True)
class Option:
    id: str
    label: str  # already translated
    # A key with a meaning of its own (a ballot's list number). A menu whose options all
    # carry one shows them as given, on one page; otherwise keys follow the position.
    key: str | None = None


def back_option(label: str | None = None) -> Option:
    """The "0" entry that leaves the screen (the screen's `action_back`)."""
    return Option(BACK, label or _("Volver"))


class MenuEntry(Static, can_focus=True):
    """One line to pick: its key in bold, then the label (plain text, wrapped when long)."""

    BINDINGS = [Binding("enter", "pick", show=False)]

    def __init__(self, key: str, option: Option) -> None:
        super().__init__(Content.assemble((key, "bold"), "  ", option.label),
                         classes="menu-option", id=f"opt-{_dom_id(option.id)}")
        self.key, self.option_id = key, option.id

    def action_pick(self) -> None:
        self.menu.pick(self.option_id)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.menu.pick(self.option_id)

    @property
    def menu(self) -> NumberedMenu:
        return self.query_ancestor(NumberedMenu)


def _dom_id(option_id: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in option_id)


class NumberedMenu(Vertical, can_focus=False):
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("right,pagedown", "turn(1)", show=False),
        Binding("left,pageup", "turn(-1)", show=False),
    ]

    class Chosen(Message):
        """An entry was picked (never sent for "next page" or "back")."""

        def __init__(self, menu: NumberedMenu, option_id: str) -> None:
            super().__init__()
            self.menu, self.option_id = menu, option_id

        @property
        def control(self) -> NumberedMenu:
            return self.menu

    class Paged(Message):
        """The entries on screen changed (new options, another page, a smaller page)."""

        def __init__(self, menu: NumberedMenu) -> None:
            super().__init__()
            self.menu = menu

        @property
        def control(self) -> NumberedMenu:
            return self.menu

    def __init__(self, options: Sequence[Option] = (), *, back: Option | None = None,
                 page_max: int = PAGE_MAX, **kwargs) -> None:
        super().__init__(**kwargs)
        self.options = list(options)
        self.back = back
        self.page = 0
        self.page_max = page_max
        self.page_size = page_max

    # -- what is on screen ---------------------------------------------------------------
    @property
    def keyed(self) -> bool:
        return bool(self.options) and all(o.key for o in self.options)

    @property
    def pages(self) -> int:
        if self.keyed:
            return 1
        return max(1, -(-len(self.options) // self.page_size))

    def _page_options(self) -> list[Option]:
        if self.keyed:
            return self.options
        start = self.page * self.page_size
        return self.options[start:start + self.page_size]

    def entries(self) -> list[tuple[str, Option]]:
        """(key, option) for every line drawn on the current page, in order."""
        if self.keyed:
            lines = [(o.key or "", o) for o in self.options]
            return [*lines, (BACK_KEY, self.back)] if self.back is not None else lines
        start = self.page * self.page_size
        chunk = self.options[start:start + self.page_size]
        lines = [(str(n), option) for n, option in enumerate(chunk, start=1)]
        if self.pages > 1:
            last = self.page == self.pages - 1
            label = (_("Volver a la primera página") if last else
                     _("Más opciones (página {n} de {total})"))
            lines.append((NEXT_KEY, Option(NEXT, label.format(n=self.page + 1,
                                                              total=self.pages))))
        if self.back is not None:
            lines.append((BACK_KEY, self.back))
        return lines

    def key_hints(self) -> list[tuple[str, str]]:
        """The hint-bar entries for this page: exactly the keys that work now."""
        shown = self._page_options()
        count = len(shown)
        hints = []
        if self.keyed:
            keys = [o.key or "" for o in shown]
            hints.append((",".join(keys) if len(keys) < 4 else f"{keys[0]}-{keys[-1]}",
                          _("Elegir")))
        elif count == 1:
            hints.append(("1", _("Elegir")))
        elif count > 1:
            hints.append((f"1-{count}", _("Elegir")))
        if self.pages > 1:
            hints.append((NEXT_KEY, _("Más") if self.page < self.pages - 1
                          else _("Primera página")))
        if self.back is not None:
            hints.append((BACK_KEY, self.back.label))
        return hints

    def compose(self) -> ComposeResult:
        for key, option in self.entries():
            yield MenuEntry(key, option)

    def on_mount(self) -> None:
        self.call_after_refresh(self._fit)

    async def refit(self) -> None:
        """The screen changed size: start again from full pages and shrink as needed."""
        if self.page_size < self.page_max:
            first = self.page * self.page_size
            self.page_size = self.page_max
            self.page = first // self.page_size
            await self._redraw()

    # -- changing what is shown -------------------------------------------------------------
    async def show(self, options: Sequence[Option], *, page: int = 0,
                   back: Option | bool | None = True) -> None:
        """Replace the options (and the back entry, unless `back` is left as True)."""
        self.options = list(options)
        if back is not True:
            self.back = back
        self.page_size = self.page_max
        self.page = min(max(page, 0), self.pages - 1)
        await self._redraw()

    async def _redraw(self, focus: bool = False) -> None:
        had_focus = focus or (self.app.focused is not None
                              and self.app.focused in self.query(MenuEntry))
        await self.recompose()
        if had_focus:
            self.focus_first()
        self.post_message(self.Paged(self))
        self.call_after_refresh(self._fit)

    def focus_first(self) -> None:
        entries = list(self.query(MenuEntry))
        if entries:
            entries[0].focus(scroll_visible=True)

    async def _fit(self) -> None:
        """Fewer entries a page while the page's last line would be below the bottom of the
        body seen from its top (the heading and what precedes the menu stay in view)."""
        if not self.is_mounted or self.page_size <= 1 or self.keyed:
            return
        container = self._container()
        lines = list(self.query(MenuEntry))
        if container is None or not lines:
            return
        top = container.content_region.y - round(container.scroll_y)
        height = container.content_region.height
        # A menu that starts below the visible part is reached by scrolling, not shrunk.
        if self.region.y - top >= height or lines[-1].region.bottom - top <= height:
            return
        self.page_size -= 1
        self.page = min(self.page, self.pages - 1)
        await self._redraw()

    def _container(self) -> Widget | None:
        """The scrolling body (or dialog) the menu must fit in."""
        node = self.parent
        while isinstance(node, Widget) and node is not self.screen:
            if node.id == "body" or node.has_class("dialog"):
                return node
            node = node.parent
        return None

    # -- picking ----------------------------------------------------------------------------
    def choose_key(self, key: str) -> bool:
        for entry_key, option in self.entries():
            if entry_key == key:
                self.pick(option.id)
                return True
        return False

    def pick(self, option_id: str) -> None:
        if option_id == NEXT:
            self.run_worker(self.turn(1), exit_on_error=False, group="menu-page")
        elif option_id == BACK:
            self.screen.action_back()  # type: ignore[attr-defined]
        else:
            self.post_message(self.Chosen(self, option_id))

    async def turn(self, step: int) -> None:
        if self.pages <= 1:
            return
        self.page = (self.page + step) % self.pages
        await self._redraw(focus=True)

    async def action_turn(self, step: int) -> None:
        await self.turn(step)

    def action_move(self, step: int) -> None:
        """Up and down move between entries; past either end, focus leaves the menu."""
        entries = list(self.query(MenuEntry))
        focused = self.app.focused
        if focused in entries:
            index = entries.index(focused) + step
            if 0 <= index < len(entries):
                entries[index].focus(scroll_visible=True)
                return
        if step > 0:
            self.screen.focus_next()
        else:
            self.screen.focus_previous()
