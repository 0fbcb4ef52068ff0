"""The kiosks and terminals of this site and their last heartbeat.

One row per machine (the server keeps only a re-enrolled machine's latest record in the list),
two lines high so that every column fits 80 columns; what a device reports is shown in words
of the terminal's language, and the highlighted device's last error under the table.
An administrator retires the highlighted device with R (a stolen or scrapped kiosk): after a
reason, its credential stops working and its certificates go on the CRL (docs/fleet.md).
"""

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from kiosk.api.devices import DeviceInfo
from kiosk.clock import LIMA
from kiosk.i18n import _, ngettext
from screens.base import KioskScreen
from screens.calls import call_server
from screens.dialogs.text import TextDialog


def _labels() -> dict[str, dict[str, str]]:
    """What a device reports, in words (a value no one foresaw is shown as it came)."""
    return {
        "reader": {"ok": _("funciona"), "no_reader": _("sin lector"),
                   "unavailable": _("no disponible")},
        "printer": {"online": _("en línea"), "offline": _("sin conexión"),
                    "unknown": _("no informa")},
        "paper": {"ok": _("hay papel"), "low": _("queda poco"), "out": _("sin papel"),
                  "unknown": _("no informa")},
    }


def label(kind: str, value: str | None) -> str:
    if not value:
        return _("sin datos")
    return _labels()[kind].get(value, value)


def row_of(d: DeviceInfo) -> tuple[str, str, str, str]:
    beat = (d.last_heartbeat_at.astimezone(LIMA).strftime("%d/%m %H:%M:%S")
            if d.last_heartbeat_at else _("nunca"))
    kind = _("quiosco") if d.kind == "kiosk" else _("terminal")
    state = _("EN LÍNEA") if d.online else _("SIN SEÑAL")
    paper = _("papel: {state}").format(state=label("paper", d.paper_status))
    return (f"{d.name}\n{kind}", f"{state}\n{beat}", label("reader", d.reader_status),
            f"{label('printer', d.printer_status)}\n{paper}")


class DevicesScreen(KioskScreen):
    BINDINGS = [Binding("r,R", "retire", show=False)]  # the footer says R: either case
    devices: list[DeviceInfo] = []

    def heading(self) -> str:
        return _("Equipos de este local")

    def _administrator(self) -> bool:
        staff = self.shell.session.staff  # the server refuses anyone else anyway
        return staff is not None and staff.role == "administrator"

    def hints(self) -> list[tuple[str, str]]:
        return [("R", _("Retirar equipo"))] if self._administrator() else []

    def action_retire(self) -> None:
        table = self.query_one(DataTable)
        if not self._administrator() or not 0 <= table.cursor_row < len(self.devices):
            return
        device = self.devices[table.cursor_row]
        title = _("Retirar {name}: motivo (robado, dado de baja…)").format(name=device.name)
        self.app.push_screen(TextDialog(title, "", min_length=3),
                             lambda reason: reason and self.retire(device, reason))

    @work(exit_on_error=False, group="devices-retire")
    async def retire(self, device: DeviceInfo, reason: str) -> None:
        done = await call_server(
            self.app, self.shell.client.devices.retire(device.id, reason=reason), self.status)
        if done is None:
            return
        devices = await call_server(self.app, self.shell.client.devices.all(), self.status)
        if devices is not None:
            self._fill(devices)
        self.status(_("{name} retirado: ya no puede conectarse.").format(name=device.name))

    def body(self) -> ComposeResult:
        yield DataTable(id="devices", cursor_type="row", zebra_stripes=True)
        yield Static("", id="device-error", markup=False)

    def on_mount(self) -> None:
        self.restore()

    def restore(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Equipo"), _("Estado, último latido"), _("Lector"),
                          _("Impresora"))
        table.focus()
        self.load()

    @work(exit_on_error=False, exclusive=True, group="devices")
    async def load(self) -> None:
        devices = await call_server(self.app, self.shell.client.devices.all(), self.status)
        if devices is None:
            return
        self._fill(devices)
        self.status(ngettext("{n} equipo", "{n} equipos", len(devices)).format(n=len(devices)))

    def _fill(self, devices: list[DeviceInfo]) -> None:
        self.devices = devices
        table = self.query_one(DataTable)
        table.clear()
        for d in devices:
            table.add_row(*row_of(d), height=2)

    @on(DataTable.RowHighlighted)
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        if not 0 <= event.cursor_row < len(self.devices):
            return
        device = self.devices[event.cursor_row]
        self.query_one("#device-error", Static).update(
            _("Último error de {name}: {error}").format(name=device.name,
                                                        error=device.last_error)
            if device.last_error else _("{name}: sin errores").format(name=device.name))
