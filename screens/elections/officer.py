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
        yield NumberedMenu(self._options(None), back=back_option(), id="officer-menu")
        yield Static("", id="officer-prompt")
        yield Input(id="officer-input", password=False)

    def on_mount(self) -> None:
        self.election, self.asking, self.answers = None, None, []
        self.pending: str | None = None  # a trustee's passphrase, until typed again
        self.query_one("#officer-input").display = False
        self.load()

    @staticmethod
    def _options(election) -> list[Option]:
        """Only the steps the election's phase allows (each keeps its key)."""
        phase = election.phase if election else None
        options = []
        if phase in NEXT:
            options.append(Option("advance", _("Avanzar a la fase siguiente"), key="1"))
        if phase == "ready" and not election.public_key:
            options.append(Option("ceremony", _("Ceremonia de claves de los custodios"),
                                  key="2"))
        if phase == "closed":
            options.append(Option("decrypt", _("Descifrado de un custodio"), key="3"))
        options.append(Option("results", _("Ver resultados"), key="4"))
        return options

    @work(exit_on_error=False, exclusive=True, group="officer")
    async def load(self) -> None:
        summary = self.query_one("#officer-summary", Static)
        elections = await call_server(self.app, self.shell.client.elections.all(), summary.update)
        self.election = pick(elections or [])
        await self.query_one("#officer-menu", NumberedMenu).show(self._options(self.election))
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
            self.start_ceremony()
        elif event.option_id == "decrypt":
            self.answers = []
            self._ask("decrypt", _("Ruta del archivo del custodio (custodio-….json)"), False)
        else:
            from screens.elections.results import ResultsScreen

            self.app.push_screen(ResultsScreen(self.election.id))

    # -- the key ceremony: the phase checked with the server first, each trustee's passphrase
    # strong enough and typed twice, and the share files written only once the server took
    # the key.
    @work(exit_on_error=False, exclusive=True, group="officer-act")
    async def start_ceremony(self) -> None:
        fresh = await call_server(self.app, self.shell.client.elections.get(self.election.id),
                                  self.status)
        if fresh is None:
            return
        self.election = fresh
        if fresh.phase != "ready":
            self.status(_("La ceremonia de claves es de la fase «{needed}»; la elección está "
                          "en «{phase}».").format(needed=_(PHASE_NAMES["ready"]),
                                                  phase=_(PHASE_NAMES[fresh.phase])))
            self.load()
        elif fresh.public_key:
            self.status(_("La clave de esta elección ya fue publicada: la ceremonia no se "
                          "repite."))
            self.load()
        else:
            self.answers, self.pending = [], None
            self._ask_passphrase()

    def _ask_passphrase(self) -> None:
        i = len(self.answers)
        name = self.election.trustees[i]
        prompt = (_("Custodio {i} ({name}): escriba su frase secreta (mínimo {n} caracteres, "
                    "letras y números o signos)") if self.pending is None else
                  _("Custodio {i} ({name}): escriba otra vez la misma frase secreta"))
        self._ask("ceremony", prompt.format(i=i + 1, name=name, n=voting.MIN_PASSPHRASE), True)

    def _passphrase_typed(self, value: str) -> None:
        if self.pending is None:
            problem = voting.passphrase_problem(value)
            if problem == "short":
                self.status(_("Frase demasiado corta: use al menos {n} caracteres.").format(
                    n=voting.MIN_PASSPHRASE))
            elif problem:
                self.status(_("Frase demasiado simple: mezcle letras con números o signos y "
                              "no repita caracteres."))
            elif value in self.answers:
                self.status(_("Cada custodio necesita su propia frase secreta."))
            else:
                self.pending = value
                self.status("")
        elif value != self.pending:
            self.pending = None
            self.status(_("Las dos frases no coinciden: escríbala de nuevo."))
        else:
            self.answers.append(value)
            self.pending = None
            self.status("")
        if len(self.answers) < len(self.election.trustees):
            self._ask_passphrase()
            return
        self.query_one("#officer-input", Input).display = False
        self.query_one("#officer-prompt", Static).update("")
        answers, self.answers = self.answers, []
        self.ceremony(answers)

    @on(Input.Submitted, "#officer-input")
    def answered(self, event: Input.Submitted) -> None:
        if self.asking == "ceremony":
            self._passphrase_typed(event.value)
            return
        self.answers.append(event.value)
        if self.asking == "decrypt" and len(self.answers) == 1:
            self._ask("decrypt", _("Frase secreta del custodio"), True)
        else:
            self.query_one("#officer-input", Input).display = False
            self.query_one("#officer-prompt", Static).update("")
            answers, self.answers = self.answers, []
            self.decrypt(answers)

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
        dealt = await asyncio.to_thread(voting.deal_ceremony, self.election, passphrases)
        refused: list[str] = []
        if await call_server(self.app, self.shell.client.elections.publish_key(
                self.election.id, **dealt.public), refused.append) is None:
            self.status(_("{reason} No se guardó ningún archivo de custodio.").format(
                reason=" ".join(refused)))
            self.load()
            return
        await asyncio.to_thread(dealt.write, out)
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
