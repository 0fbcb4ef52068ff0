"""F2 in the demo: insert a demo resident's card into the SIMULATED reader, or take it out."""

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from devices.card.emulator import VirtualCard, list_cards
from kiosk.i18n import _
from screens.shell import UsesShell

FEATURED_DNI = "40123456"


class DemoCardDialog(UsesShell, ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", show=False)]

    def __init__(self, cards_dir: Path) -> None:
        super().__init__()
        self.cards_dir = cards_dir
        self.cards: list[VirtualCard] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="demo-dialog", classes="dialog"):
            yield Static(_("Tarjetas de demostración (lector SIMULADO)"), classes="title")
            yield OptionList(id="demo-cards")
            yield Static(_("PIN de todas las tarjetas demo: 123456"), classes="hint")

    def on_mount(self) -> None:
        self.load_cards()

    @work(thread=True, exit_on_error=False)
    def load_cards(self) -> None:
        cards = list_cards(self.cards_dir) if self.cards_dir.is_dir() else []
        self.app.call_from_thread(self._show, cards)

    def _show(self, cards: list[VirtualCard]) -> None:
        # The README's demo resident first, pre-selected: F2 then Enter inserts her card.
        self.cards = cards = sorted(cards, key=lambda c: (c.dni != FEATURED_DNI, c.dni))
        options = self.query_one(OptionList)
        options.add_option(Option(_("Retirar la tarjeta del lector"), id="remove"))
        for card in cards:
            who = card.identity
            options.add_option(Option(
                f"{who['dni']}  {who['given_names']} {who['surnames']}", id=card.dni))
        if not cards:
            options.add_option(Option(_("No hay tarjetas demo: ejecute kiosk-server seed-demo"),
                                      id="none", disabled=True))
        options.highlighted = 1 if cards else 0
        options.focus()

    def action_close(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        reader = self.shell.reader
        if event.option_id == "remove":
            self.dismiss(None)
            reader.remove()
            return
        card = next(c for c in self.cards if c.dni == event.option_id)
        self.dismiss(None)
        reader.insert(card)
