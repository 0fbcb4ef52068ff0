"""The encrypted ballot's tracker, shown and printed BEFORE the choice: cast it, or check it
(Benaloh challenge: the kiosk reveals how it encrypted, the ballot is published open and
never counts, and the resident votes again)."""

import uuid

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from devices.printer.layout import group_digits
from kiosk.api.elections import BallotStyle
from kiosk.api.voting import Encrypted, tracker_digits
from kiosk.i18n import _
from screens import offline
from screens.base import KioskScreen
from screens.calls import call_server
from screens.elections import slips
from screens.elections.printing import print_slip, site
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class TrackerScreen(KioskScreen):
    def __init__(self, style: BallotStyle, chosen: list[int], encrypted: Encrypted) -> None:
        super().__init__()
        self.style, self.chosen, self.encrypted = style, chosen, encrypted
        self.key = str(uuid.uuid4())  # one per ballot: a retry never casts twice

    def heading(self) -> str:
        return _("Su código de seguimiento")

    def body(self) -> ComposeResult:
        yield Static(self.encrypted.tracker, id="tracker-code", classes="callout")
        # The same code in digits, to type back on a keypad (also when the printer failed).
        yield Static(_("En el teclado: {digits}").format(digits=group_digits(
            tracker_digits(self.encrypted.tracker))), id="tracker-digits", markup=False)
        yield Static(_("Su voto ya está cifrado. Con este código podrá comprobar después que "
                       "su voto está en el tablero y fue contado."), classes="lead")
        yield NumberedMenu([
            Option("cast", _("Emitir mi voto")),
            Option("check", _("Verificar esta papeleta (no se emite; vota de nuevo)")),
        ], back=back_option(), id="tracker-menu")

    def on_mount(self) -> None:
        self.print_tracker()

    @work(exit_on_error=False, exclusive=True, group="printer")
    async def print_tracker(self) -> None:
        slip = slips.tracker_slip(self.style, self.encrypted.tracker, site(self.app))
        problem = await print_slip(self.app, slip)
        if problem:
            self.status(problem)

    @on(NumberedMenu.Chosen, "#tracker-menu")
    def chosen_option(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "cast":
            self.cast()
        else:
            self.check()

    @work(exit_on_error=False, exclusive=True, group="cast")
    async def cast(self) -> None:
        self.status(_("Registrando su voto…"))
        receipt = await call_server(self.app, self.shell.client.elections.cast(
            self.style.election_id, self.encrypted.ballot, idempotency_key=self.key),
            self.status, offline=offline.vote)
        if receipt is None:
            return
        from screens.elections.done import VoteDoneScreen

        self.app.switch_screen(VoteDoneScreen(receipt))

    @work(exit_on_error=False, exclusive=True, group="cast")
    async def check(self) -> None:
        self.status(_("Publicando la verificación…"))
        reveal = self.encrypted.reveal()
        receipt = await call_server(self.app, self.shell.client.elections.spoil(
            self.style.election_id, self.encrypted.ballot, reveal, idempotency_key=self.key),
            self.status)
        if receipt is None:
            return
        slip = slips.check_slip(self.style, receipt, reveal["selections"],
                                reveal["randomness"], site(self.app))
        # Heard before it prints: what the checked ballot held (it is published open).
        names = [f"{c.list_number}. {c.full_name}" for c, marked in
                 zip(self.style.candidates, reveal["selections"], strict=True) if marked]
        self.shell.say(_("Verificación publicada: la papeleta revisada marcaba {names}. Esa "
                         "papeleta no se cuenta: vote de nuevo.").format(
            names=", ".join(names) or _("VOTO EN BLANCO")))
        problem = await print_slip(self.app, slip)
        self.app.pop_screen()  # the tracker
        self.app.pop_screen()  # the review: back to the ballot, choices kept
        self.app.notify(problem or _("Verificación impresa: esa papeleta no se cuenta. "
                                     "Revise y vote de nuevo."), timeout=8)
