"""The council secretary's roster: the mayor and the regidores with today's leave or
suspension, and a dated leave or suspension recorded for one of them (the quorum follows)."""

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.api.council import Member
from kiosk.i18n import _
from screens.base import KioskScreen
from screens.calls import call_server
from screens.dates import parse_date
from screens.list_screen import ListScreen
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


def absence_text(kind: str | None) -> str:
    return {"licencia": _("de licencia"), "suspension": _("suspendido/a")}.get(kind or "", "")


class MembersScreen(ListScreen[Member]):
    def heading(self) -> str:
        return _("Miembros del concejo")

    def fetch(self):
        async def members():
            return (await self.shell.client.council.council()).members
        return members()

    def item_id(self, item: Member) -> str:
        return item.code

    def label(self, item: Member) -> str:
        role = _("Alcalde") if item.role == "alcalde" else _("Regidor/a")
        out = f"{item.name} · {role}"
        return f"{out} · {absence_text(item.absence)}" if item.absence else out

    def loading_text(self) -> str:
        return _("Consultando el concejo…")

    def prompt_text(self) -> str:
        return _("Elija a quien registrar una licencia o suspensión:")

    def picked(self, item: Member) -> None:
        self.app.push_screen(AbsenceScreen(item))


class AbsenceScreen(KioskScreen):
    def __init__(self, member: Member) -> None:
        super().__init__()
        self.member = member
        self.kind: str | None = None
        self.saved = False

    def heading(self) -> str:
        return _("Licencia o suspensión: {name}").format(name=self.member.name)

    def body(self) -> ComposeResult:
        yield NumberedMenu([Option("licencia", _("Licencia")),
                            Option("suspension", _("Suspensión"))], back=back_option(),
                           id="absence-kind")
        yield Input(id="absence-from", max_length=10, placeholder=_("Desde (DD/MM/AAAA)"))
        yield Input(id="absence-to", max_length=10, placeholder=_("Hasta (DD/MM/AAAA)"))
        yield Input(id="absence-reason", max_length=300, placeholder=_("Motivo, y Enter"))
        yield Static("", id="absence-result", classes="lead", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.status(_("Elija licencia o suspensión."))

    @on(NumberedMenu.Chosen, "#absence-kind")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        self.kind = event.option_id
        self.query_one("#absence-from", Input).focus()
        self.status(_("Escriba las fechas y el motivo."))

    @on(Input.Submitted, "#absence-from")
    def from_given(self) -> None:
        self.query_one("#absence-to", Input).focus()

    @on(Input.Submitted, "#absence-to")
    def to_given(self) -> None:
        self.query_one("#absence-reason", Input).focus()

    @on(Input.Submitted, "#absence-reason")
    def reason_given(self) -> None:
        starts = parse_date(self.query_one("#absence-from", Input).value)
        ends = parse_date(self.query_one("#absence-to", Input).value)
        reason = self.query_one("#absence-reason", Input).value.strip()
        if self.kind is None:
            self.status(_("Elija licencia o suspensión."))
        elif starts is None or ends is None:
            self.status(_("Escriba las fechas como DD/MM/AAAA."))
        elif len(reason) < 3:
            self.status(_("Escriba el motivo."))
        elif not self.saved:
            self.save(starts, ends, reason)

    @work(exit_on_error=False, exclusive=True, group="council-absence")
    async def save(self, starts: date, ends: date, reason: str) -> None:
        council = await call_server(self.app, self.shell.client.council.add_absence(
            self.member.code, kind=self.kind, starts_on=starts, ends_on=ends, reason=reason),
            self.status)
        if council is None:
            return
        self.saved = True
        self.query_one("#absence-result", Static).update(
            _("Registrado. Hoy: {able} miembros hábiles de {legal}; quórum {quorum}.").format(
                able=council.able, legal=council.legal_number, quorum=council.quorum))
        self.status(_("Registrado y auditado."))
