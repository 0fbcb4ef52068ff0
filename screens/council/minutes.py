"""The council secretary corrects a session's draft minutes (acta en borrador) at the
terminal, paragraph by paragraph: pick one to rewrite it (emptied, it goes), add one at the
end, then save. The draft is never public; once approved at a later session it no longer
changes (the server refuses, and the refusal is shown)."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.api.council import Session
from kiosk.i18n import _, ngettext
from screens.base import KioskScreen
from screens.calls import call_server
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class MinutesScreen(KioskScreen):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.lines: list[str] = []
        self.loaded = False
        self.changes = 0
        self.editing: int | None = None  # the paragraph being rewritten; len(lines) adds one

    def heading(self) -> str:
        return _("Borrador del acta: {code}").format(code=self.session.code)

    def body(self) -> ComposeResult:
        yield Static(_("Elija un párrafo para corregirlo; el borrador no es público hasta "
                       "que el concejo lo aprueba."), classes="hint")
        box = Input(id="minutes-line", max_length=2000)
        box.display = False  # shown while a paragraph is written; hidden, keys go to the menu
        yield box
        yield NumberedMenu([], back=back_option(), id="minutes-menu")

    def on_mount(self) -> None:
        super().on_mount()
        self.load()

    @work(exit_on_error=False, exclusive=True, group="council-minutes")
    async def load(self) -> None:
        minutes = await call_server(self.app, self.shell.client.council.draft_minutes(
            self.session.code), self.status)
        if minutes is None:
            return
        self.lines, self.loaded = minutes.text.split("\n"), True
        await self.draw()
        self.status(_("Elija un párrafo, o guarde."))

    async def draw(self) -> None:
        menu = self.query_one("#minutes-menu", NumberedMenu)
        menu.display = True
        options = [Option("save", ngettext("Guardar el borrador ({n} cambio)",
                                           "Guardar el borrador ({n} cambios)",
                                           self.changes).format(n=self.changes)),
                   Option("add", _("Añadir un párrafo al final"))]
        options += [Option(f"L{i}", line or _("(línea en blanco)"))
                    for i, line in enumerate(self.lines)]
        await menu.show(options, page=menu.page)
        menu.focus_first()
        self.refresh_hints()

    @on(NumberedMenu.Chosen, "#minutes-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "save":
            self.save()
            return
        self.editing = (len(self.lines) if event.option_id == "add"
                        else int(event.option_id[1:]))
        box = self.query_one("#minutes-line", Input)
        box.value = "" if event.option_id == "add" else self.lines[self.editing]
        box.display = True
        self.query_one("#minutes-menu", NumberedMenu).display = False
        self.refresh_hints()
        box.focus()
        self.status(_("Escriba el párrafo y pulse Enter (vacío, se quita)."))

    @on(Input.Submitted, "#minutes-line")
    async def written(self, event: Input.Submitted) -> None:
        if self.editing is None:
            return
        text = event.value.strip()
        if self.editing == len(self.lines):
            if text:
                self.lines.append(text)
                self.changes += 1
        elif text != self.lines[self.editing]:
            if text:
                self.lines[self.editing] = text
            else:
                del self.lines[self.editing]
            self.changes += 1
        self.editing = None
        event.input.display = False
        await self.draw()
        self.status(_("Elija un párrafo, o guarde."))

    @work(exit_on_error=False, exclusive=True, group="council-minutes")
    async def save(self) -> None:
        text = "\n".join(self.lines).strip()
        if len(text) < 3:
            self.status(_("El acta no puede quedar vacía."))
            return
        minutes = await call_server(self.app, self.shell.client.council.edit_minutes(
            self.session.code, text), self.status)
        if minutes is None:
            return
        self.lines, self.changes = minutes.text.split("\n"), 0
        await self.draw()
        self.status(_("Borrador guardado y auditado; se publica cuando el concejo lo "
                      "aprueba."))
