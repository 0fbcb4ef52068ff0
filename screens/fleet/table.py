"""The fleet as a table (administrators): every site and its devices with their status
(ok / alert / silent), what each alert is, and remote commands to the highlighted device (O).
M opens the map of the district; C the configuration of the highlighted device or its
site. Rows are two lines high so that everything fits 80 columns."""

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from kiosk.api.fleet import FleetDevice, FleetSite, FleetView
from kiosk.clock import LIMA
from kiosk.i18n import _, ngettext
from screens.base import KioskScreen
from screens.calls import call_server
from screens.fleet.texts import MARKS, alert_word, command_word, status_word
from screens.staff.devices import label


def cut(text: str, width: int) -> str:
    """`text` in `width` columns, with "…" where it was cut (a name never looks whole when it
    is not)."""
    return text if len(text) <= width else text[:width - 1] + "…"


def row_of(site: FleetSite, d: FleetDevice | None) -> tuple[str, str, str, str]:
    if d is None:  # a site without devices yet: still a row, so its configuration opens
        return (f"{site.code}\n{cut(site.name, 14)}", "—\n" + _("sin equipos"), "—", "—")
    beat = (d.last_heartbeat_at.astimezone(LIMA).strftime("%d/%m %H:%M")
            if d.last_heartbeat_at else _("nunca"))
    kind = _("quiosco") if d.kind == "kiosk" else _("terminal")
    alerts = ", ".join(alert_word(a) for a in d.alerts) or "—"
    waiting = ngettext("{n} envío pendiente", "{n} envíos pendientes", d.outbox).format(
        n=d.outbox)
    # At most 14 + 16 + 14 + 22 columns and their padding: the table fits 80 columns.
    return (f"{site.code}\n{cut(site.name, 14)}", f"{cut(d.name, 16)}\n{kind}",
            f"{MARKS.get(d.status, '?')} {status_word(d.status)}\n{beat}",
            f"{cut(alerts, 22)}\n{cut(waiting, 22)}")


class FleetScreen(KioskScreen):
    BINDINGS = [Binding("m,M", "map", show=False), Binding("o,O", "command", show=False),
                Binding("c,C", "configure", show=False)]
    rows: list[tuple[FleetSite, FleetDevice | None]] = []

    def heading(self) -> str:
        return _("Flota: locales y equipos")

    def hints(self) -> list[tuple[str, str]]:
        return [("M", _("Mapa")), ("O", _("Enviar orden")), ("C", _("Configurar"))]

    def body(self) -> ComposeResult:
        yield DataTable(id="fleet-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="fleet-detail", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.restore()

    def restore(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Local"), _("Equipo"), _("Estado, latido"),
                          _("Alertas, pendientes"))
        table.focus()
        self.load()

    @work(exit_on_error=False, exclusive=True, group="fleet")
    async def load(self) -> None:
        view = await call_server(self.app, self.shell.client.fleet.view(), self.status)
        if view is not None:
            self._fill(view)

    def _fill(self, view: FleetView) -> None:
        self.rows = [(site, d) for site in view.sites for d in (site.devices or [None])]
        table = self.query_one(DataTable)
        table.clear()
        for site, d in self.rows:
            table.add_row(*row_of(site, d), height=2)
        devices = [d for _site, d in self.rows if d is not None]
        troubled = sum(d.status != "ok" for d in devices)
        self.status(ngettext("{n} equipo", "{n} equipos", len(devices)).format(
            n=len(devices)) + " · " + ngettext(
            "{n} con problemas", "{n} con problemas", troubled).format(n=troubled))

    @on(DataTable.RowHighlighted)
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        if not 0 <= event.cursor_row < len(self.rows):
            return
        site, d = self.rows[event.cursor_row]
        if d is None:
            self.query_one("#fleet-detail", Static).update(
                _("{site}: aún no tiene equipos; C abre su configuración.").format(
                    site=site.name))
            return
        version = d.software_version or "?"
        self.query_one("#fleet-detail", Static).update(
            _("{name}: versión {version}, papel: {paper}; último error: {error}").format(
                name=d.name, version=version, paper=label("paper", d.paper_status),
                error=d.last_error or _("ninguno")))

    def action_map(self) -> None:
        from screens.fleet.map import FleetMapScreen

        self.app.push_screen(FleetMapScreen())

    def action_command(self) -> None:
        from screens.fleet.command_dialog import CommandDialog

        table = self.query_one(DataTable)
        if not 0 <= table.cursor_row < len(self.rows):
            return
        _site, device = self.rows[table.cursor_row]
        if device is None:
            self.status(_("Ese local no tiene equipos a los que enviar una orden."))
            return
        self.app.push_screen(CommandDialog(device.name),
                             lambda kind: kind and self.send(device, kind))

    def action_configure(self) -> None:
        from screens.fleet.config import FleetConfigScreen
        from screens.fleet.target_dialog import ConfigTargetDialog

        table = self.query_one(DataTable)
        if not 0 <= table.cursor_row < len(self.rows):
            return
        site, device = self.rows[table.cursor_row]
        if device is None:  # only the site's own configuration to open
            self.app.push_screen(FleetConfigScreen(site, None))
            return

        def opened(target: str | None) -> None:
            if target is not None:
                self.app.push_screen(FleetConfigScreen(site, device if target == "device"
                                                       else None))

        self.app.push_screen(ConfigTargetDialog(device.name, site.code), opened)

    @work(exit_on_error=False, group="fleet-command")
    async def send(self, device: FleetDevice, kind: str) -> None:
        sent = await call_server(self.app, self.shell.client.fleet.issue(device.id, kind),
                                 self.status)
        if sent is not None:
            self.status(_("Orden enviada a {name}: {what}. Se cumple en su próximo latido.")
                        .format(name=device.name, what=command_word(kind)))
