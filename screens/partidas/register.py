"""Register an acta: the book, the date and place of the event, and the persons of its kind
(a person counts when both names are typed; a DNI is checked by the server)."""

from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Static

from kiosk.i18n import N_, _
from screens.base import KioskScreen
from screens.calls import call_server
from screens.dates import parse_date
from screens.partidas.texts import kind_label

# (field id, role, label msgid, whether it asks for a DNI)
PEOPLE = {
    "birth": [("inscrito", "inscrito", N_("Inscrito"), False),
              ("madre", "madre", N_("Madre"), True), ("padre", "padre", N_("Padre"), True)],
    "marriage": [("c1", "contrayente", N_("Contrayente 1"), True),
                 ("c2", "contrayente", N_("Contrayente 2"), True),
                 ("t1", "testigo", N_("Testigo 1"), True),
                 ("t2", "testigo", N_("Testigo 2"), True)],
    "death": [("fallecido", "fallecido", N_("Fallecido"), True),
              ("declarante", "declarante", N_("Declarante"), True)],
}


class RegisterScreen(KioskScreen):
    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def heading(self) -> str:
        return _("Inscribir: {kind}").format(kind=kind_label(self.kind))

    def body(self) -> ComposeResult:
        with VerticalScroll(id="register-form"):
            yield Input(id="reg-book", max_length=40, placeholder=_("Libro"))
            yield Input(id="reg-date", max_length=10, placeholder=_("Fecha del hecho DD/MM/AAAA"))
            yield Input(id="reg-place", max_length=200, placeholder=_("Lugar del hecho"))
            for ident, _role, label, dni in PEOPLE[self.kind]:
                yield Static(_(label), classes="lead")
                yield Input(id=f"p-{ident}-given", max_length=120, placeholder=_("Nombres"))
                yield Input(id=f"p-{ident}-surnames", max_length=120, placeholder=_("Apellidos"))
                if dni:
                    yield Input(id=f"p-{ident}-dni", max_length=9, placeholder=_("DNI (si tiene)"))
            yield Button(_("Inscribir el acta"), id="reg-submit", variant="primary")

    def hints(self) -> list[tuple[str, str]]:
        return [("Enter", _("Siguiente")), ("Esc", _("Volver"))]

    def on_mount(self) -> None:
        self.query_one("#reg-book", Input).focus()

    @on(Input.Submitted)
    def next_field(self) -> None:
        self.focus_next()

    def _value(self, ident: str) -> str:
        found = self.query(f"#{ident}")
        return found.first(Input).value.strip() if found else ""

    def _draft(self) -> dict | None:
        day = parse_date(self._value("reg-date"))
        if not self._value("reg-book") or day is None or len(self._value("reg-place")) < 2:
            self.status(_("Escriba el libro, la fecha del hecho (DD/MM/AAAA) y el lugar."))
            return None
        persons = []
        for ident, role, _label, _dni in PEOPLE[self.kind]:
            given, surnames = self._value(f"p-{ident}-given"), self._value(f"p-{ident}-surnames")
            if given and surnames:
                persons.append({"role": role, "given_names": given, "surnames": surnames,
                                "dni": self._value(f"p-{ident}-dni") or None})
        return {"kind": self.kind, "book": self._value("reg-book"), "event_date": day,
                "event_place": self._value("reg-place"), "persons": persons}

    @on(Button.Pressed, "#reg-submit")
    def submit(self) -> None:
        draft = self._draft()
        if draft is not None:
            self.register(draft)

    @work(exit_on_error=False, exclusive=True, group="register")
    async def register(self, draft: dict) -> None:
        from screens.partidas.staff_acta import StaffActaScreen

        self.status(_("Inscribiendo…"))
        acta = await call_server(self.app, self.shell.client.registry.register(draft),
                                 self.status)
        if acta is not None:
            self.app.pop_screen()
            self.app.push_screen(StaffActaScreen(acta))
