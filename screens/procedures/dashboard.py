"""The programme's figures as terminal charts: filings by month and channel, the share filed
at kiosks, median working days to resolve, overdue files by office."""

from textual import work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _
from screens.base import KeypadScroll, KioskScreen
from screens.calls import call_server

WIDTH = 30


def bar(value: float, top: float, char: str = "█") -> str:
    return char * (round(WIDTH * value / top) if top else 0)


class DashboardScreen(KioskScreen):
    def heading(self) -> str:
        return _("Panel de cifras: trámite documentario")

    def body(self) -> ComposeResult:
        with KeypadScroll():
            yield Static(_("Cargando…"), id="dashboard-figures")

    def on_mount(self) -> None:
        self.load()

    @work(exit_on_error=False, exclusive=True, group="dashboard")
    async def load(self) -> None:
        target = self.query_one("#dashboard-figures", Static)
        data = await call_server(self.app, self.shell.client.procedures.dashboard(), target.update)
        if data is None:
            return
        top = max((m["kiosk"] + m["front_desk"] for m in data.by_month), default=0)
        lines = [_("[b]Expedientes por mes[/b] (█ quiosco, ░ mesa de partes)")]
        lines += [f"{m['month']}  {bar(m['kiosk'], top)}{bar(m['front_desk'], top, '░')} "
                  f"{m['kiosk']}+{m['front_desk']}" for m in data.by_month[-6:]]
        lines += ["", _("Presentados en quioscos: [b]{share} %[/b]").format(
            share=data.kiosk_share), "", _("[b]Mediana de días hábiles para resolver[/b]")]
        slowest = max((r["median"] for r in data.median_days), default=0)
        lines += [f"{r['procedure']:<6} {bar(r['median'], slowest)} {r['median']} "
                  f"({r['files']})" for r in data.median_days[:8]]
        if not data.median_days:
            lines.append(_("Aún no hay expedientes resueltos: la mediana aparece con el "
                           "primero."))
        lines += ["", _("[b]Vencidos por oficina[/b] (de los abiertos)")]
        lines += [f"{r['office']:<6} {bar(r['overdue'], max(r['open'], 1))} "
                  f"{r['overdue']}/{r['open']}" for r in data.overdue_by_office]
        target.update("\n".join(lines))
