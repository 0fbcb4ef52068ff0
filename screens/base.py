"""KioskScreen: the frame of every screen. A top bar, a scrolling body the subclass composes,
the message line and the key hints (both always on screen); digits pick menu entries.

A screen says what it shows (`heading`, `body`), what it is waiting for (`status`), and what
to do when the server comes back after an outage (`reload`, when it loaded something).
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from kiosk.i18n import _
from screens.shell import UsesShell
from screens.widgets.key_hints import KeyHints
from screens.widgets.numbered_menu import NumberedMenu
from screens.widgets.status_line import StatusLine
from screens.widgets.top_bar import TopBar


def _key_name(key: str) -> str:
    names = {"Esc": _("Escape"), "+/-": _("más o menos"), "*": _("asterisco"),
             "/": _("barra")}
    return names.get(key, key)


class KeypadScroll(VerticalScroll, can_focus=False, inherit_bindings=False):
    """A scrolling part of a screen (the body, a long form): PgUp/PgDn scroll it; Up and Down
    are left to the fields and menus inside, which is how the keypad moves between them."""

    BINDINGS = [Binding("pageup", "page_up", show=False),
                Binding("pagedown", "page_down", show=False)]


class KioskScreen(UsesShell, Screen):
    # The keypad has no Tab: Up and Down move between a form's fields (menus move between
    # their own entries first).
    BINDINGS = [Binding("escape", "back", show=False),
                Binding("down", "move_focus(1)", show=False),
                Binding("up", "move_focus(-1)", show=False)]
    # False on screens where Esc must not leave (the first screen, a menu that ends a session).
    can_go_back = True

    def compose(self) -> ComposeResult:
        yield TopBar()
        with KeypadScroll(id="body"):
            yield Static(self.heading(), id="heading")
            yield from self.body()
        # One docked footer: widgets docked to the same edge would overlap each other.
        with Vertical(id="footer"):
            yield StatusLine()
            yield KeyHints()

    def heading(self) -> str:
        return ""

    def body(self) -> ComposeResult:
        yield from ()

    def hints(self) -> list[tuple[str, str]]:
        """The screen's own keys, shown after its menus' keys (which are added by
        themselves, page by page)."""
        return []

    # -- the message line and the hint bar -----------------------------------------------------
    def status(self, text: str) -> None:
        """Show a message on the line that is always visible (a screen already closed, as
        when the session ended meanwhile, has nowhere to show it)."""
        for line in self.query(StatusLine):
            line.show(text)

    @property
    def status_text(self) -> str:
        lines = self.query(StatusLine)
        return lines.first().text if lines else ""

    def on_mount(self) -> None:
        self.refresh_hints()

    async def recompose(self) -> None:
        # A change of language or of text size composes the screens again (kiosk/app.py):
        # the hint bar and whatever on_mount filled in afterwards would be left blank.
        await super().recompose()
        self.refresh_hints()
        self.restore()

    def restore(self) -> None:
        """Fill in again, after the screen was composed anew, what `on_mount` filled in (a
        table's rows, a list loaded from the server): by default what `reload` loads again
        after an outage (the screen's `load`)."""
        self.reload()

    def refresh_hints(self) -> None:
        hints: list[tuple[str, str]] = []
        for menu in self._menus():
            hints += [h for h in menu.key_hints() if h not in hints]
        hints += self._own_keys()
        for bar in self.query(KeyHints):  # none once the screen is being closed
            bar.show(hints)

    def _own_keys(self) -> list[tuple[str, str]]:
        """The screen's keys beside its menus' (Esc when it has no "0" of its own)."""
        hints = self.hints()
        menus_back = any(menu.back is not None for menu in self._menus())
        if self.can_go_back and not menus_back and not any(
                key in ("0", "Esc") for key, _text in hints):
            hints = [*hints, ("Esc", _("Volver"))]
        return hints

    # -- speech ---------------------------------------------------------------------------------
    SPOKEN_CLASSES = ("step", "callout", "lead", "title", "card", "totals")

    def spoken(self) -> list[str]:
        """What speech reads of this screen, line by line (screens/speech.py): the title,
        the step, callouts, cards and totals of the body, what `spoken_body` adds, the
        message line, then every option with its key and the screen's own keys. A new screen
        speaks without extra work; one whose main content is elsewhere adds it in
        `spoken_body`."""
        from screens.speech import text_of

        lines = [text_of(w) for w in self.query(Static)
                 if w.id == "heading" or any(w.has_class(c) for c in self.SPOKEN_CLASSES)]
        lines += self.spoken_body()
        lines.append(self.status_text)
        for menu in self._menus():
            lines += [_("{key}: {label}").format(key=key, label=option.label)
                      for key, option in menu.entries()]
        lines += [_("{key}: {label}").format(key=_key_name(key), label=text)
                  for key, text in self._own_keys()]
        return [line for line in lines if line]

    def spoken_body(self) -> list[str]:
        """The screen's main content as sentences (a total, a receipt); none by default."""
        return []

    async def on_resize(self) -> None:
        for menu in self.query(NumberedMenu):
            await menu.refit()

    @on(NumberedMenu.Paged)
    def _menu_paged(self) -> None:
        self.refresh_hints()

    def _menus(self) -> list[NumberedMenu]:
        return [m for m in self.query(NumberedMenu) if m.display and (m.options or m.back)]

    # -- keys -----------------------------------------------------------------------------------
    def action_move_focus(self, step: int) -> None:
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def _typing(self) -> bool:
        """Digits go into a field only when a visible field has the focus."""
        focused = self.focused
        return isinstance(focused, Input) and focused.display and bool(focused.region)

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit() and not self._typing():
            for menu in self._menus():
                if menu.choose_key(event.character):
                    event.stop()
                    return

    def action_back(self) -> None:
        if self.can_go_back and len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    # -- after an outage --------------------------------------------------------------------------
    def reload(self) -> None:
        """Load again what failed for want of the server: the screen's `load` by default
        (screens whose loading is named otherwise override this)."""
        loader = getattr(self, "load", None)
        if callable(loader):
            loader()

    def server_back(self) -> None:
        """Called by the shell when the server answers again after this screen failed."""
        self.reload()
