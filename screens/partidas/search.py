"""Search an acta by its data: the whole name of whom it is about (and its date), or its
number. Enter moves from field to field and searches from the last one."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.dates import parse_date
from screens.partidas.texts import kind_label


class SearchScreen(KioskScreen):
    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def heading(self) -> str:
        return _("Buscar un acta: {kind}").format(kind=kind_label(self.kind))

    def body(self) -> ComposeResult:
        yield Static(_("Escriba los apellidos y los nombres completos de la persona del acta "
                       "(y la fecha, si la sabe), o solo el número del acta."), classes="lead")
        yield Input(id="search-surnames", max_length=120, placeholder=_("Apellidos"))
        yield Input(id="search-given", max_length=120, placeholder=_("Nombres"))
        yield Input(id="search-date", max_length=10,
                    placeholder=_("Fecha del hecho DD/MM/AAAA (opcional)"))
        yield Input(id="search-number", max_length=20,
                    placeholder=_("o N.º del acta, como 1979-000088"))

    def hints(self) -> list[tuple[str, str]]:
        return [("Enter", _("Siguiente / Buscar"))]

    def on_mount(self) -> None:
        self.query_one("#search-surnames", Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search-number" or (
                event.input.id == "search-date" and self._value("search-date")):
            self.search()
        elif event.input.id == "search-date":
            self.query_one("#search-number", Input).focus()
        else:
            self.focus_next()

    def _value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    def search(self) -> None:
        from screens.partidas.results import ResultsScreen, Search

        number = self._value("search-number")
        surnames, given = self._value("search-surnames"), self._value("search-given")
        typed = self._value("search-date")
        day = parse_date(typed) if typed else None
        if typed and day is None:
            self.status(_("La fecha se escribe DD/MM/AAAA, por ejemplo 21/06/1979."))
            return
        if not number and (len(surnames) < 2 or not given):
            self.status(_("Escriba los apellidos y los nombres completos, o el número del "
                          "acta."))
            self.query_one("#search-surnames" if len(surnames) < 2 else "#search-given",
                           Input).focus()
            return
        self.app.push_screen(ResultsScreen(Search(kind=self.kind, surnames=surnames,
                                                  given_names=given, event_date=day,
                                                  number=number)))
