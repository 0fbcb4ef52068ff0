"""The first screen of a public kiosk: insert the ID card, or pick a numbered service."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.registry import services_for
from screens.widgets.numbered_menu import NumberedMenu, Option


class HomeScreen(KioskScreen):
    can_go_back = False

    def heading(self) -> str:
        return _("Bienvenido a los servicios municipales")

    def body(self) -> ComposeResult:
        yield Static(_("Inserte su DNI electrónico en el lector para empezar."),
                     id="insert-card", classes="callout")
        yield Static(_("O elija una opción con su número:"), classes="lead")
        options = [Option("1", _("Identificarme con mi DNI y PIN municipal"), "dni-login")]
        options += [Option(str(n), _(s.label), s.id)
                    for n, s in enumerate(services_for("public"), start=2)]
        options.append(Option("9", _("Accesibilidad e idioma (English)"), "accessibility"))
        yield NumberedMenu(options, id="home-menu")

    def hints(self) -> list[tuple[str, str]]:
        return [("1-9", _("Elegir")), ("Enter", _("Aceptar"))]

    @on(NumberedMenu.Chosen)
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.login.dni_login import DniLoginScreen

        if event.option_id == "dni-login":
            self.app.push_screen(DniLoginScreen(), self._after_login)
        elif event.option_id == "accessibility":
            self.app.action_accessibility()
        else:
            service = next(s for s in services_for("public") if s.id == event.option_id)
            self.app.push_screen(service.open())

    def _after_login(self, info) -> None:
        if info is not None:
            self.app.begin_resident_session(info)
