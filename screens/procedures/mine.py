"""Mis trámites: the resident's files, each with its history, what is expected and by when;
correct an observation, print the cargo or the resolution."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.api.procedures import Expediente
from kiosk.i18n import _, language
from screens.base import KioskScreen
from screens.calls import call_server
from screens.list_screen import ListScreen
from screens.procedures.status import file_lines, history_lines
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


def _ref(exp: Expediente) -> str:
    return exp.number or exp.start_code


class MyFilesScreen(ListScreen[Expediente]):
    def heading(self) -> str:
        return _("Mis trámites")

    def fetch(self):
        return self.shell.client.procedures.my_files()

    def item_id(self, item: Expediente) -> str:
        return _ref(item)

    def label(self, item: Expediente) -> str:
        lang = language()
        return f"{_ref(item)}  {item.procedure_name(lang)} · {item.state_text(lang)}"

    def loading_text(self) -> str:
        return _("Consultando sus trámites…")

    def prompt_text(self) -> str:
        return _("Elija un trámite:")

    def empty_text(self) -> str:
        return _("No tiene trámites presentados.")

    def picked(self, item: Expediente) -> None:
        self.app.push_screen(FileScreen(item), lambda _changed: self.load())


class FileScreen(KioskScreen):
    def __init__(self, exp: Expediente) -> None:
        super().__init__()
        self.exp = exp

    def heading(self) -> str:
        return _("Expediente {ref}: {name}").format(ref=_ref(self.exp),
                                                    name=self.exp.procedure_name(language()))

    def body(self) -> ComposeResult:
        exp = self.exp
        card = file_lines(exp, exp.office.name(language()))
        yield Static("\n".join(card), id="file-card", classes="card")
        yield Static("\n".join(history_lines(exp.events)), id="file-history")
        options = []
        if exp.cargo_code:
            options.append(Option("cargo", _("Imprimir el cargo")))
        if exp.resolution_code:
            options.append(Option("resolution", _("Imprimir la resolución o constancia")))
        if exp.state == "observado":
            options.append(Option("correct", _("Subsanar la observación")))
        yield NumberedMenu(options, back=back_option(), id="file-menu")
        yield Input(id="correct-note", max_length=1000, classes="hidden",
                    placeholder=_("Escriba su respuesta y pulse Enter"))


    @on(NumberedMenu.Chosen, "#file-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "correct":
            note = self.query_one("#correct-note", Input)
            note.remove_class("hidden")
            note.focus()
            self.status(_("Explique cómo corrige lo observado. Si debe entregar documentos, "
                          "acuda a mesa de partes."))
        else:
            code = self.exp.cargo_code if event.option_id == "cargo" else self.exp.resolution_code
            self.print_document(code)

    @work(exit_on_error=False, exclusive=True, group="file")
    async def print_document(self, code: str) -> None:
        from screens.documents.receipt import ReceiptScreen

        document = await call_server(self.app, self.shell.client.documents.get(code), self.status)
        if document is not None:
            self.app.push_screen(ReceiptScreen(document))

    @on(Input.Submitted, "#correct-note")
    def submitted(self, event: Input.Submitted) -> None:
        if len(event.value.strip()) < 3:
            self.status(_("Escriba al menos unas palabras."))
            return
        self.correct(event.value.strip())

    @work(exit_on_error=False, exclusive=True, group="file")
    async def correct(self, note: str) -> None:
        exp = await call_server(self.app, self.shell.client.procedures.correct(_ref(self.exp),
                                                                       note=note), self.status)
        if exp is not None:
            self.dismiss(True)
