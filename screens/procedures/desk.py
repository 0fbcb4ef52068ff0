"""The offices' desk at the staff terminal: the inbox (bandeja) of one's office, a file by its
number or start code, and the programme's figures."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.i18n import _, language, ngettext
from screens.base import KioskScreen
from screens.calls import call_server
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option

TRAYS = ("overdue", "due_soon", "new", "observed", "in_progress")


class DeskScreen(KioskScreen):
    def __init__(self) -> None:
        super().__init__()
        self.offices: list = []
        self.office = 0

    def heading(self) -> str:
        return _("Expedientes: bandeja de la oficina")

    def body(self) -> ComposeResult:
        yield Static(_("Cargando…"), id="desk-counts", classes="card")
        yield NumberedMenu([], back=back_option(), id="desk-menu")
        yield Input(id="desk-ref", max_length=16,
                    placeholder=_("N.º de expediente o código de inicio, y Enter"))

    def on_mount(self) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        if self.offices:
            self.load()

    @work(exit_on_error=False, exclusive=True, group="desk")
    async def load(self) -> None:
        client = self.shell.client
        if not self.offices:
            self.offices = await call_server(self.app, client.offices.mine(), self.status) or []
        options = [Option("dashboard", _("Panel de cifras del programa"))]
        if len(self.offices) > 1:
            other = self.offices[(self.office + 1) % len(self.offices)]
            options.append(Option("next-office", _("Ver la bandeja de {office}").format(
                office=other.name(language()))))
        if not self.offices:
            self.query_one("#desk-counts", Static).update(
                _("No tiene una oficina asignada: solo puede abrir expedientes por número."))
        else:
            office = self.offices[self.office]
            tray = await call_server(self.app, client.procedures.inbox(office.code), self.status)
            if tray is None:
                return
            lang = language()
            self.query_one("#desk-counts", Static).update(
                f"[b]{office.name(lang)}[/b]\n" + _(
                    "Vencidos {overdue} · Por vencer {due_soon} · Nuevos {new} · Observados "
                    "{observed} · En trámite {in_progress}").format(
                    **{t: getattr(tray, t).count for t in TRAYS}))
            urgent = _most_urgent_first(tray)
            options += [Option(i.number, f"{i.number}  {i.procedure_name(lang)} · {_days(i)}")
                        for i in urgent]
        menu = self.query_one("#desk-menu", NumberedMenu)
        await menu.show(options)
        menu.focus_first()  # digits pick options (they would type into a focused input)

    @on(NumberedMenu.Chosen, "#desk-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.procedures.dashboard import DashboardScreen

        if event.option_id == "dashboard":
            self.app.push_screen(DashboardScreen())
        elif event.option_id == "next-office":
            self.office = (self.office + 1) % len(self.offices)
            self.load()
        else:
            self.open_file(event.option_id)

    @on(Input.Submitted, "#desk-ref")
    def ref_entered(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.open_file(event.value.strip().upper())

    @work(exit_on_error=False, exclusive=True, group="desk-open")
    async def open_file(self, ref: str) -> None:
        from screens.procedures.staff_file import StaffFileScreen

        exp = await call_server(self.app, self.shell.client.procedures.staff_file(ref), self.status)
        if exp is not None:
            self.status("")
            self.app.push_screen(StaffFileScreen(exp))


def _most_urgent_first(tray) -> list:
    """The trays' files in the trays' order (overdue first); a file in two trays once."""
    seen: dict[str, object] = {}
    for name in TRAYS:
        for item in getattr(tray, name).items:
            seen.setdefault(item.number, item)
    return list(seen.values())


def _days(item) -> str:
    if item.state == "observado":
        return _("subsanar hasta {date}").format(date=f"{item.correct_by:%d/%m}")
    if item.days_left is None:
        return ""
    if item.days_left < 0:
        return ngettext("VENCIDO hace {n} día hábil", "VENCIDO hace {n} días hábiles",
                        -item.days_left).format(n=-item.days_left)
    return ngettext("queda {n} día hábil", "quedan {n} días hábiles",
                    item.days_left).format(n=item.days_left)
