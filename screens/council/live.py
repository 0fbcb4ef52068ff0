"""The session live: its status and quorum, the item under discussion, the vote being counted
and each member's vote once cast. The screen loads the session once, then follows its
server-sent events from the last one it has (after a dropped connection it resumes from
there: nothing lost, nothing twice). The stream's link as a QR code."""

import asyncio

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.api.council import Session
from kiosk.i18n import _, language
from screens.base import KioskScreen
from screens.calls import call_server
from screens.council.texts import LiveState, option_text, result_text, state_text
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option

RESUME_SECONDS = 1.0


def _pick(sessions: list[Session]) -> Session | None:
    """The session to follow: one in progress, else one waiting for its second call, else
    the next convened."""
    for state in ("en_curso", "segunda_citacion", "convocada"):
        found = [s for s in sessions if s.state == state]
        if found:
            return found[0]
    return None


class LiveScreen(KioskScreen):
    def __init__(self, code: str | None = None) -> None:
        super().__init__()
        self.code = code
        self.session: Session | None = None
        self.live: LiveState | None = None

    def heading(self) -> str:
        return _("Sesión de Concejo en vivo")

    def body(self) -> ComposeResult:
        yield Static("", id="live-status", classes="lead", markup=False)
        yield Static("", id="live-item", markup=False)
        yield Static("", id="live-count", markup=False)
        yield Static("", id="live-votes", markup=False)
        yield NumberedMenu([], back=back_option(), id="live-menu")

    def on_mount(self) -> None:
        super().on_mount()
        self.status(_("Conectando con la sesión…"))
        self.follow()

    def reload(self) -> None:
        self.follow()

    @work(exit_on_error=False, exclusive=True, group="council-live")
    async def follow(self) -> None:
        client = self.shell.client.council
        if self.session is None:
            if self.code is None:
                from datetime import datetime

                from kiosk.clock import LIMA

                found = await call_server(self.app, client.sessions(
                    start=datetime.now(LIMA).date(), days=31), self.status)
                if found is None:
                    return
                picked = _pick(found)
                if picked is None:
                    self.status(_("No hay una sesión en curso ni convocada."))
                    return
                self.code = picked.code
            session = await call_server(self.app, client.session(self.code), self.status)
            if session is None:
                return
            self.session, self.live = session, LiveState.of(session)
            if session.stream_url:
                await self.query_one("#live-menu", NumberedMenu).show(
                    [Option("stream", _("Transmisión en su teléfono (código QR)"))])
            self.draw()
            self.status(_("En vivo: la pantalla cambia sola."))
        while True:
            try:
                async for event in client.follow(self.code, last_event_id=self.live.last):
                    self.live.apply(event)
                    self.draw()
            except Exception:  # a dropped stream: resume from the last event
                self.status(_("Reconectando con la sesión…"))
            await asyncio.sleep(RESUME_SECONDS)

    def draw(self) -> None:
        live, session = self.live, self.session
        if live is None or session is None:
            return
        present = "-" if live.present is None else str(live.present)
        self.query_one("#live-status", Static).update(
            _("{kind} {code} · {state} · quórum {quorum} · presentes {present}").format(
                kind=session.kind_text(language()), code=live.code,
                state=state_text(live.state), quorum=live.quorum, present=present))
        item = _("Punto {n}: {title}").format(n=live.item, title=live.titles.get(
            live.item, "")) if live.item else _("Aún no se debate ningún punto.")
        self.query_one("#live-item", Static).update(item)
        count = ""
        if live.votes or live.result:
            t = live.tally()
            count = _("A favor {yes} · En contra {no} · Abstenciones {abstain} · "
                      "Ausentes {absent}").format(yes=t.get("a_favor", 0),
                                                  no=t.get("en_contra", 0),
                                                  abstain=t.get("abstencion", 0),
                                                  absent=t.get("ausente", 0))
            if live.result:
                count += f"  {result_text(live.result)}"
        self.query_one("#live-count", Static).update(count)
        cells = [f"{name[:27]}: {option_text(option)}"
                 for name, option in live.votes.items()]
        rows = [f"{left:<39}{right}" for left, right in
                zip(cells[::2], [*cells[1::2], ""], strict=False)]
        self.query_one("#live-votes", Static).update("\n".join(rows))

    @on(NumberedMenu.Chosen, "#live-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if self.session is not None:
            self.app.push_screen(StreamScreen(self.session))


class StreamScreen(KioskScreen):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def heading(self) -> str:
        return _("Transmisión: {code}").format(code=self.session.code)

    def body(self) -> ComposeResult:
        from screens.widgets.qr import qr_text

        yield Static(qr_text(self.session.stream_url or ""), id="stream-qr", markup=False)
        yield Static(self.session.stream_url or "", classes="hint", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.status(_("Escanee el código con la cámara de su teléfono."))
