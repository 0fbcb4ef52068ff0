"""The kiosks and terminals of this site and their last heartbeat."""


from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable

from kiosk.clock import LIMA
from kiosk.i18n import _, ngettext
from screens.base import KioskScreen
from screens.calls import call_server


class DevicesScreen(KioskScreen):
    def heading(self) -> str:
        return _("Equipos de este local")

    def body(self) -> ComposeResult:
        yield DataTable(id="devices", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Equipo"), _("Tipo"), _("Estado"), _("Último latido"),
                          _("Lector"), _("Impresora"), _("Papel"), _("Último error"))
        table.focus()
        self.load()

    @work(exit_on_error=False, exclusive=True, group="devices")
    async def load(self) -> None:
        devices = await call_server(self.app, self.shell.client.devices.all(), self.status)
        if devices is None:
            return
        table = self.query_one(DataTable)
        table.clear()
        for d in devices:
            beat = (d.last_heartbeat_at.astimezone(LIMA).strftime("%d/%m %H:%M:%S")
                    if d.last_heartbeat_at else "-")
            table.add_row(d.name, _("quiosco") if d.kind == "kiosk" else _("terminal"),
                          _("EN LÍNEA") if d.online else _("SIN SEÑAL"), beat,
                          d.reader_status or "-", d.printer_status or "-",
                          d.paper_status or "-", d.last_error or "")
        self.status(ngettext("{n} equipo", "{n} equipos", len(devices)).format(n=len(devices)))
