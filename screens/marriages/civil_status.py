"""One of the couple is divorced or widowed: who, which, when the earlier marriage ended, and
(for the 300-day rule) whether she is a woman. The file then asks for the annotated acta
(and, within 300 days, a negative pregnancy certificate)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.dates import parse_date
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


@dataclass(frozen=True)
class CivilStatus:
    who: str  # me | partner
    status: str  # divorciado | viudo
    dissolved_on: date
    sex: str  # F | M


class CivilStatusScreen(KioskScreen):
    def __init__(self, then: Callable[[CivilStatus], None]) -> None:
        super().__init__()
        self.then = then
        self.who = self.status_choice = ""
        self.dissolved_on: date | None = None

    def heading(self) -> str:
        return _("Reservar: divorcio o viudez")

    def body(self) -> ComposeResult:
        yield NumberedMenu([Option("me-divorciado", _("Yo soy divorciado/a")),
                            Option("me-viudo", _("Yo soy viudo/a")),
                            Option("partner-divorciado", _("El otro contrayente es "
                                                           "divorciado/a")),
                            Option("partner-viudo", _("El otro contrayente es viudo/a"))],
                           back=back_option(), id="status-menu")
        yield Input(id="status-date", max_length=10, classes="hidden",
                    placeholder=_("Fecha en que terminó el matrimonio anterior DD/MM/AAAA"))
        yield NumberedMenu([], id="sex-menu")

    @on(NumberedMenu.Chosen, "#status-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        self.who, self.status_choice = event.option_id.split("-")
        self.query_one("#status-menu", NumberedMenu).display = False  # its keys are free now
        self.refresh_hints()
        field = self.query_one("#status-date", Input)
        field.remove_class("hidden")
        field.focus()

    @on(Input.Submitted, "#status-date")
    async def dated(self, event: Input.Submitted) -> None:
        self.dissolved_on = parse_date(event.value)
        if self.dissolved_on is None:
            self.status(_("La fecha se escribe DD/MM/AAAA, por ejemplo 21/06/1990."))
            return
        self.status(_("Para la regla de los 300 días: ¿es mujer?"))
        await self.query_one("#sex-menu", NumberedMenu).show(
            [Option("F", _("Sí, es mujer")), Option("M", _("No, es hombre"))])
        self.set_focus(None)
        self.refresh_hints()

    @on(NumberedMenu.Chosen, "#sex-menu")
    def sexed(self, event: NumberedMenu.Chosen) -> None:
        if self.dissolved_on is None:
            return
        self.app.pop_screen()
        self.then(CivilStatus(who=self.who, status=self.status_choice,
                              dissolved_on=self.dissolved_on, sex=event.option_id))
