"""The TUPA in force: every procedure by name, eight a page."""

from kiosk.api.procedures import Procedure
from kiosk.i18n import _, language
from screens.list_screen import ListScreen


class CatalogueScreen(ListScreen[Procedure]):
    cached_as = ("tupa-catalogue", Procedure)  # public: shown from the kiosk's copy offline

    def heading(self) -> str:
        return _("Catálogo de trámites (TUPA)")

    def fetch(self):
        return self.shell.client.procedures.catalogue()

    def item_id(self, item: Procedure) -> str:
        return item.code

    def label(self, item: Procedure) -> str:
        return f"{item.name(language())} ({item.code})"

    def loading_text(self) -> str:
        return _("Cargando el catálogo…")

    def prompt_text(self) -> str:
        return _("Elija un trámite para ver sus requisitos:")

    def empty_text(self) -> str:
        return _("No hay trámites en el catálogo.")

    def picked(self, item: Procedure) -> None:
        from screens.procedures.procedure import ProcedureScreen

        self.app.push_screen(ProcedureScreen(item))
