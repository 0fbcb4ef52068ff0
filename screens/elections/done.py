"""The vote is on the board: the receipt, printed, and what it means in plain words."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from devices.printer.layout import group_digits
from kiosk.api.elections import BoardReceipt
from kiosk.i18n import _
from screens.base import KioskScreen
from screens.elections import slips
from screens.elections.printing import print_slip, site
from screens.widgets.numbered_menu import NumberedMenu, Option


class VoteDoneScreen(KioskScreen):
    def __init__(self, receipt: BoardReceipt) -> None:
        super().__init__()
        self.receipt = receipt

    def heading(self) -> str:
        return _("Su voto fue registrado")

    def body(self) -> ComposeResult:
        yield Static(self.receipt.tracker, id="tracker-code", classes="callout")
        yield Static(_("En el teclado: {digits}").format(digits=group_digits(
            self.receipt.tracker_digits)), id="tracker-digits", markup=False)
        yield Static(_("Este código permite comprobar que su voto fue contado; no muestra su "
                       "voto. Compruébelo en cualquier quiosco: «Verificar mi voto»."),
                     classes="lead")
        yield Static(_("Posición en el tablero: {n}").format(n=self.receipt.position))
        # With speech on, the constancia is read first and printed when the resident asks.
        self.read_first = self.shell.speech_on
        label = _("Imprimir") if self.read_first else _("Imprimir otra vez")
        yield NumberedMenu([Option("again", label)],
                           back=Option("done", _("Terminar")), id="done-menu")

    def on_mount(self) -> None:
        if self.read_first:
            self.status(_("Escuche su constancia de voto; pulse 1 para imprimirla."))
            return
        self.status(_("Imprimiendo su constancia…"))
        self.print_receipt()

    @work(exit_on_error=False, exclusive=True, group="printer")
    async def print_receipt(self) -> None:
        problem = await print_slip(self.app, slips.vote_receipt(self.receipt,
                                                                site(self.app)))
        self.status(problem or _("Listo. Retire su constancia de voto."))

    @on(NumberedMenu.Chosen, "#done-menu")
    def chosen_option(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "again":
            self.print_receipt()
            return
        from screens.elections.home import ElectionHomeScreen

        while len(self.app.screen_stack) > 2 and not isinstance(self.app.screen,
                                                                 ElectionHomeScreen):
            self.app.pop_screen()
