"""Trámites: the catalogue for anyone; filing and "Mis trámites" for an identified resident."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.widgets.numbered_menu import NumberedMenu, Option


class ProceduresHomeScreen(KioskScreen):
    def heading(self) -> str:
        return _("Trámites municipales")

    def body(self) -> ComposeResult:
        options = [Option("1", _("Catálogo de trámites (TUPA): requisitos, costo y plazo"),
                          "catalogue")]
        if self.app.session.resident is not None:
            options.append(Option("2", _("Mis trámites: estado, subsanar e imprimir"), "mine"))
        options.append(Option("3", _("Seguir un trámite con su número y DNI o RUC"), "follow"))
        yield NumberedMenu(options, id="procedures-menu")
        yield Static(_("Los trámites que necesitan documentos escaneados se inician aquí y se "
                       "completan en mesa de partes."), classes="hint")

    def hints(self) -> list[tuple[str, str]]:
        return [("1-3", _("Elegir")), ("Esc", _("Volver"))]

    @on(NumberedMenu.Chosen)
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.procedures.catalogue import CatalogueScreen
        from screens.procedures.follow import FollowScreen
        from screens.procedures.mine import MyFilesScreen

        screens = {"catalogue": CatalogueScreen, "mine": MyFilesScreen, "follow": FollowScreen}
        self.app.push_screen(screens[event.option_id]())
