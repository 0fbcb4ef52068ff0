"""The other spouse-to-be and the two witnesses, by DNI. A resident of the district is known
by the DNI alone; for anyone else the other spouse's names and birth date are typed (a
witness who is not a resident is added at the registry). Enter moves from field to field."""

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.api.marriages import Slot
from kiosk.i18n import _
from kiosk.money import soles
from screens.base import KioskScreen
from screens.dates import parse_date
from screens.marriages.texts import when

FIELDS = ("partner-dni", "partner-given", "partner-surnames", "partner-birth", "witness-1",
          "witness-2")


class PartiesScreen(KioskScreen):
    def __init__(self, slot: Slot) -> None:
        super().__init__()
        self.slot = slot

    def heading(self) -> str:
        return _("Reservar: contrayentes y testigos")

    def body(self) -> ComposeResult:
        yield Static(_("{place}, {when} · {fee}").format(
            place=self.slot.place_name, when=when(self.slot.starts_at),
            fee=soles(self.slot.fee)), classes="lead", markup=False)
        yield Input(id="partner-dni", max_length=9, placeholder=_("DNI del otro contrayente"))
        yield Input(id="partner-given", max_length=120,
                    placeholder=_("Sus nombres (si no vive en Miraflores)"))
        yield Input(id="partner-surnames", max_length=120,
                    placeholder=_("Sus apellidos (si no vive en Miraflores)"))
        yield Input(id="partner-birth", max_length=10,
                    placeholder=_("Su fecha de nacimiento DD/MM/AAAA (si no vive aquí)"))
        yield Input(id="witness-1", max_length=9, placeholder=_("DNI del testigo 1"))
        yield Input(id="witness-2", max_length=9, placeholder=_("DNI del testigo 2"))

    def hints(self) -> list[tuple[str, str]]:
        return [("Enter", _("Siguiente / Continuar"))]

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#partner-dni", Input).focus()
        self.status(_("Los testigos son mayores de edad, no son parientes y los conocen hace "
                      "más de tres años."))

    def value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.input.id == FIELDS[-1]:
            self.go_on()
        else:
            self.focus_next()

    def _refuse(self, field: str, text: str) -> None:
        self.status(text)
        self.query_one(f"#{field}", Input).focus()

    def go_on(self) -> None:
        from screens.marriages.review import Parties, ReviewScreen

        for field in ("partner-dni", "witness-1", "witness-2"):
            if not (self.value(field).isdigit() and len(self.value(field)) in (8, 9)):
                self._refuse(field, _("Escriba un DNI de 8 dígitos."))
                return
        typed = self.value("partner-birth")
        birth = parse_date(typed) if typed else None
        if typed and birth is None:
            self._refuse("partner-birth", _("La fecha se escribe DD/MM/AAAA, por ejemplo "
                                            "21/06/1990."))
            return
        self.app.push_screen(ReviewScreen(self.slot, Parties(
            partner_dni=self.value("partner-dni"), given_names=self.value("partner-given"),
            surnames=self.value("partner-surnames"), birth_date=birth,
            witnesses=(self.value("witness-1"), self.value("witness-2")))))
