"""The election officer at a staff terminal: advance the phases, hold the trustees' key
ceremony, and let each trustee decrypt the tally with their share file and passphrase.
(Candidates and challenges are registered through the API for now.)"""

import asyncio
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from election_crypto.sharefile import WrongPassphrase
from kiosk.api import voting
from kiosk.i18n import _
from screens.base import KioskScreen
from screens.calls import call_server
from screens.elections.current import PHASE_NAMES, pick
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option

NEXT = {"setup": "roll", "roll": "candidacies", "candidacies": "challenges",
        "challenges": "ready", "ready": "voting", "voting": "closed"}


class OfficerScreen(KioskScreen):
    def heading(self) -> str:
        return _("Elecciones vecinales: oficial electoral")

    def body(self) -> ComposeResult:
        yield Static(_("Consultando la elección…"), id="officer-summary", classes="card")
        yield NumberedMenu([Option("advance", _("Avanzar a la fase siguiente")),
                            Option("ceremony", _("Ceremonia de claves de los custodios")),
                            Option("decrypt", _("Descifrado de un custodio")),
                            Option("results", _("Ver resultados"))], back=back_option(),
                           id="officer-menu")
        yield Static("", id="officer-prompt")
        yield Input(id="officer-input", password=False)

    def on_mount(self) -> None:
        self.election, self.asking, self.answers = None, None, []
        self.query_one("#officer-input").display = False
        self.load()


    @work(exit_on_error=False, exclusive=True, group="officer")
    async def load(self) -> None:
        summary = self.query_one("#officer-summary", Static)
        elections = await call_server(self.app, self.shell.client.elections.all(), summary.update)
        self.election = pick(elections or [])
        if self.election is None:
            summary.update(_("No hay elecciones vecinales convocadas por ahora."))
            return
        e = self.election
        summary.update("\n".join([
            f"[b]{e.name}[/b]", _("Estado: {phase}").format(phase=_(PHASE_NAMES[e.phase])),
            _("Candidatos: {n} · Papeletas en el tablero: {b}").format(
                n=len(e.candidates), b=e.board_size),
            _("Custodios: {t} de {n} · Clave: {key}").format(
                t=e.threshold, n=len(e.trustees),
                key=_("publicada") if e.public_key else _("pendiente"))]))

    def _ask(self, what: str, prompt: str, password: bool) -> None:
        self.asking = what
        self.query_one("#officer-prompt", Static).update(prompt)
        field = self.query_one("#officer-input", Input)
        field.password, field.value, field.display = password, "", True
        field.focus()

    @on(NumberedMenu.Chosen, "#officer-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if self.election is None:
            self.status(_("Espere, por favor."))
        elif event.option_id == "advance":
            self.advance()
        elif event.option_id == "ceremony":
            self.answers = []
            self._ask("ceremony", _("Custodio 1 ({name}): escriba su frase secreta").format(
                name=self.election.trustees[0]), True)
        elif event.option_id == "decrypt":
            self.answers = []
            self._ask("decrypt", _("Ruta del archivo del custodio (custodio-….json)"), False)
        else:
            from screens.elections.results import ResultsScreen

            self.app.push_screen(ResultsScreen(self.election.id))

    @on(Input.Submitted, "#officer-input")
    def answered(self, event: Input.Submitted) -> None:
        self.answers.append(event.value)
        e = self.election
        if self.asking == "ceremony" and len(self.answers) < len(e.trustees):
            i = len(self.answers)
            self._ask("ceremony", _("Custodio {i} ({name}): escriba su frase secreta").format(
                i=i + 1, name=e.trustees[i]), True)
        elif self.asking == "decrypt" and len(self.answers) == 1:
            self._ask("decrypt", _("Frase secreta del custodio"), True)
        else:
            self.query_one("#officer-input", Input).display = False
            self.query_one("#officer-prompt", Static).update("")
            answers, self.answers = self.answers, []
            (self.ceremony if self.asking == "ceremony" else self.decrypt)(answers)

    @work(exit_on_error=False, exclusive=True, group="officer-act")
    async def advance(self) -> None:
        nxt = NEXT.get(self.election.phase)
        if nxt is None:
            self.status(_("El escrutinio avanza con el descifrado de los custodios."))
            return
        if await call_server(self.app, self.shell.client.elections.advance(
                self.election.id, nxt), self.status) is not None:
            self.status(_("Fase actual: {phase}").format(phase=_(PHASE_NAMES[nxt])))
            self.load()

    @work(exit_on_error=False, exclusive=True, group="officer-act")
    async def ceremony(self, passphrases: list[str]) -> None:
        self.status(_("Generando y sellando las claves…"))
        out = Path(self.shell.settings.state_dir) / "custodios"
        public, _paths = await asyncio.to_thread(voting.hold_ceremony, self.election,
                                                passphrases, out)
        if await call_server(self.app, self.shell.client.elections.publish_key(
                self.election.id, **public), self.status) is not None:
            self.status(_("Clave publicada. Entregue a cada custodio su archivo: {dir}").format(
                dir=out))
            self.load()

    @work(exit_on_error=False, exclusive=True, group="officer-act")
    async def decrypt(self, answers: list[str]) -> None:
        path, passphrase = Path(answers[0].strip()), answers[1]
        sums = await call_server(
            self.app, self.shell.client.elections.tally_input(self.election.id), self.status)
        if sums is None:
            return
        self.status(_("Descifrando…"))
        try:
            trustee, zones = await asyncio.to_thread(voting.partial_decryption, self.election,
                                                     sums, path, passphrase)
        except voting.ShareFileError:
            self.status(_("Ese archivo no es de un custodio de esta elección. Revise la ruta."))
            return
        except WrongPassphrase:
            self.status(_("La frase secreta no corresponde a ese archivo. Inténtelo de nuevo."))
            return
        updated = await call_server(self.app, self.shell.client.elections.submit_partial(
            self.election.id, trustee=trustee, zones=zones), self.status)
        if updated is not None:
            self.status(_("Descifrado del custodio {i} registrado. Estado: {phase}").format(
                i=trustee, phase=_(PHASE_NAMES[updated.phase])))
            self.load()
