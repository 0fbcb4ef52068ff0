"""One search box: results numbered by relevance; a procedure opens its requirements.

On the keypad: type, Enter; the results take the focus, so a digit opens one; Up from the
first result goes back to the box for another search, Down comes back to the results."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.i18n import N_, _, language
from screens.base import KioskScreen
from screens.calls import call_server
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option

KINDS = {"procedure": N_("Trámite"), "office": N_("Oficina"), "faq": N_("Pregunta"),
         "news": N_("Noticia"), "agreement": N_("Acuerdo u ordenanza")}


class SearchScreen(KioskScreen):
    def __init__(self) -> None:
        super().__init__()
        self.hits: list = []

    def heading(self) -> str:
        return _("Buscar información")

    def body(self) -> ComposeResult:
        yield Input(id="search-query", max_length=120,
                    placeholder=_("¿Qué busca? Por ejemplo: licencia de funcionamiento"))
        yield NumberedMenu([], back=back_option(), id="search-menu")
        yield Static("", id="search-detail", classes="card hidden", markup=False)

    def hints(self) -> list[tuple[str, str]]:
        return [("Enter", _("Buscar")), ("↑/↓", _("Buscar otra vez / resultados"))]

    def on_mount(self) -> None:
        self.query_one("#search-query", Input).focus()

    @on(Input.Submitted, "#search-query")
    def submitted(self, event: Input.Submitted) -> None:
        self.search(event.value)

    @work(exit_on_error=False, exclusive=True, group="search")
    async def search(self, query: str) -> None:
        result = await call_server(self.app, self.shell.client.info.search(query), self.status)
        if result is None:
            return
        self.hits = result.hits
        lang = language()
        if result.hint is not None:
            self.status(result.hint(lang))
        elif not self.hits:
            self.status(_("Sin resultados. Pruebe con otras palabras."))
        else:
            self.status(_("Pulse el número de un resultado (↑ para buscar otra cosa):"))
        menu = self.query_one("#search-menu", NumberedMenu)
        await menu.show([Option(str(n), f"{_(KINDS[h.kind])}: {h.title(lang)}")
                         for n, h in enumerate(self.hits, start=1)])
        self.query_one("#search-detail", Static).add_class("hidden")
        menu.focus_first()

    @on(NumberedMenu.Chosen, "#search-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        hit = self.hits[int(event.option_id) - 1]
        if hit.kind == "procedure":
            self.open_procedure(hit.ref)
            return
        detail = self.query_one("#search-detail", Static)
        detail.update(f"{hit.title(language())}\n{hit.body(language())}")
        detail.remove_class("hidden")

    @work(exit_on_error=False, exclusive=True, group="search")
    async def open_procedure(self, code: str) -> None:
        from screens.procedures.procedure import ProcedureScreen

        proc = await call_server(self.app, self.shell.client.procedures.get(code), self.status)
        if proc is not None:
            self.app.push_screen(ProcedureScreen(proc))
