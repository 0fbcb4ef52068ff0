"""The first screen of a public kiosk: insert the ID card, or pick a numbered service."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.i18n import _, language
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
    _shown: tuple = (None, None, [])  # the fleet's parts, as drawn

    def heading(self) -> str:
        return _("Bienvenido a los servicios municipales")

    def on_mount(self) -> None:
        super().on_mount()
        # The fleet's configuration may change the message and the services: draw again then
        # (only then: a person may be paging the menu when an unchanged one arrives).
        self.watch(self.app, "fleet_config", self._configured, init=False)

    def _fleet_parts(self) -> tuple[str | None, list[str] | None, list[str]]:
        """The home message in the screen's language, the services offered (None: all) and
        the languages."""
        config = self.shell.fleet_config
        if config is None:
            return None, None, self.shell.languages
        own = config.home_message_en if language() == "en" else config.home_message_es
        return (own or config.home_message_es or config.home_message_en, config.services,
                self.shell.languages)

    def _configured(self, _config) -> None:
        if self._fleet_parts() != self._shown:
            self.refresh(recompose=True)

    def body(self) -> ComposeResult:
        message, offered, _languages = self._shown = self._fleet_parts()
        if message:
            yield Static(message, id="home-message", classes="callout", markup=False)
        yield Static(_("Inserte su DNI electrónico en el lector para empezar."),
                     id="insert-card", classes="callout")
        yield Static(SPEECH_HINT, id="speech-hint", classes="lead")
        yield Static(_("O elija una opción con su número:"), classes="lead")
        options = [Option("dni-login", _("Identificarme con mi DNI y PIN municipal"))]
        options += [Option(s.id, _(s.label)) for s in services_for("public")
                    if offered is None or s.id in offered]
        # 0 is the same on every page: help, language and display.
        # A site whose kiosks offer one language (the fleet's configuration) names no other.
        entry = (_("Accesibilidad e idioma (English)") if len(self.shell.languages) > 1
                 else _("Accesibilidad y ayuda"))
        yield NumberedMenu(options, back=Option("accessibility", entry), id="home-menu")

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
