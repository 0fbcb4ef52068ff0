"""ListScreen: load a list from the server, show it as a paged numbered menu, pick one.

The pattern of catalogues, "my files", payment histories and trays. A subclass says how to
fetch the items and how each reads; the base shows "loading", "nothing here" or the prompt on
the message line, pages the entries (1-8, 9 more, 0 back), and loads again by itself when the
server comes back after an outage.
"""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from textual import on, work
from textual.app import ComposeResult

from screens.base import KioskScreen
from screens.calls import call_server, read_public
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option

T = TypeVar("T")


class ListScreen(KioskScreen, Generic[T]):
    # Public lists name their cache entry and item model: shown from the kiosk's copy, with
    # its age, when the server is away (kiosk/cache.py, docs/offline.md).
    cached_as: ClassVar[tuple[str, Any] | None] = None

    def __init__(self) -> None:
        super().__init__()
        self.items: list[T] = []
        self.loaded = False
        self.from_cache = False  # what is shown is the kiosk's copy, not the server's answer
        self.age_line = ""

    # -- what a subclass says ----------------------------------------------------------------
    def fetch(self) -> Awaitable[Sequence[T]]:
        """The server call that returns the items."""
        raise NotImplementedError

    def item_id(self, item: T) -> str:
        raise NotImplementedError

    def label(self, item: T) -> str:
        raise NotImplementedError

    def picked(self, item: T) -> None:
        """The person chose `item`."""

    def loading_text(self) -> str:
        return ""

    def empty_text(self) -> str:
        return ""

    def prompt_text(self) -> str:
        return ""

    def before_list(self) -> ComposeResult:
        """Widgets above the list (a lead text, a summary card)."""
        yield from ()

    def after_list(self) -> ComposeResult:
        yield from ()

    # -- the pattern ----------------------------------------------------------------------------
    def body(self) -> ComposeResult:
        yield from self.before_list()
        yield NumberedMenu([], back=back_option(), id="list-menu")
        yield from self.after_list()

    @property
    def menu(self) -> NumberedMenu:
        return self.query_one("#list-menu", NumberedMenu)

    def on_mount(self) -> None:
        self.load()

    def reload(self) -> None:
        self.load()

    @work(exit_on_error=False, exclusive=True, group="list")
    async def load(self) -> None:
        self.status(self.loading_text())
        if self.cached_as is None:
            items = await call_server(self.app, self.fetch(), self.status)
            age = ""
        else:
            name, model = self.cached_as
            read = await read_public(self.shell, name, self.fetch(), list[model], self.status)
            items = None if read is None else read.value
            age = "" if read is None else read.age_line()
        if items is None:
            return
        self.items, self.loaded, self.from_cache = list(items), True, bool(age)
        self.age_line = age  # what is said of a kept copy's age ("" for the server's answer)
        prompt = self.prompt_text() if self.items else self.empty_text()
        self.status(f"{age} {prompt}" if age else prompt)
        await self.menu.show([Option(self.item_id(i), self.label(i)) for i in self.items],
                             page=self.menu.page)

    @on(NumberedMenu.Chosen, "#list-menu")
    def _chosen(self, event: NumberedMenu.Chosen) -> None:
        event.stop()
        item = next((i for i in self.items if self.item_id(i) == event.option_id), None)
        if item is not None:
            self.picked(item)
