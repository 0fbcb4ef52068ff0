"""The narrator: what the kiosk says aloud, and when (issue 19).

Speech is off until the person turns it on (F3, from any screen; F4 repeats). Then it reads
each new screen whole (its `spoken()` lines: title, step, callouts, message line, options
with their keys) and, after that, only what changed: a key's effect, a message that arrived,
the field or entry the focus moved to, the digit just typed. A PIN is never read (only how
many digits are in), and nothing at all is said while speech is off, so a balance or a
ballot choice is heard only by a resident who chose speech, in their headphones.

Screens that are not `KioskScreen`s (dialogs) are read from their visible texts, unless they
define `spoken()` themselves.
"""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING

from textual.widgets import Input, Static
from textual.widgets._toggle_button import ToggleButton

from kiosk.i18n import _, language

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen
    from textual.widget import Widget

    from devices.speech.base import Speaker


log = logging.getLogger(__name__)


def _never_fatal(method):
    """Speech must never take the kiosk down: a screen that cannot be read now (being
    recomposed, a bug in its `spoken`) is logged and read at the next change."""

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except Exception:
            log.exception("speech: could not read %s", type(self.app.screen).__name__)
            return None

    return guarded


def text_of(widget: Widget) -> str:
    """A widget's text as drawn, without styles; its lines kept (read as pauses)."""
    if not widget.display:
        return ""
    lines = (" ".join(line.split()) for line in str(widget.render()).splitlines())
    return "\n".join(line for line in lines if line)


def spoken_lines(screen: Screen) -> list[str]:
    """What a screen says: its own `spoken()`, or every visible text of a dialog."""
    spoken = getattr(screen, "spoken", None)
    if callable(spoken):
        return [line for line in spoken() if line]
    return [line for line in (text_of(w) for w in screen.query(Static)) if line]


def focus_line(screen: Screen) -> str:
    """What has the focus, when moving it is news: a field (its label and what is in it, a
    password only as a count) or a tick box. Menu entries are read by their own lines."""
    widget = screen.focused
    if isinstance(widget, Input):
        label = field_label(widget)
        if widget.password:
            count = len(widget.value)
            return _("{label}: {n} de {max} dígitos").format(
                label=label, n=count, max=widget.max_length or count)
        return f"{label}: {widget.value}" if widget.value else _("{label}: vacío").format(
            label=label)
    if isinstance(widget, ToggleButton):
        state = _("marcado") if widget.value else _("sin marcar")
        return f"{widget.label}: {state}"
    if widget is not None and hasattr(widget, "option_id") and hasattr(widget, "label"):
        return str(widget.label)
    return ""


def field_label(field: Input) -> str:
    """The text before a field (its label on screen), else its placeholder."""
    siblings = list(field.parent.children) if field.parent else []
    before = siblings[:siblings.index(field)] if field in siblings else []
    for widget in reversed(before):
        if isinstance(widget, Static) and text_of(widget):
            return text_of(widget).rstrip(":")
    return field.placeholder or field.border_title or _("campo")


class Narrator:
    """Owned by the app: it is told after every key and polled for changes meanwhile."""

    def __init__(self, app: App, speaker: Speaker) -> None:
        self.app, self.speaker = app, speaker
        self.on = False
        self._screen: Screen | None = None
        self._lines: list[str] = []
        self._focus: tuple[object, str] = (None, "")
        self._announce = ""  # said first at the next reading (a screen may be closing)

    @property
    def available(self) -> bool:
        return self.speaker.backend != "none"

    # -- the person's keys --------------------------------------------------------------------
    def toggle(self) -> str:
        """F3: speech on or off; returns what to show (the app shows it, then, when speech
        came on, calls `read_all`)."""
        if not self.available:
            return _("Este quiosco no tiene salida de voz. Pida ayuda al personal.")
        if self.on:
            self.say(_("Voz desactivada."))
            self.on = False
            return _("Voz desactivada.")
        self.on = True
        simulated = _(" (SIMULADA: no se oye)") if self.speaker.simulated else ""
        return _("Voz activada{simulated}. F4 repite, F3 la apaga.").format(simulated=simulated)

    def repeat(self) -> None:
        """F4: the whole screen again."""
        if self.on:
            self.read_all()

    def announce(self, text: str) -> None:
        """Say `text` next: before the next screen's reading when the screen is about to
        change (a result shown by a toast), else with the next change (polled)."""
        if self.on:
            self._announce = " ".join(filter(None, (self._announce, text)))

    def end(self) -> None:
        """The session ended: silence now, and speech off for the next person."""
        self.speaker.stop()
        self.on = False
        self._screen, self._announce = None, ""

    # -- what to say ----------------------------------------------------------------------------
    def say(self, text: str, *, queue: bool = False) -> None:
        if text:
            from kiosk.speech import speakable  # its patterns load when speech is first on

            self.speaker.say(speakable(text, language()), language(), queue=queue)

    @_never_fatal
    def read_all(self, prefix: str = "") -> None:
        screen = self.app.screen
        self._screen, self._lines = screen, spoken_lines(screen)
        self._focus = (screen.focused, focus_line(screen))
        announce, self._announce = self._announce, ""
        lines = [prefix, announce, *(line for line in self._lines if line != prefix)]
        if isinstance(screen.focused, Input):
            line, label = self._focus[1], field_label(screen.focused)
            if label in self._lines and line.startswith(label):  # its label was just read
                line = _("Campo") + line[len(label):]
            lines.append(line)
        self.say(". ".join(_sentence(line) for line in lines if line))

    @_never_fatal
    def update(self, *, key: bool = False) -> None:
        """Say what changed since the last reading: after a key it cuts what was being
        said; a change on its own (a message, data that arrived) is said after it."""
        if not self.on or not self.app.screen_stack:
            return
        screen = self.app.screen
        if not screen.is_mounted:
            return  # read when it is drawn
        if screen is not self._screen:
            self.read_all()
            return
        lines = spoken_lines(screen)
        new = [line for line in lines if line not in self._lines]
        self._lines = lines
        focused, line = screen.focused, focus_line(screen)
        if (focused, line) != self._focus:
            new.append(self._focus_news(focused, line))
            self._focus = (focused, line)
        announce, self._announce = self._announce, ""
        new = [n for n in (announce, *new) if n]
        if new:
            self.say(". ".join(_sentence(n) for n in new), queue=not key)

    def _focus_news(self, focused: object, line: str) -> str:
        """A digit typed into the same field is said alone; a deleted one as such."""
        before, before_line = self._focus
        if focused is before and isinstance(focused, Input) and not focused.password:
            old = before_line.partition(": ")[2]
            value = focused.value
            if value.startswith(old) and len(value) == len(old) + 1 and old:
                from kiosk.speech import spell

                return spell(value[-1], language()) if value[-1].isdigit() else value[-1]
            if len(value) < len(old):
                return _("borrado; queda {value}").format(value=value or _("vacío"))
        return line


def _sentence(line: str) -> str:
    return line.rstrip(" .")
