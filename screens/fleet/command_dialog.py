"""Which remote command to send to a device: 1 refresh its configuration, 2 print a test
receipt, 3 restart its app; 0 or Esc send nothing."""

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from kiosk.i18n import _
from screens.fleet.texts import command_word
from screens.widgets.numbered_menu import NumberedMenu, Option

KINDS = ("refresh_config", "print_test", "restart")


class CommandDialog(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "close", show=False)]

    def __init__(self, device_name: str) -> None:
        super().__init__()
        self.device_name = device_name

    def compose(self) -> ComposeResult:
        with Vertical(id="fleet-command-dialog", classes="dialog"):
            yield Static(_("Orden para {name}").format(name=self.device_name), classes="title",
                         markup=False)
            yield NumberedMenu([Option(kind, command_word(kind).capitalize()) for kind in KINDS],
                               back=Option("close", _("No enviar nada")),
                               id="fleet-command-menu")

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            self.query_one(NumberedMenu).choose_key(event.character)
            event.stop()

    def action_close(self) -> None:
        self.dismiss(None)

    @on(NumberedMenu.Chosen)
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        self.dismiss(None if event.option_id == "close" else event.option_id)
