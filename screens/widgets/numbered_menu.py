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
        self.label = f"{key}  {option.label}"  # the line as drawn, in plain text

    def action_pick(self) -> None:
        self.menu.pick(self.option_id)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.menu.pick(self.option_id)

    def on_focus(self) -> None:
        self.menu._focus_pending = False

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
        self._focus_pending = False

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
        """The screen changed size (or text size): page again for the room there is."""
        await self._fit()

    # -- changing what is shown -------------------------------------------------------------
    async def show(self, options: Sequence[Option], *, page: int = 0,
                   back: Option | bool | None = True) -> None:
        """Replace the options (and the back entry, unless `back` is left as True)."""
        self.options = list(options)
        if back is not True:
            self.back = back if isinstance(back, Option) else None
        self.page = min(max(page, 0), self.pages - 1)
        await self._redraw()

    async def _redraw(self, focus: bool = False, fit: bool = True) -> None:
        # Focus is applied after a refresh: one asked for (focus_first) counts as had.
        had_focus = focus or self._focus_pending or (
            self.app.focused is not None and self.app.focused in self.query(MenuEntry))
        await self.recompose()
        if had_focus:
            self.focus_first()
        self.post_message(self.Paged(self))
        if fit:  # new options: size the pages again (turning a page keeps the size)
            self.call_after_refresh(self._fit)

    def focus_first(self) -> None:
        entries = list(self.query(MenuEntry))
        self._focus_pending = bool(entries)
        if entries:
            entries[0].focus(scroll_visible=True)

    async def _fit(self) -> None:
        """Choose the page size once for the whole list: the most entries such that every
        page, with its 9 and 0 lines, ends above the bottom of the body as seen from its
        top (the heading and what comes before the menu stay in view). One size for all
        pages, so that 9 always moves to the entries that follow."""
        if not self.is_mounted or self.keyed or not self.options:
            return
        container = self._container()
        if container is None or not container.content_region:
            return
        top = container.content_region.y - round(container.scroll_y)
        room = container.content_region.height - (self.region.y - top)
        if room <= 0:
            return  # the menu starts below the visible part: reached by scrolling
        # The width without a scrollbar's column, whether or not one shows now.
        size = self._largest_page(room, container.content_region.width - 1)
        if size != self.page_size:
            first = self.page * self.page_size  # keep the first entry of the page in view
            self.page_size = size
            self.page = first // size
            await self._redraw(fit=False)

    def _largest_page(self, room: int, width: int) -> int:
        gap = 1 if self.app.has_class("-large-text") else 0
        text_width = max(10, width - 2)

        def rows(label: str, key: str = "1") -> int:
            cells = Content(f"{key}  {label}").cell_length
            return -(-cells // text_width)

        heights = [rows(o.label) for o in self.options]
        back = rows(self.back.label) if self.back is not None else 0
        for size in range(min(self.page_max, len(self.options)), 0, -1):
            paged = size < len(self.options)
            extra = [rows(_("Más opciones (página {n} de {total})").format(n=8, total=8))
                     ] if paged else []
            if back:
                extra.append(back)
            fits = all(sum(page) + gap * (len(page) - 1) <= room
                       for start in range(0, len(heights), size)
                       for page in [heights[start:start + size] + extra])
            if fits:
                return size
        return 1

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
        await self._redraw(focus=True, fit=False)

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
