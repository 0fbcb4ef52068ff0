"""How Cotizaciones looks at 80x25 in Spanish and English, on fixed data: the open requests,
a request's result in plain words, a price question and the review before sealing."""

from datetime import UTC, datetime
from decimal import Decimal as D

import pytest

from devices.card.simulated import SimulatedReader
from devices.payment.simulated import SimulatedTerminal
from devices.printer.spec import open_printer
from kiosk.api.procurement import API, QuoteBid, QuoteItem, QuoteRequest, QuoteSupplier
from kiosk.api.text import Text
from kiosk.app import KioskApp
from kiosk.config import KioskSettings
from screens.procurement.public import RequestScreen, RequestsScreen
from screens.procurement.quote import PricesScreen, ReviewBidScreen
from tests.kiosk import test_account_snapshots as base

SIZE = (80, 25)
ROSA = QuoteSupplier(ruc="10401234565", name="Rosa Quispe Mamani", person_dni="40123456")
LARCO = QuoteSupplier(ruc="20601234565", name="Ferretería Larco S.A.C.")
ITEMS = [QuoteItem(seq=1, description="Papel bond A4 80 g", quantity=D("50"), unit="millar"),
         QuoteItem(seq=2, description="Tóner HP 85A", quantity=D("6"), unit="unidad"),
         QuoteItem(seq=3, description="Archivador de palanca lomo ancho", quantity=D("120"),
                   unit="unidad")]
KEYS = ["y5YQ4rX0mQ3m9S5v3pQb2hZbB0Gm8vHk1mZ9oYl3c2Q=", "3m9S5v3pQb2hZbB0Gm8vHk1mZ9oYl3c2Qy5YQ4rX0mQ="]


def _request(code, state, es, en, **extra) -> QuoteRequest:
    return QuoteRequest(
        code=code, ocid=f"ocds-mflr26-{code}",
        title="Útiles de oficina para la Subgerencia de Logística", description="",
        category="goods", items=ITEMS, delivery_place="Almacén municipal, Av. Larco 400",
        delivery_days=10, estimated_value=D("4800.00"), cap=D("44000.00"),
        deadline=datetime(2026, 12, 7, 22, 30, tzinfo=UTC), open_to_all=True,
        invited=[ROSA, LARCO], state=state, state_text=Text(es=es, en=en),
        committee_keys=KEYS, **extra)


OPEN = _request("COT-2026-0001", "publicada", "recibiendo cotizaciones",
                "receiving quotations", bids_received=3, bids=[])
_AT = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
AWARDED = _request(
    "COT-2026-0002", "con_orden", "orden emitida", "order issued", bids_received=3,
    bids=[QuoteBid(ruc=LARCO.ruc, name=LARCO.name, seq=2, received_at=_AT, fingerprint="ab" * 32,
                   opened=True, total=D("3540.00"), compliant=True, rank=1),
          QuoteBid(ruc=ROSA.ruc, name=ROSA.name, seq=1, received_at=_AT, fingerprint="cd" * 32,
                   opened=True, total=D("3661.00"), compliant=True, rank=2),
          QuoteBid(ruc="20555123451", name="Útiles Miraflores E.I.R.L.", seq=1,
                   received_at=_AT, fingerprint="ef" * 32, opened=True, total=D("3100.00"),
                   compliant=False, reason="No adjunta ficha técnica")],
    awarded=LARCO, awarded_total=D("3540.00"), order_number="OC-2026-00001")


class FixedProcurement(API):
    async def requests(self, *, state=None):
        return [OPEN] if state == "publicada" else [OPEN, AWARDED]


def make_app(tmp_path, cards_dir, lang) -> KioskApp:
    settings = KioskSettings(server="http://snapshot.invalid", lang=lang, reader="simulated",
                             printer="none", state_dir=tmp_path, demo=True,
                             demo_cards_dir=cards_dir)
    app = KioskApp(settings, base.FixedClient(settings.server), SimulatedReader(),
                   open_printer("none"), payment_terminal=SimulatedTerminal(),
                   start_workers=False)
    app.site_name = "Palacio Municipal"
    app.client.procurement = FixedProcurement(app.client.transport)
    return app


def _review() -> ReviewBidScreen:
    form = PricesScreen(OPEN, ROSA)
    form.prices = {1: D("24.50"), 2: D("310.00"), 3: D("4.80")}
    form.delivery_days, form.validity_days = 10, 30
    return ReviewBidScreen(form)


def _screen(name: str):
    return {
        "open": lambda: RequestsScreen(open_only=True),
        "result": lambda: RequestScreen(AWARDED),
        "price": lambda: PricesScreen(OPEN, ROSA),
        "review": _review,
    }[name]


@pytest.mark.parametrize("screen", ["open", "result", "price", "review"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_procurement_screens(snap_compare, tmp_path, cards_dir, lang, screen):
    assert snap_compare(make_app(tmp_path, cards_dir, lang), terminal_size=SIZE,
                        run_before=base._as_rosa(_screen(screen)))


OPENED = AWARDED.model_copy(update={
    "state": "abierta", "state_text": Text(es="cotizaciones abiertas, en evaluación",
                                           en="quotations opened, being evaluated"),
    "awarded": None, "awarded_total": None, "order_number": None,
    "opening_code": "K7QM-2P4X-9TRB"})


def _staff_screen(name: str):
    from screens.procurement.desk import OpeningScreen, RequestDeskScreen

    return {"desk": lambda: RequestDeskScreen(OPENED),
            "opening": lambda: OpeningScreen(OPEN)}[name]


@pytest.mark.parametrize("screen", ["desk", "opening"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_procurement_terminal_screens(snap_compare, tmp_path, cards_dir, lang, screen):
    from kiosk.api.auth import SessionInfo, Staff

    async def logged_in(pilot):
        pilot.app.session.begin(SessionInfo(
            kind="staff", method="password", expires_at=datetime(2026, 11, 24, tzinfo=UTC),
            staff=Staff(username="logistica", full_name="Martín Ugarte Pinto",
                        role="procurement_officer")))
        await pilot.app.push_screen(_staff_screen(screen)())

    settings = KioskSettings(server="http://snapshot.invalid", lang=lang, reader="simulated",
                             printer="none", terminal=True, state_dir=tmp_path, demo=True,
                             demo_cards_dir=cards_dir)
    app = KioskApp(settings, base.FixedClient(settings.server), SimulatedReader(),
                   open_printer("none"), start_workers=False)
    app.site_name = "Palacio Municipal"
    assert snap_compare(app, terminal_size=SIZE, run_before=logged_in)
