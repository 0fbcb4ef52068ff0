"""The TUPA in force: every procedure by name, eight a page."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _, language
from screens.base import KioskScreen
from screens.calls import call_server
from screens.procedures.paging import next_page, page_options
from screens.widgets.numbered_menu import NumberedMenu


class CatalogueScreen(KioskScreen):
    def __init__(self) -> None:
        super().__init__()
        self.procedures: list = []
        self.page = 0

    def heading(self) -> str:
        return _("Catálogo de trámites (TUPA)")

    def body(self) -> ComposeResult:
        yield Static(_("Cargando el catálogo…"), id="catalogue-status", classes="status")
        yield NumberedMenu([], id="catalogue-menu")

    def hints(self) -> list[tuple[str, str]]:
        return [("1-8", _("Ver trámite")), ("9", _("Más")), ("Esc", _("Volver"))]

    def on_mount(self) -> None:
        self.load()

    def _status(self, text: str) -> None:
        self.query_one("#catalogue-status", Static).update(text)

    @work(exit_on_error=False, exclusive=True, group="catalogue")
    async def load(self) -> None:
        procedures = await call_server(self.app, self.app.client.procedures.catalogue(),
                                       self._status)
        if procedures is None:
            return
        self.procedures = procedures
        self._status(_("Elija un trámite para ver sus requisitos:"))
        await self.show_page()

    def _labels(self) -> list[tuple[str, str]]:
        return [(p.code, f"{p.name(language())} ({p.code})") for p in self.procedures]

    async def show_page(self) -> None:
        menu = self.query_one("#catalogue-menu", NumberedMenu)
        menu.options = page_options(self._labels(), self.page)
        await menu.recompose()

    @on(NumberedMenu.Chosen, "#catalogue-menu")
    async def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.procedures.procedure import ProcedureScreen

        if event.option_id == "next-page":
            self.page = next_page(self.procedures, self.page)
            await self.show_page()
            return
        proc = next(p for p in self.procedures if p.code == event.option_id)
        self.app.push_screen(ProcedureScreen(proc))
