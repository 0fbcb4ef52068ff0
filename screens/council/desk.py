"""The council secretary at the terminal: the sessions, then one session worked live: the
roll call (every able member present unless marked absent), the next item, each present
member's vote in turn (one key each), the count, the end of the session. Every step goes
to the server, which counts by the item's majority and publishes it to every kiosk."""

import uuid

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.api.council import Member, Session
from kiosk.clock import LIMA
from kiosk.i18n import _, language
from screens import offline
from screens.base import KioskScreen
from screens.calls import call_server
from screens.council.texts import option_text, result_text, state_text, when
from screens.list_screen import ListScreen
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option

OPTIONS = ("a_favor", "en_contra", "abstencion", "ausente")
DRAFT_DAYS = 92  # how far back the secretary's list looks for minutes still in draft


class SecretarySessionsScreen(ListScreen[Session]):
    def heading(self) -> str:
        return _("Sesiones del concejo")

    def fetch(self):
        """From yesterday on, and before that the sessions whose minutes are still a draft
        (to correct them)."""
        from datetime import datetime, timedelta

        async def sessions() -> list[Session]:
            yesterday = (datetime.now(LIMA) - timedelta(days=1)).date()
            found = await self.shell.client.council.sessions(
                start=yesterday - timedelta(days=DRAFT_DAYS), days=DRAFT_DAYS + 62)
            return [s for s in found if s.starts_at.astimezone(LIMA).date() >= yesterday
                    or (s.state == "concluida" and not s.minutes_approved)]
        return sessions()

    def item_id(self, item: Session) -> str:
        return item.code

    def label(self, item: Session) -> str:
        local = item.starts_at.astimezone(LIMA)
        return f"{item.code} · {local:%d/%m %H:%M} · {item.kind_text(language())} · " \
               f"{state_text(item.state)}"

    def loading_text(self) -> str:
        return _("Consultando las sesiones…")

    def prompt_text(self) -> str:
        return _("Elija la sesión que va a conducir:")

    def empty_text(self) -> str:
        return _("No hay sesiones convocadas.")

    def picked(self, item: Session) -> None:
        self.app.push_screen(SessionDeskScreen(item))

    def on_screen_resume(self) -> None:
        self.load()  # a session convened or postponed meanwhile

    @work(exit_on_error=False, exclusive=True, group="list")
    async def load(self) -> None:
        """The sessions, after one entry to convene a new one."""
        self.status(self.loading_text())
        items = await call_server(self.app, self.fetch(), self.status)
        if items is None:
            return
        self.items, self.loaded = list(items), True
        self.status(self.prompt_text() if self.items else self.empty_text())
        await self.menu.show([Option("convene", _("Convocar una sesión"))]
                             + [Option(self.item_id(i), self.label(i)) for i in self.items],
                             page=self.menu.page)

    @on(NumberedMenu.Chosen, "#list-menu")
    def convene_chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "convene":
            from screens.council.convene import ConveneScreen

            event.prevent_default()
            self.app.push_screen(ConveneScreen())


def desk_text(s: Session) -> str:
    lines = [_("{state} · quórum {quorum} · presentes {present}").format(
        state=state_text(s.state), quorum=s.quorum,
        present="-" if s.present is None else s.present)]
    if s.postponed_from is not None:
        lines.append(_("Aplazada: del {old} al {new}").format(old=when(s.postponed_from),
                                                               new=when(s.starts_at)))
    item = s.item(s.current_item)
    if item is not None:
        lines.append(_("Punto {n}: {title}").format(n=item.seq, title=item.title))
        if item.votes:
            t = {o: sum(v.option == o for v in item.votes) for o in OPTIONS}
            lines.append(_("A favor {yes} · En contra {no} · Abstenciones {abstain} · "
                           "Ausentes {absent}").format(yes=t["a_favor"], no=t["en_contra"],
                                                       abstain=t["abstencion"],
                                                       absent=t["ausente"])
                         + (f"  {result_text(item.result)}" if item.result else ""))
    return "\n".join(lines)


