"""Results by zone: a bar per candidate, turnout, and who was elected. One zone per page
(← →), so it reads at 80x25 and in large text; bars carry the number too (not colour)."""

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from kiosk.api.elections import Results
from kiosk.i18n import _
from screens.base import KioskScreen
from screens.calls import call_server

BAR = 30


def seat_name(seat: str) -> str:
    kind, n = seat.split(":")
    return (_("Delegado {n}") if kind == "delegate" else _("Suplente {n}")).format(n=n)


def render_zone(results: Results, index: int) -> str:
    z = results.zones[index]
    turnout = z.ballots / z.on_roll * 100 if z.on_roll else 0.0
    top = max((c["votes"] for c in z.candidates), default=0) or 1
    lines = [_("[b]{name}[/b]  (zona {i} de {n})").format(
                 name=z.zone_name, i=index + 1, n=len(results.zones)),
             _("Participación: {ballots} de {roll} ({pct:.1f} %)").format(
                 ballots=z.ballots, roll=z.on_roll, pct=turnout), ""]
    for c in z.candidates:
        bar = "#" * round(BAR * c["votes"] / top)
        lines.append(f"{c['list_number']:>2}. {c['name'][:26]:<26} {bar:<{BAR}} {c['votes']}")
    lines.append("")
    lines += [f"{seat_name(e.seat)}: {e.candidate} ({e.votes})" for e in z.elected]
    if z.acta_code:
        lines.append(_("Acta de escrutinio: código {code}").format(code=z.acta_code))
    return "\n".join(lines)


class ResultsScreen(KioskScreen):
    BINDINGS = [Binding("right,n", "page(1)", show=False), Binding("left,p", "page(-1)",
                                                                  show=False)]

    def __init__(self, election_id: int, zone: int | None = None) -> None:
        super().__init__()
        self.election_id, self.zone = election_id, zone
        self.results: Results | None = None
        self.index = 0

    def heading(self) -> str:
        return _("Resultados de la elección")

    def hints(self) -> list[tuple[str, str]]:
        return [("←/→", _("otra zona"))]

    def body(self) -> ComposeResult:
        yield Static(_("Consultando…"), id="results", classes="card")

    def on_mount(self) -> None:
        self.load()

    @work(exit_on_error=False, exclusive=True, group="results")
    async def load(self) -> None:
        panel = self.query_one("#results", Static)
        results = await call_server(self.app, self.shell.client.elections.results(
            self.election_id), panel.update)
        if results is None or not results.zones:
            return
        self.results = results
        zones = [z.zone for z in results.zones]
        self.index = zones.index(self.zone) if self.zone in zones else 0
        panel.update(render_zone(results, self.index))

    def action_page(self, step: int) -> None:
        if self.results:
            self.index = (self.index + step) % len(self.results.zones)
            self.query_one("#results", Static).update(render_zone(self.results, self.index))
