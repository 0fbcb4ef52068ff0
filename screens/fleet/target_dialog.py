"""Whose configuration to open from the fleet table: 1 the highlighted device's own, 2 its
whole site's; 0 or Esc nothing."""

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from kiosk.i18n import _
from screens.dialogs.choice import ChoiceDialog
from screens.widgets.numbered_menu import NumberedMenu, Option


class ConfigTargetDialog(ChoiceDialog):
    """Dismisses with "device", "site" or None."""

    def __init__(self, device_name: str, site_code: str) -> None:
        super().__init__()
        self.device_name, self.site_code = device_name, site_code

    def compose(self) -> ComposeResult:
        with Vertical(id="fleet-target-dialog", classes="dialog"):
            yield Static(_("¿Qué configuración?"), classes="title")
            yield NumberedMenu(
                [Option("device", _("Solo el equipo {name}").format(name=self.device_name)),
                 Option("site", _("Todo el local {code}").format(code=self.site_code))],
                back=Option("close", _("Ninguna")), id="fleet-target-menu")
