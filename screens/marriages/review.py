"""Before paying: the slot, the persons, the documents each spouse files at the registry and
by when, the declaration about the witnesses; then the card payment and the printed booking
with its verification code."""

from dataclasses import dataclass
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.api import ApiError
from kiosk.api.marriages import Booking, Slot
from kiosk.api.text import Text
from kiosk.clock import LIMA
from kiosk.i18n import _
from kiosk.money import soles
from screens.base import KioskScreen
from screens.calls import call_server
from screens.marriages.texts import when
from screens.payments.card import CardPaymentScreen, Charge
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


@dataclass(frozen=True)
class Parties:
    partner_dni: str
    given_names: str
    surnames: str
    birth_date: date | None
    witnesses: tuple[str, str]


def show_booking(app, booking: Booking) -> None:
    """Back to the marriages menu, with the booking printing."""
    from screens.documents.receipt import ReceiptScreen
    from screens.marriages.home import MarriagesHomeScreen

    home = next((s for s in reversed(app.screen_stack)
                 if isinstance(s, MarriagesHomeScreen)), None)
    if home is not None:
        while app.screen is not home:
            app.pop_screen()
    if booking.document is not None:
        app.push_screen(ReceiptScreen(booking.document))


def documents_text(rules) -> str:
    return "\n".join([
        _("Cada contrayente presenta en el registro civil:"),
        _("· acta de nacimiento y DNI vigente"),
        _("· certificado médico prenupcial de no más de {n} días").format(n=rules.medical_days),
        _("· declaraciones juradas de domicilio y de soltería"),
        _("· si es divorciado o viudo: el acta anterior anotada"),
        _("Y cada testigo, su DNI.")])


class ReviewScreen(KioskScreen):
    def __init__(self, slot: Slot, parties: Parties) -> None:
        super().__init__()
        self.slot, self.parties = slot, parties
        self.ready = False
        self.civil: dict[str, dict] = {}  # "me" / "partner": their civil status, if not single

    def heading(self) -> str:
        return _("Reservar: revise y pague")

    def body(self) -> ComposeResult:
        p = self.parties
        yield Static("\n".join([
            _("Lugar: {place}").format(place=self.slot.place_name),
            _("Fecha: {when}").format(when=when(self.slot.starts_at)),
            _("Otro contrayente: DNI {dni}").format(dni=p.partner_dni),
            _("Testigos: DNI {one} y DNI {two}").format(one=p.witnesses[0], two=p.witnesses[1]),
            _("Derecho (TUPA): {fee}").format(fee=soles(self.slot.fee))]),
            id="review-card", classes="card", markup=False)
        yield Static("", id="review-documents", markup=False)
        yield NumberedMenu([], back=back_option(), id="review-menu")

    def on_mount(self) -> None:
        super().on_mount()
        self.load()

    @work(exit_on_error=False, exclusive=True, group="review")
    async def load(self) -> None:
        rules = await call_server(self.app, self.shell.client.marriages.rules(), self.status)
        if rules is None:
            return
        self.query_one("#review-documents", Static).update(documents_text(rules))
        self.ready = True
        await self.query_one("#review-menu", NumberedMenu).show([
            Option("pay", _("Declaro que los testigos no son parientes y nos conocen hace "
                            "más de {n} años: pagar {fee}").format(
                n=rules.witness_years, fee=soles(self.slot.fee))),
            Option("status", _("Uno de los dos es divorciado/a o viudo/a"))])
        self.status(_("Tiene hasta 15 días hábiles antes de la ceremonia para completar el "
                      "expediente."))

    def booking_body(self, card: dict[str, str] | None) -> dict:
        p = self.parties
        partner: dict = {"dni": p.partner_dni}
        if p.given_names or p.surnames or p.birth_date:
            partner.update(given_names=p.given_names or None, surnames=p.surnames or None,
                           birth_date=p.birth_date)
        partner.update(self.civil.get("partner", {}))
        out = {"place": self.slot.place, "starts_at": self.slot.starts_at, "partner": partner,
               "witnesses": [{"dni": w} for w in p.witnesses], "witnesses_declared": True,
               "me": self.civil.get("me", {})}
        if card is not None:
            out["payment"] = {"method": "card", "amount": self.slot.fee, "card": card}
        return out

    def set_civil(self, civil) -> None:
        self.civil[civil.who] = {"civil_status": civil.status,
                                 "dissolved_on": civil.dissolved_on, "sex": civil.sex}
        who = _("Usted") if civil.who == "me" else _("El otro contrayente")
        what = _("divorciado/a") if civil.status == "divorciado" else _("viudo/a")
        self.status(_("{who}: {what} desde el {date}; se pedirá el acta anterior anotada.")
                    .format(who=who, what=what, date=f"{civil.dissolved_on:%d/%m/%Y}"))

    @on(NumberedMenu.Chosen, "#review-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "status":
            from screens.marriages.civil_status import CivilStatusScreen

            self.app.push_screen(CivilStatusScreen(then=self.set_civil))
            return
        marriages, slot = self.shell.client.marriages, self.slot

        async def record(card: dict[str, str], key: str) -> Booking:
            return await marriages.book(self.booking_body(card), idempotency_key=key)

        async def check() -> None:
            """Before the card: is the slot still free, at this price?"""
            local = slot.starts_at.astimezone(LIMA).date()
            free = await marriages.slots(start=local, days=2, place=slot.place)
            now = next((s for s in free if s.starts_at == slot.starts_at), None)
            if now is None:
                raise ApiError(409, "slot_taken", Text(
                    es="Ese horario se acaba de reservar: elija otro.",
                    en="That time was just booked: choose another."))
            if now.fee != slot.fee:
                raise ApiError(409, "fee_changed", Text(
                    es=f"El derecho es ahora {soles(now.fee)}.",
                    en=f"The fee is now {soles(now.fee)}."))

        self.app.push_screen(CardPaymentScreen(Charge(
            what=_("Matrimonio civil: {place}, {when}").format(place=slot.place_name,
                                                               when=when(slot.starts_at)),
            amount=slot.fee, record=record, check=check,
            finish=lambda booking: show_booking(self.app, booking))))


