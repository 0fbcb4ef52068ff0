"""Which services a site's or a device's home screen offers, ticked from the service table
(screens/registry.py): Enter or space ticks, "Aceptar" gives the ticked ones (none ticked:
not set here, inherited), Esc gives None (nothing changes)."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kiosk.i18n import _
from screens.base import KeypadScroll
from screens.registry import services_for
from screens.widgets.tick_box import TickBox


class ServicesDialog(ModalScreen[list[str] | None]):
    BINDINGS = [Binding("escape", "cancel", show=False),
                Binding("down", "app.focus_next", show=False),
                Binding("up", "app.focus_previous", show=False)]

    def __init__(self, chosen: list[str] | None) -> None:
        super().__init__()
        self.chosen = set(chosen or [])

    def compose(self) -> ComposeResult:
        with Vertical(id="fleet-services-dialog", classes="dialog"):
            yield Static(_("Servicios en la pantalla de inicio"), classes="title")
            yield Static(_("Ninguno marcado: se hereda. ↑/↓ mover · Enter marcar · Esc "
                           "cancelar"), classes="hint")
            with KeypadScroll(id="fleet-services-list"):
                for service in services_for("public"):
                    yield TickBox(_(service.label), service.id in self.chosen,
                                  id=f"svc-{service.id}")
            yield Button(_("Aceptar"), id="fleet-services-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one(TickBox).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#fleet-services-ok")
    def accept(self) -> None:
        self.dismiss([box.id.removeprefix("svc-") for box in self.query(TickBox) if box.value])
