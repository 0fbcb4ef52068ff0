"""Results by zone: a bar per candidate, turnout, and who was elected. One zone per page
(← →), so it reads at 80x25 and in large text; bars carry the number too (not colour).

Published results are public: the kiosk keeps the last ones it showed and, when the server is
away, shows that copy with its age (docs/offline.md)."""

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from kiosk.api.elections import Results
from kiosk.i18n import _
from screens.base import KioskScreen
from screens.calls import read_public
from screens.elections.current import pick

BAR = 30
CACHED_AS = "election-results"  # the last published results this kiosk showed


def published(results: Results | None) -> bool:
    return results is not None and results.phase == "tallied"


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

    def __init__(self, election_id: int | None = None, zone: int | None = None) -> None:
        """The results of `election_id`; with none, of the current election (the one voting
        now, else the latest)."""
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

    async def fetch(self) -> Results | None:
        """The results asked for; None when no election has been called."""
        election_id = self.election_id
        if election_id is None:
            election = pick(await self.shell.client.elections.all())
            if election is None:
                return None
            election_id = election.id
        return await self.shell.client.elections.results(election_id)

    def asked_for(self, results: Results | None) -> bool:
        return results is not None and self.election_id in (None, results.election_id)

    @work(exit_on_error=False, exclusive=True, group="results")
    async def load(self) -> None:
        panel = self.query_one("#results", Static)
        read = await read_public(self.shell, CACHED_AS, self.fetch(), Results | None,
                                 panel.update, keep_if=published, usable=self.asked_for)
        if read is None:
            return
        results = read.value
        if results is None:
            panel.update(_("No hay elecciones vecinales convocadas por ahora."))
            return
        if not results.zones:
            return
        self.results = results
        zones = [z.zone for z in results.zones]
        self.index = zones.index(self.zone) if self.zone in zones else 0
        panel.update(render_zone(results, self.index))
        self.status(read.age_line())

    def action_page(self, step: int) -> None:
        if self.results:
            self.index = (self.index + step) % len(self.results.zones)
            self.query_one("#results", Static).update(render_zone(self.results, self.index))
