"""The calendar of council sessions (from a month back) and one session's agenda, with its
results once voted and its stream as a QR code."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.api.council import Session
from kiosk.clock import LIMA
from kiosk.i18n import _, language
from screens.base import KioskScreen
from screens.council.texts import result_text, when
from screens.list_screen import ListScreen
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class CalendarScreen(ListScreen[Session]):
    cached_as = ("council-calendar", Session)  # public: shown from the kiosk's copy offline

    def heading(self) -> str:
        return _("Calendario de sesiones del concejo")

    def fetch(self):
        from datetime import datetime, timedelta

        start = (datetime.now(LIMA) - timedelta(days=31)).date()
        return self.shell.client.council.sessions(start=start, days=120)

    def item_id(self, item: Session) -> str:
        return item.code

    def label(self, item: Session) -> str:
        local = item.starts_at.astimezone(LIMA)
        return f"{local:%d/%m %H:%M} · {item.kind_text(language())} · " \
               f"{item.state_text(language())}"

    def loading_text(self) -> str:
        return _("Consultando el calendario…")

    def prompt_text(self) -> str:
        return _("Elija una sesión para ver su agenda:")

    def empty_text(self) -> str:
        return _("No hay sesiones programadas.")

    def picked(self, item: Session) -> None:
        self.app.push_screen(AgendaScreen(item, age_line=self.age_line))


def agenda_lines(session: Session) -> str:
    lang = language()
    lines = []
    for item in session.items:
        line = f"{item.seq}. {item.title}"
        if item.result:
            counts = item.counts or {}
            line += " — " + _("{result}: {yes} a favor, {no} en contra").format(
                result=result_text(item.result), yes=counts.get("a_favor", 0),
                no=counts.get("en_contra", 0))
        elif item.kind != "none":
            line += f" ({item.majority_text(lang)})"
        if item.offset_seconds is not None and session.state == "concluida":
            minutes, seconds = divmod(item.offset_seconds, 60)
            line += " · " + _("en la grabación: {time}").format(
                time=f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}")
        lines.append(line)
    return "\n".join(lines)


class AgendaScreen(KioskScreen):
    def __init__(self, session: Session, age_line: str = "") -> None:
        super().__init__()
        self.session = session
        self.age_line = age_line  # opened from the kiosk's kept copy: its age, said again

    def on_mount(self) -> None:
        super().on_mount()
        if self.age_line:
            self.status(self.age_line)

    def heading(self) -> str:
        return f"{self.session.kind_text(language())} {self.session.code}"

    def body(self) -> ComposeResult:
        s = self.session
        yield Static(_("{when} · {place} · {state}").format(
            when=when(s.starts_at), place=s.place, state=s.state_text(language())),
            classes="lead", markup=False)
        yield Static(agenda_lines(s), id="agenda", markup=False)
        options = []
        if s.state in ("convocada", "segunda_citacion", "en_curso"):
            options.append(Option("live", _("Seguir la sesión en vivo")))
        if s.stream_url:
            options.append(Option("stream", _("Transmisión en su teléfono (código QR)")))
        yield NumberedMenu(options, back=back_option(), id="agenda-menu")

    @on(NumberedMenu.Chosen, "#agenda-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.council.live import LiveScreen, StreamScreen

        if event.option_id == "live":
            self.app.push_screen(LiveScreen(self.session.code))
        else:
            self.app.push_screen(StreamScreen(self.session))