class SessionDeskScreen(KioskScreen):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.pending_minutes: str | None = None  # an earlier session's draft minutes

    def heading(self) -> str:
        return f"{self.session.kind_text(language())} {self.session.code}"

    def body(self) -> ComposeResult:
        yield Static("", id="desk-card", classes="lead", markup=False)
        yield NumberedMenu([], back=back_option(), id="desk-menu")

    def on_mount(self) -> None:
        super().on_mount()
        self.refresh_session()

    def on_screen_resume(self) -> None:
        self.refresh_session()

    def reload(self) -> None:
        self.refresh_session()

    def next_item(self) -> int | None:
        after = self.session.current_item or 0
        return next((i.seq for i in self.session.items
                     if i.seq > after and i.state == "pendiente"), None)

    def options(self) -> list[Option]:
        s = self.session
        if s.state in ("convocada", "segunda_citacion"):
            out = [Option("roll", _("Pasar lista (asistencia y quórum)"))]
            if s.state == "convocada" and s.postponed_from is None:
                out.append(Option("postpone", _("Aplazar la sesión")))
            return out
        if s.state == "concluida" and not s.minutes_approved:
            return [Option("draft", _("Corregir el borrador del acta"))]
        if s.state != "en_curso":
            return []
        out = []
        item = s.item(s.current_item)
        if item is not None and item.kind != "none" and item.state in ("en_debate",
                                                                       "en_votacion"):
            out.append(Option("vote", _("Registrar los votos del punto {n}").format(
                n=item.seq)))
        if item is not None and item.state == "en_votacion":
            out.append(Option("close", _("Cerrar la votación y contar")))
        if self.pending_minutes and (item is None or item.state != "en_votacion"):
            out.append(Option("minutes", _("Aprobar el acta de la sesión {code}").format(
                code=self.pending_minutes)))
        if (item is None or item.state != "en_votacion") and self.next_item():
            out.append(Option("next", _("Pasar al punto {n}").format(n=self.next_item())))
        if item is None or item.state != "en_votacion":
            out.append(Option("end", _("Levantar la sesión")))
        return out

    async def show(self, session: Session) -> None:
        self.session = session
        self.query_one("#desk-card", Static).update(desk_text(session))
        await self.query_one("#desk-menu", NumberedMenu).show(self.options())

    @work(exit_on_error=False, exclusive=True, group="council-desk")
    async def refresh_session(self) -> None:
        from datetime import timedelta

        council = self.shell.client.council
        session = await call_server(self.app, council.session(self.session.code), self.status)
        if session is None:
            return
        if session.state == "en_curso":
            start = session.starts_at.astimezone(LIMA).date() - timedelta(days=92)
            earlier = await call_server(self.app, council.sessions(start=start, days=92),
                                        self.status) or []
            drafts = [s.code for s in earlier if s.state == "concluida"
                      and not s.minutes_approved and s.starts_at < session.starts_at]
            self.pending_minutes = drafts[-1] if drafts else None
        await self.show(session)

    @on(NumberedMenu.Chosen, "#desk-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "roll":
            self.app.push_screen(RollCallScreen(self.session))
        elif event.option_id == "vote":
            self.app.push_screen(VotesScreen(self.session))
        elif event.option_id == "draft":
            from screens.council.minutes import MinutesScreen

            self.app.push_screen(MinutesScreen(self.session))
        elif event.option_id == "postpone":
            from screens.council.postpone import PostponeScreen

            self.app.push_screen(PostponeScreen(self.session))
        else:
            self.step(event.option_id)

    @work(exit_on_error=False, exclusive=True, group="council-desk")
    async def step(self, what: str) -> None:
        council, code = self.shell.client.council, self.session.code
        if what == "minutes":
            minutes = await call_server(self.app, council.approve_minutes(
                self.pending_minutes, in_session=code), self.status)
            if minutes is not None:
                self.pending_minutes = None
                await self.show(self.session)
                self.status(_("Acta de la sesión {code} aprobada: ya es pública.").format(
                    code=minutes.session))
            return
        call = {"next": lambda: council.open_item(code, self.next_item()),
                "close": lambda: council.close_vote(code, self.session.current_item),
                "end": lambda: council.end(code)}[what]()
        session = await call_server(self.app, call, self.status)
        if session is None:
            return
        await self.show(session)
        item = session.item(session.current_item)
        if what == "close" and item is not None:
            self.status(_("Punto {n}: {result}.").format(n=item.seq,
                                                         result=result_text(item.result))
                        + (f" {item.agreement}" if item.agreement else ""))
        elif what == "end":
            self.status(_("Sesión levantada; el acta queda en borrador."))


class RollCallScreen(KioskScreen):
    """Every able member present unless marked absent (a key toggles one)."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.members: list[Member] = []
        self.absent: set[str] = set()

    def heading(self) -> str:
        return _("Asistencia: {code}").format(code=self.session.code)

    def body(self) -> ComposeResult:
        yield Static(_("Marque a quien no está; los que tienen licencia o suspensión no se "
                       "cuentan."), classes="hint")
        yield NumberedMenu([], back=back_option(), id="roll-menu")

    def on_mount(self) -> None:
        super().on_mount()
        self.load()

    @work(exit_on_error=False, exclusive=True, group="council-roll")
    async def load(self) -> None:
        council = await call_server(self.app, self.shell.client.council.council(), self.status)
        if council is not None:
            self.members = [m for m in council.members if m.able]
            await self.draw()

    async def draw(self) -> None:
        menu = self.query_one("#roll-menu", NumberedMenu)
        options = [Option("done", _("Registrar asistencia: {n} presentes").format(
            n=len(self.members) - len(self.absent)))]
        options += [Option(m.code, ("[ ] " if m.code in self.absent else "[x] ") + m.name)
                    for m in self.members]
        await menu.show(options, page=menu.page)

    @on(NumberedMenu.Chosen, "#roll-menu")
    async def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "done":
            self.submit()
            return
        self.absent ^= {event.option_id}
        await self.draw()

    @work(exit_on_error=False, exclusive=True, group="council-roll")
    async def submit(self) -> None:
        present = [m.code for m in self.members if m.code not in self.absent]
        session = await call_server(self.app, self.shell.client.council.roll_call(
            self.session.code, present), self.status)
        if session is not None:
            self.dismiss()


class VotesScreen(KioskScreen):
    """Each present member's vote in turn: one key, sent at once (once per member)."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.queue: list[tuple[str, str]] = []

    def heading(self) -> str:
        return _("Votación del punto {n}").format(n=self.session.current_item)

    def body(self) -> ComposeResult:
        yield Static("", id="votes-who", classes="lead", markup=False)
        yield NumberedMenu([Option(o, option_text(o)) for o in OPTIONS], back=back_option(),
                           id="votes-menu")

    def on_mount(self) -> None:
        super().on_mount()
        item = self.session.item(self.session.current_item)
        voted = {v.member for v in item.votes} if item else set()
        self.queue = [(a.member, a.name) for a in self.session.attendance
                      if a.status == "presente" and a.member not in voted]
        self.ask()

    def ask(self) -> None:
        if not self.queue:
            self.dismiss()
            return
        self.query_one("#votes-who", Static).update(
            _("Vota: {name} (quedan {n})").format(name=self.queue[0][1], n=len(self.queue)))

    @on(NumberedMenu.Chosen, "#votes-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if self.queue:
            self.cast(self.queue[0][0], event.option_id)

    @work(exit_on_error=False, exclusive=True, group="council-vote")
    async def cast(self, member: str, option: str) -> None:
        done = await call_server(self.app, self.shell.client.council.vote(
            self.session.code, self.session.current_item, member=member, option=option,
            idempotency_key=str(uuid.uuid4())), self.status, offline=offline.vote)
        if done is not None and self.queue and self.queue[0][0] == member:
            name = self.queue.pop(0)[1]
            self.status(_("{name}: {option}.").format(name=name, option=option_text(option)))
            self.ask()
