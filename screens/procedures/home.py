"""Trámites: the catalogue for anyone; filing and "Mis trámites" for an identified resident."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class ProceduresHomeScreen(KioskScreen):
    def heading(self) -> str:
        return _("Trámites municipales")

    def body(self) -> ComposeResult:
        options = [Option("catalogue",
                          _("Catálogo de trámites (TUPA): requisitos, costo y plazo"))]
        if self.shell.session.resident is not None:
            options.append(Option("mine", _("Mis trámites: estado, subsanar e imprimir")))
        options.append(Option("follow", _("Seguir un trámite con su número y DNI o RUC")))
        yield NumberedMenu(options, back=back_option(), id="procedures-menu")
        yield Static(_("Los trámites que necesitan documentos escaneados se inician aquí y se "
                       "completan en mesa de partes."), classes="hint")

    @on(NumberedMenu.Chosen)
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.procedures.catalogue import CatalogueScreen
        from screens.procedures.follow import FollowScreen
        from screens.procedures.mine import MyFilesScreen

        screens = {"catalogue": CatalogueScreen, "mine": MyFilesScreen, "follow": FollowScreen}
        self.app.push_screen(screens[event.option_id]())
