"""How Matrimonios civiles looks at 80x25 in Spanish and English, on fixed data: the free
slots of the Salón de Actos, the review before paying, a booking with what is missing, the
edictos, today's ceremonies and a stream's QR."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal as D

import pytest

from devices.card.simulated import SimulatedReader
from devices.payment.simulated import SimulatedTerminal
from devices.printer.spec import open_printer
from kiosk.api.marriages import (
    API,
    Booking,
    Ceremony,
    DocumentItem,
    Edicto,
    Person,
    Place,
    Rules,
    Slot,
)
from kiosk.api.text import Text
from kiosk.app import KioskApp
from kiosk.config import KioskSettings
from screens.marriages.mine import BookingScreen
from screens.marriages.public import EdictosScreen, StreamScreen, TodayScreen
from screens.marriages.review import Parties, ReviewScreen
from screens.marriages.slots import SlotsScreen
from tests.kiosk import test_account_snapshots as base

SIZE = (80, 25)
SALON = Place(code="SALON", name="Salón de Actos, Palacio Municipal", hall=True,
              address="Av. Larco 400, Miraflores",
              stream_url="https://stream.miraflores.gob.pe/salon/index.m3u8")
LIMA_OFFSET = timedelta(hours=5)


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC) + LIMA_OFFSET


SLOTS = [Slot(place="SALON", place_name=SALON.name, starts_at=_at(date(2027, 1, 8), h),
              ends_at=_at(date(2027, 1, 8), h) + timedelta(minutes=45),
              fee=D("72.60") if h < 16 else D("145.20"),
              fee_kind="hall" if h < 16 else "hall_after_hours")
         for h in (9, 10, 11, 12, 15, 16, 17, 18)]
RULES = Rules(min_age=18, file_working_days=15, edicto_days=8, capacity_months=4,
              medical_days=30, witness_years=3, earliest_day=date(2026, 12, 22),
              tupa_code="RC-10")
STATES = {"pendiente": ("falta presentar", "not yet filed"),
          "observado": ("observado", "returned with remarks"),
          "aceptado": ("aceptado", "accepted")}


def _doc(n, kind_es, kind_en, person, state, reason=None):
    es, en = STATES[state]
    return DocumentItem(id=n, kind="x", kind_text=Text(es=kind_es, en=kind_en), person=person,
                        state=state, state_text=Text(es=es, en=en), reason=reason,
                        issued_on=None)


BOOKING = Booking(
    code="MC-2026-000014", place=SALON, starts_at=SLOTS[1].starts_at,
    ends_at=SLOTS[1].ends_at, state="programada",
    state_text=Text(es="programada", en="scheduled"), fee=D("72.60"),
    receipt="RP-PM-2026-000051",
    persons=[Person(role="contrayente", dni="40123456", given_names="Rosa",
                    surnames="Quispe Mamani", birth_date=date(1956, 3, 14),
                    civil_status="soltero"),
             Person(role="contrayente", dni="45678123", given_names="Luis Fernando",
                    surnames="Castillo Vargas", birth_date=date(1990, 9, 17),
                    civil_status="soltero")],
    documents=[_doc(1, "Certificado médico prenupcial (máx. 30 días)",
                    "Premarital medical certificate (at most 30 days old)",
                    "Rosa Quispe Mamani", "observado", "Fecha ilegible"),
               _doc(2, "Declaración jurada de soltería", "Sworn statement of single status",
                    "Luis Fernando Castillo Vargas", "pendiente"),
               _doc(3, "DNI vigente", "Valid ID card (DNI)", "Rosa Quispe Mamani",
                    "aceptado")],
    missing=2, file_deadline=date(2026, 12, 17), file_complete_on=None, edicto_on=None,
    edicto_until=None, newspaper=None, newspaper_waiver=None, objections=[],
    capacity_on=None, capacity_until=None, acta_ref=None, document=None)
EDICTOS = [Edicto(code="MC-2026-000009", names=["Carlos Alberto Mendoza Ríos",
                                                "Ana Lucía Flores Chávez"],
                  starts_at=_at(date(2027, 1, 9), 12), place="Sala de Matrimonios, Centro "
                  "Cultural Ricardo Palma", edicto_on=date(2026, 11, 28),
                  objections_until=date(2026, 12, 5))]
TODAY = [Ceremony(code="MC-2026-000003", names=["Miguel Ángel Ramírez Soto",
                                                "Gabriela Torres Villanueva"],
                  starts_at=_at(date(2026, 11, 30), 11), ends_at=_at(date(2026, 11, 30), 12),
                  place=SALON.name, state="en_curso",
                  state_text=Text(es="en curso", en="in progress"),
                  stream_url=SALON.stream_url),
         Ceremony(code="MC-2026-000004", names=["Jorge Luis Huamán Torres",
                                                "María Elena Rodríguez Salazar"],
                  starts_at=_at(date(2026, 11, 30), 17), ends_at=_at(date(2026, 11, 30), 18),
                  place="Parque del Amor (malecón)", state="programada",
                  state_text=Text(es="programada", en="scheduled"), stream_url=None)]


class FixedMarriages(API):
    async def slots(self, **_criteria):
        return SLOTS

    async def rules(self):
        return RULES

    async def edictos(self):
        return EDICTOS

    async def today(self):
        return TODAY


def make_app(tmp_path, cards_dir, lang) -> KioskApp:
    settings = KioskSettings(server="http://snapshot.invalid", lang=lang, reader="simulated",
                             printer="none", state_dir=tmp_path, demo=True,
                             demo_cards_dir=cards_dir)
    app = KioskApp(settings, base.FixedClient(settings.server), SimulatedReader(),
                   open_printer("none"), payment_terminal=SimulatedTerminal(),
                   start_workers=False)
    app.site_name = "Palacio Municipal"
    app.client.marriages = FixedMarriages(app.client.transport)
    return app


def _screen(name: str):
    return {
        "slots": lambda: SlotsScreen(SALON),
        "review": lambda: ReviewScreen(SLOTS[1], Parties(
            partner_dni="45678123", given_names="", surnames="", birth_date=None,
            witnesses=("46789012", "08123456"))),
        "booking": lambda: BookingScreen(BOOKING),
        "edictos": lambda: EdictosScreen(),
        "today": lambda: TodayScreen(),
        "stream": lambda: StreamScreen(TODAY[0]),
    }[name]


@pytest.mark.parametrize("screen", ["slots", "review", "booking", "edictos", "today",
                                    "stream"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_marriage_screens(snap_compare, tmp_path, cards_dir, lang, screen):
    assert snap_compare(make_app(tmp_path, cards_dir, lang), terminal_size=SIZE,
                        run_before=base._as_rosa(_screen(screen)))
