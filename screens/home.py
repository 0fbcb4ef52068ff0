"""The first screen of a public kiosk: insert the ID card, or pick a numbered service."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.registry import find, services_for
from screens.widgets.numbered_menu import NumberedMenu, Option

# Said in both languages whatever the screen's language: a resident who cannot read the
# screen cannot choose the language first either.
SPEECH_HINT = ("Voz: pulse F3 para escuchar la pantalla, F4 repite. "
               "· Speech: press F3 to hear the screen, F4 repeats.")


class HomeScreen(KioskScreen):
    can_go_back = False
    show_help_hint = False  # its "0" entry is what F1 opens

    def heading(self) -> str:
        return _("Bienvenido a los servicios municipales")

    def body(self) -> ComposeResult:
        yield Static(_("Inserte su DNI electrónico en el lector para empezar."),
                     id="insert-card", classes="callout")
        yield Static(SPEECH_HINT, id="speech-hint", classes="lead")
        yield Static(_("O elija una opción con su número:"), classes="lead")
        options = [Option("dni-login", _("Identificarme con mi DNI y PIN municipal"))]
        options += [Option(s.id, _(s.label)) for s in services_for("public")]
        # 0 is the same on every page: help, language and display.
        yield NumberedMenu(options, back=Option("accessibility",
                                                _("Accesibilidad e idioma (English)")),
                           id="home-menu")

    @on(NumberedMenu.Chosen)
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.login.dni_login import DniLoginScreen

        if event.option_id == "dni-login":
            self.app.push_screen(DniLoginScreen(), self._after_login)
        elif event.option_id == "accessibility":
            self.shell.action_accessibility()
        else:
            self.app.push_screen(find(event.option_id).open())

    def _after_login(self, info) -> None:
        if info is not None:
            self.shell.begin_resident_session(info)
