"""F1: help, language, high contrast, large text and speech, all by digit keys."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from kiosk.i18n import _
from screens.dialogs.choice import ChoiceDialog
from screens.shell import UsesShell
from screens.widgets.numbered_menu import NumberedMenu, Option


class AccessibilityDialog(UsesShell, ChoiceDialog):
    BINDINGS = [Binding("escape", "close", show=False), Binding("f1", "close", show=False)]

    def compose(self) -> ComposeResult:
        settings = self.shell.settings
        contrast = _("activado") if settings.theme == "high-contrast" else _("desactivado")
        large = _("activado") if settings.large_text else _("desactivado")
        speech = _("activada") if self.shell.speech_on else _("desactivada")
        with Vertical(id="a11y-dialog", classes="dialog"):
            yield Static(_("Ayuda y accesibilidad"), classes="title")
            yield Static(_("Use los números para elegir, Enter para aceptar y Esc para "
                           "volver. Si necesita ayuda, acérquese al personal municipal."))
            names = {"es": "Español", "en": "English"}  # each in its own language
            yield NumberedMenu([
                *(Option(lang, names[lang]) for lang in self.shell.languages if lang in names),
                Option("contrast", _("Alto contraste: {state}").format(state=contrast)),
                Option("large", _("Letra grande: {state}").format(state=large)),
                Option("speech", _("Voz (F3; F4 repite): {state}").format(state=speech)),
            ], back=Option("close", _("Cerrar")), id="a11y-menu")

    def chosen(self, option_id: str) -> None:
        app, settings = self.app, self.shell.settings
        if option_id in ("es", "en"):
            app.set_language(option_id)
        elif option_id == "contrast":
            app.apply_display("normal" if settings.theme == "high-contrast" else "high-contrast",
                              settings.large_text)
            self.refresh(recompose=True)
        elif option_id == "large":
            app.apply_display(settings.theme, not settings.large_text)
            self.refresh(recompose=True)
        elif option_id == "speech":
            self.shell.action_toggle_speech()
            self.refresh(recompose=True)
        else:
            self.dismiss(None)
