"""Sending to RENIEC: how many actas wait, which are past the 15 days, the last batches; one
key makes the next batch (every acta not yet sent, one file with its SHA-256)."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _, ngettext
from screens.base import KioskScreen
from screens.calls import call_server
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class ReniecScreen(KioskScreen):
    def heading(self) -> str:
        return _("Envío a RENIEC")

    def body(self) -> ComposeResult:
        yield Static("", id="reniec-card", classes="card")
        yield NumberedMenu([Option("export", _("Generar el lote con todo lo pendiente"))],
                           back=back_option(), id="reniec-menu")

    def on_mount(self) -> None:
        self.load()

    def reload(self) -> None:
        self.load()

    @work(exit_on_error=False, exclusive=True, group="reniec")
    async def load(self, done: str = "") -> None:
        status = await call_server(self.app, self.shell.client.registry.reniec(), self.status)
        if status is None:
            return
        lines = [ngettext("{n} acta pendiente de envío", "{n} actas pendientes de envío",
                          status.unsent).format(n=status.unsent),
                 ngettext("{n} vencida (más de {days} días)", "{n} vencidas (más de {days} días)",
                          status.overdue_count).format(n=status.overdue_count,
                                                       days=status.deadline_days)]
        lines += [f"  [b]{a.ref}[/b] {a.names}" for a in status.overdue[:5]]
        lines += [_("Lote {number}: {count} actas, SHA-256 {sha}…").format(
            number=b.number, count=b.count, sha=b.sha256[:16]) for b in status.batches[:3]]
        self.query_one("#reniec-card", Static).update("\n".join(lines))
        self.status(done)

    @on(NumberedMenu.Chosen, "#reniec-menu")
    def chosen(self) -> None:
        self.export()

    @work(exit_on_error=False, exclusive=True, group="reniec")
    async def export(self) -> None:
        batch = await call_server(self.app, self.shell.client.registry.export_reniec(),
                                  self.status)
        if batch is not None:
            self.load(_("Lote {number} generado: {count} actas. Archivo {file} en el "
                        "servidor.").format(number=batch.number, count=batch.count,
                                            file=batch.filename))
