"""One procedure: what it costs, how long it takes, and its requirements as a checklist."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.api.procedures import Procedure
from kiosk.i18n import _, language
from screens.base import KeypadScroll, KioskScreen
from screens.procedures.texts import requirement_label, summary
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class ProcedureScreen(KioskScreen):
    def __init__(self, procedure: Procedure) -> None:
        super().__init__()
        self.procedure = procedure

    def heading(self) -> str:
        return f"{self.procedure.name(language())} ({self.procedure.code})"

    def body(self) -> ComposeResult:
        proc = self.procedure
        with KeypadScroll(id="procedure-detail"):
            yield Static("\n".join(summary(proc)), classes="card")
            yield Static(_("[b]Requisitos[/b] (tenga todo listo antes de presentar):"),
                         classes="lead")
            yield Static("\n".join(f"{n}. {requirement_label(r)}"
                                   for n, r in enumerate(proc.requirements, start=1)),
                         id="requirements", classes="checklist")
        if self.shell.session.resident is not None:
            label = (_("Presentar este trámite") if proc.kiosk_complete else
                     _("Iniciar este trámite (los documentos se entregan en mesa de partes)"))
            yield NumberedMenu([Option("file", label)], back=back_option(),
                               id="procedure-menu")
        else:
            yield Static(_("Para presentarlo, identifíquese con su DNI electrónico."),
                         classes="hint")

    @on(NumberedMenu.Chosen, "#procedure-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.procedures.filing import FilingScreen

        self.app.push_screen(FilingScreen(self.procedure))
