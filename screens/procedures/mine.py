"""Mis trámites: the resident's files, each with its history, what is expected and by when;
correct an observation, print the cargo or the resolution."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.api.procedures import Expediente
from kiosk.i18n import _, language
from screens.base import KioskScreen
from screens.calls import call_server
from screens.procedures.paging import next_page, page_options
from screens.procedures.status import file_lines, history_lines
from screens.widgets.numbered_menu import NumberedMenu, Option


def _ref(exp: Expediente) -> str:
    return exp.number or exp.start_code


class MyFilesScreen(KioskScreen):
    def __init__(self) -> None:
        super().__init__()
        self.files: list[Expediente] = []
        self.page = 0

    def heading(self) -> str:
        return _("Mis trámites")

    def body(self) -> ComposeResult:
        yield Static(_("Consultando sus trámites…"), id="mine-status", classes="status")
        yield NumberedMenu([], id="mine-menu")

    def hints(self) -> list[tuple[str, str]]:
        return [("1-8", _("Ver")), ("9", _("Más")), ("Esc", _("Volver"))]

    def on_mount(self) -> None:
        self.load()

    def _status(self, text: str) -> None:
        self.query_one("#mine-status", Static).update(text)

    @work(exit_on_error=False, exclusive=True, group="mine")
    async def load(self) -> None:
        files = await call_server(self.app, self.app.client.procedures.my_files(), self._status)
        if files is None:
            return
        self.files = files
        self._status(_("No tiene trámites presentados.") if not files else
                     _("Elija un trámite:"))
        await self.show_page()

    async def show_page(self) -> None:
        lang = language()
        labels = [(_ref(f), f"{_ref(f)}  {f.procedure_name(lang)[:38]} · {f.state_text(lang)}")
                  for f in self.files]
        menu = self.query_one("#mine-menu", NumberedMenu)
        menu.options = page_options(labels, self.page)
        await menu.recompose()

    @on(NumberedMenu.Chosen, "#mine-menu")
    async def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "next-page":
            self.page = next_page(self.files, self.page)
            await self.show_page()
            return
        exp = next(f for f in self.files if _ref(f) == event.option_id)
        self.app.push_screen(FileScreen(exp), lambda _changed: self.load())


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
            options.append(Option("1", _("Imprimir el cargo"), "cargo"))
        if exp.resolution_code:
            options.append(Option("2", _("Imprimir la resolución o constancia"), "resolution"))
        if exp.state == "observado":
            options.append(Option("3", _("Subsanar la observación"), "correct"))
        yield NumberedMenu(options, id="file-menu")
        yield Input(id="correct-note", max_length=1000, classes="hidden",
                    placeholder=_("Escriba su respuesta y pulse Enter"))
        yield Static("", id="file-status", classes="status")

    def hints(self) -> list[tuple[str, str]]:
        return [("1-3", _("Elegir")), ("Esc", _("Volver"))]

    def _status(self, text: str) -> None:
        self.query_one("#file-status", Static).update(text)

    @on(NumberedMenu.Chosen, "#file-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "correct":
            note = self.query_one("#correct-note", Input)
            note.remove_class("hidden")
            note.focus()
            self._status(_("Explique cómo corrige lo observado. Si debe entregar documentos, "
                           "acuda a mesa de partes."))
        else:
            code = self.exp.cargo_code if event.option_id == "cargo" else self.exp.resolution_code
            self.print_document(code)

    @work(exit_on_error=False, exclusive=True, group="file")
    async def print_document(self, code: str) -> None:
        from screens.documents.receipt import ReceiptScreen

        document = await call_server(self.app, self.app.client.documents.get(code), self._status)
        if document is not None:
            self.app.push_screen(ReceiptScreen(document))

    @on(Input.Submitted, "#correct-note")
    def submitted(self, event: Input.Submitted) -> None:
        if len(event.value.strip()) < 3:
            self._status(_("Escriba al menos unas palabras."))
            return
        self.correct(event.value.strip())

    @work(exit_on_error=False, exclusive=True, group="file")
    async def correct(self, note: str) -> None:
        exp = await call_server(
            self.app, self.app.client.procedures.correct(_ref(self.exp), note=note), self._status)
        if exp is not None:
            self.dismiss(True)
