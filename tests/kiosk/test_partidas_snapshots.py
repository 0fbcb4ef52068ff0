"""How Partidas looks at 80x25 in Spanish and English, on fixed data: the search, its result,
an acta with its price, the card payment of a copy and the printed certificate."""

from datetime import UTC, date, datetime
from decimal import Decimal as D

import pytest

from devices.card.simulated import SimulatedReader
from devices.payment.simulated import SimulatedTerminal
from devices.printer.spec import open_printer
from kiosk.api.registry import API, Acta, ActaSummary, Annotation, CopyQuote, Person
from kiosk.api.text import Text
from kiosk.app import KioskApp
from kiosk.config import KioskSettings
from screens.documents.receipt import ReceiptScreen
from screens.partidas.acta import ActaScreen
from screens.partidas.results import ResultsScreen, Search
from screens.partidas.search import SearchScreen
from screens.payments.card import CardPaymentScreen, Charge
from tests.kiosk import test_account_snapshots as base

SIZE = (80, 25)
WEDDING = ActaSummary(id=2, ref="MAT-1979-000088", kind="marriage",
                      names="Rosa Quispe Mamani / Alberto Ccori Salas",
                      event_date=date(1979, 6, 21), digitised=True, reserved=False)
FOUND = [WEDDING, ActaSummary(id=9, ref="MAT-1984-000012", kind="marriage",
                              names="Rosa Quispe Mamani / Pedro Luna Arce",
                              event_date=date(1984, 2, 11), digitised=False, reserved=False)]


def _person(role, es, en, given, surnames, dni=None):
    return Person(role=role, role_text=Text(es=es, en=en), given_names=given,
                  surnames=surnames, dni=dni, birth_date=None)


ACTA = Acta(
    id=2, ref="MAT-1979-000088", kind="marriage",
    kind_text=Text(es="Acta de matrimonio", en="Marriage record"),
    office="Oficina de Registro Civil de Miraflores", book="Matrimonios 1979",
    event_date=date(1979, 6, 21), event_place="Miraflores, Lima",
    registered_on=date(1979, 6, 21), registrar_name="Lucía Vega Montes", digitised=True,
    reserved=False,
    persons=[_person("contrayente", "Contrayente", "Spouse", "Rosa", "Quispe Mamani",
                     "40123456"),
             _person("contrayente", "Contrayente", "Spouse", "Alberto", "Ccori Salas"),
             _person("testigo", "Testigo", "Witness", "Teresa", "Gutiérrez de Paredes")],
    annotations=[Annotation(seq=1, kind="rectificacion",
                            kind_text=Text(es="Rectificación", en="Rectification"),
                            text="Dice «Salas», debe decir «Sáenz».",
                            reference="Res. Registral 045-2010-SGRC/MM",
                            made_by_name="Lucía Vega Montes",
                            made_at=datetime(2010, 5, 4, 15, tzinfo=UTC))])
QUOTE = CopyQuote(acta=WEDDING, amount=D("10.45"), free=False, digitised=True,
                  tupa_code="RC-01")
COPY = base._document("registry_copy", Text(es="Copia certificada: acta de matrimonio",
                                            en="Certified copy: marriage record"), [
    ("Acta de matrimonio", "Marriage record", "MAT-1979-000088"),
    ("Fecha del hecho", "Date of the event", "21/06/1979"),
    ("Contrayente", "Spouse", "Rosa Quispe Mamani (DNI 40123456)"),
    ("Contrayente", "Spouse", "Alberto Ccori Salas"),
    ("Registrador", "Registrar", "Lucía Vega Montes"),
    ("Anotación 1 (04/05/2010)", "Annotation 1 (04/05/2010)",
     "Rectificación: Dice «Salas», debe decir «Sáenz». [Res. Registral 045-2010-SGRC/MM]"),
    ("Certifica", "Certified by", "Lucía Vega Montes - Registro Civil de Miraflores")],
    "CC-PM-2026-000031", "R0PG-3VT2-QWPW")


class FixedRegistry(API):
    async def search(self, **_criteria):
        return FOUND

    async def acta(self, acta_id):
        return ACTA

    async def quote(self, acta_id):
        return QUOTE


def make_app(tmp_path, cards_dir, lang) -> KioskApp:
    settings = KioskSettings(server="http://snapshot.invalid", lang=lang, reader="simulated",
                             printer="none", state_dir=tmp_path, demo=True,
                             demo_cards_dir=cards_dir)
    # The terminal waits 3 s for a card: the picture is taken while it waits.
    app = KioskApp(settings, base.FixedClient(settings.server), SimulatedReader(),
                   open_printer("none"), payment_terminal=SimulatedTerminal(
                       "simulated:approve:3"), start_workers=False)
    app.site_name = "Palacio Municipal"
    app.client.registry = FixedRegistry(app.client.transport)
    return app


async def _never(card, key):
    raise AssertionError("the picture is taken before any card")


def _screen(name: str):
    return {
        "result": lambda: ResultsScreen(Search(kind="marriage", surnames="Quispe Mamani",
                                               given_names="Rosa")),
        "acta": lambda: ActaScreen(WEDDING),
        "payment": lambda: CardPaymentScreen(Charge(
            what="Copia certificada del acta MAT-1979-000088", amount=D("10.45"),
            record=_never, finish=lambda _copy: None)),
        "certificate": lambda: ReceiptScreen(COPY),
    }[name]


@pytest.mark.parametrize("screen", ["result", "acta", "payment", "certificate"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_partidas_screens(snap_compare, tmp_path, cards_dir, lang, screen):
    assert snap_compare(make_app(tmp_path, cards_dir, lang), terminal_size=SIZE,
                        run_before=base._as_rosa(_screen(screen)))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_search(snap_compare, tmp_path, cards_dir, lang):
    async def typed(pilot):
        await base._as_rosa(lambda: SearchScreen("marriage"))(pilot)
        for text in ("Quispe Mamani", "Rosa"):
            for char in text:
                await pilot.press(char if char != " " else "space")
            await pilot.press("enter")
        await pilot.pause(0.1)

    assert snap_compare(make_app(tmp_path, cards_dir, lang), terminal_size=SIZE,
                        run_before=typed)
