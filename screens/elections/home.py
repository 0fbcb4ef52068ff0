"""Elecciones vecinales for the logged-in resident: the election, their place on the roll,
and the way to vote."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from election_crypto import merkle
from kiosk.clock import LIMA
from kiosk.i18n import _, language
from screens.base import KioskScreen
from screens.calls import call_server
from screens.elections.current import PHASE_NAMES, pick
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class ElectionHomeScreen(KioskScreen):
    def heading(self) -> str:
        return _("Elecciones vecinales")

    def body(self) -> ComposeResult:
        yield Static(_("Consultando la elección…"), id="election-summary", classes="card")
        yield NumberedMenu([Option("vote", _("Votar")),
                            Option("results", _("Ver resultados"))], back=back_option(),
                           id="election-menu")

    def on_mount(self) -> None:
        self.election = None
        self.load()

    @work(exit_on_error=False, exclusive=True, group="election")
    async def load(self) -> None:
        summary = self.query_one("#election-summary", Static)
        elections = await call_server(self.app, self.shell.client.elections.all(), summary.update)
        if elections is None:
            return
        self.election = pick(elections)
        if self.election is None:
            summary.update(_("No hay elecciones vecinales convocadas por ahora."))
            return
        e = self.election
        closes = e.voting_closes_at.astimezone(LIMA).strftime("%d/%m/%Y %H:%M")
        lines = [f"[b]{e.name}[/b]", _("Estado: {phase}").format(
            phase=_(PHASE_NAMES[e.phase])), _("Votación hasta: {closes}").format(closes=closes)]
        if e.roll is not None:
            inclusion = await call_server(self.app, self.shell.client.elections.my_inclusion(e.id),
                                          self.status)
            if inclusion is not None:
                checked = inclusion.included and merkle.check(
                    inclusion.leaf.encode(), inclusion.path, bytes.fromhex(inclusion.root))
                lines.append(inclusion.message(language()) + (
                    " " + _("(comprobado con la huella pública del padrón)") if checked else ""))
        summary.update("\n".join(lines))

    @on(NumberedMenu.Chosen, "#election-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if self.election is None:
            self.status(_("Espere, por favor."))
        elif event.option_id == "results":
            from screens.elections.results import ResultsScreen

            self.app.push_screen(ResultsScreen(self.election.id))
        else:
            self.start_voting()

    @work(exit_on_error=False, exclusive=True, group="ballot")
    async def start_voting(self) -> None:
        self.status(_("Preparando su cédula…"))
        style = await call_server(
            self.app, self.shell.client.elections.ballot_style(self.election.id), self.status)
        if style is None:
            return
        self.status("")
        from screens.elections.ballot import BallotScreen

        self.app.push_screen(BallotScreen(style))
