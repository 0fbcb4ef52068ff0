"""Follow a file without identification: its number and the filer's DNI or RUC."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.i18n import _, language
from screens.base import KioskScreen
from screens.calls import call_server
from screens.procedures.status import file_lines, history_lines


class FollowScreen(KioskScreen):
    def heading(self) -> str:
        return _("Seguir un trámite")

    def body(self) -> ComposeResult:
        yield Static(_("Escriba el número de expediente de su cargo (por ejemplo 2026-000123) "
                       "y el DNI o RUC de quien lo presentó."), classes="lead")
        yield Input(id="follow-number", max_length=11, placeholder=_("N.º de expediente"))
        yield Input(id="follow-document", max_length=11, placeholder=_("DNI o RUC"))
        yield Static("", id="follow-result", classes="card")

    def hints(self) -> list[tuple[str, str]]:
        return [("Enter", _("Consultar"))]

    def on_mount(self) -> None:
        self.query_one("#follow-number", Input).focus()


    @on(Input.Submitted, "#follow-number")
    def number_entered(self) -> None:
        self.query_one("#follow-document", Input).focus()

    @on(Input.Submitted, "#follow-document")
    def submitted(self) -> None:
        number = self.query_one("#follow-number", Input).value.strip()
        document = self.query_one("#follow-document", Input).value.strip()
        if len(number) != 11 or number[4:5] != "-":
            self.status(_("El número tiene la forma AAAA-NNNNNN, como 2026-000123."))
            return
        if len(document) not in (8, 11) or not document.isdigit():
            self.status(_("El DNI tiene 8 dígitos y el RUC 11."))
            return
        self.follow(number, document)

    @work(exit_on_error=False, exclusive=True, group="follow")
    async def follow(self, number: str, document: str) -> None:
        self.status(_("Consultando…"))
        status = await call_server(self.app, self.shell.client.procedures.follow(
            number=number, document=document), self.status)
        if status is None:
            return
        self.status("")
        self.query_one("#follow-result", Static).update(
            "\n".join([f"[b]{status.number}[/b]  {status.procedure_name(language())}",
                       *file_lines(status, status.office(language())), "",
                       *history_lines(status.events, 4)]))

