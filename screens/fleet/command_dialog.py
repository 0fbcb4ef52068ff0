"""Which remote command to send to a device: 1 refresh its configuration, 2 print a test
receipt, 3 restart its app; 0 or Esc send nothing."""

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from kiosk.i18n import _
from screens.dialogs.choice import ChoiceDialog
from screens.fleet.texts import command_word
from screens.widgets.numbered_menu import NumberedMenu, Option

KINDS = ("refresh_config", "print_test", "restart")


class CommandDialog(ChoiceDialog):
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
