"""The council secretary postpones a convened session: the new day (the hour stays), and the
regidores who ask for it, marked one key each. The law's rules are the server's (once only,
asked by two thirds of the legal number of regidores, to 3 to 5 working days later): its
refusals are shown as they come, and the secretary corrects and tries again."""

from datetime import datetime

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.api.council import Member, Session
from kiosk.clock import LIMA
from kiosk.i18n import _, ngettext
from screens.base import KioskScreen
from screens.calls import call_server
from screens.council.texts import when
from screens.dates import parse_date
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class PostponeScreen(KioskScreen):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.regidores: list[Member] = []
        self.asking: set[str] = set()
        self.postponed: Session | None = None

    def heading(self) -> str:
        return _("Aplazar la sesión {code}").format(code=self.session.code)

    def body(self) -> ComposeResult:
        yield Static(_("Convocada para el {when}. Escriba la nueva fecha y marque a los "
                       "regidores que piden el aplazamiento.").format(
            when=when(self.session.starts_at)), classes="hint")
        yield Input(id="postpone-date", max_length=10,
                    placeholder=_("Nueva fecha (DD/MM/AAAA), y Enter"))
        yield NumberedMenu([], back=back_option(), id="postpone-menu")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#postpone-date", Input).focus()
        self.load()

    @work(exit_on_error=False, exclusive=True, group="council-postpone")
    async def load(self) -> None:
        council = await call_server(self.app, self.shell.client.council.council(), self.status)
        if council is not None:
            self.regidores = [m for m in council.members if m.role == "regidor"]
            await self.draw()

    async def draw(self) -> None:
        menu = self.query_one("#postpone-menu", NumberedMenu)
        n = len(self.asking)
        options = [Option("done", ngettext("Aplazar: lo pide {n} regidor",
                                           "Aplazar: lo piden {n} regidores", n).format(n=n))]
        options += [Option(m.code, ("[x] " if m.code in self.asking else "[ ] ") + m.name)
                    for m in self.regidores]
        await menu.show(options, page=menu.page)

    @on(Input.Submitted, "#postpone-date")
    def date_given(self) -> None:
        if self.new_start() is None:
            self.status(_("Escriba la fecha como DD/MM/AAAA."))
            return
        self.query_one("#postpone-menu", NumberedMenu).focus_first()
        self.status(_("Marque a los regidores que lo piden y elija Aplazar."))

    def new_start(self) -> datetime | None:
        day = parse_date(self.query_one("#postpone-date", Input).value)
        if day is None:
            return None
        return datetime.combine(day, self.session.starts_at.astimezone(LIMA).timetz())

    @on(NumberedMenu.Chosen, "#postpone-menu")
    async def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id != "done":
            self.asking ^= {event.option_id}
            await self.draw()
        elif self.new_start() is None:
            self.query_one("#postpone-date", Input).focus()
            self.status(_("Escriba la fecha como DD/MM/AAAA."))
        elif self.postponed is None:
            self.save()

    @work(exit_on_error=False, exclusive=True, group="council-postpone")
    async def save(self) -> None:
        session = await call_server(self.app, self.shell.client.council.postpone(
            self.session.code, starts_at=self.new_start(),
            requested_by=sorted(self.asking)), self.status)
        if session is None:
            return
        self.postponed = session
        self.status(_("Sesión aplazada al {when}; auditada y publicada.").format(
            when=when(session.starts_at)))
