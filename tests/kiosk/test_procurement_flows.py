"""Cotizaciones at 80x25 with the keypad alone, against the real server: Rosa, who quotes
for her own RUC 10, sees the demo's open request, types her prices and terms, reviews the
total, and gets the printed receipt with the fingerprint of the quotation sealed at the
kiosk; anyone sees the open requests and the details of one in English."""

from sqlalchemy import select

from screens.documents.receipt import ReceiptScreen
from screens.home import HomeScreen
from screens.procurement.home import QuotationsHomeScreen
from screens.procurement.public import MineScreen, RequestScreen, RequestsScreen
from screens.procurement.quote import (
    OpenForSupplierScreen,
    PricesScreen,
    QuoteStartScreen,
    ReviewBidScreen,
)
from server.procurement.models import Bid
from tests.kiosk.conftest import choose, menus_fit, type_keys, wait_until
from tests.kiosk.test_procedure_flows import _as_rosa, text_of
from tests.rigs.escpos_listener import EscposListener


async def test_rosa_quotes_for_her_ruc_and_gets_the_sealed_receipt(kiosk_app, database):
    with EscposListener() as printer:
        app = kiosk_app(printer=printer.spec)
        async with app.run_test(size=(80, 25)) as pilot:
            await _as_rosa(app, pilot)
            await choose(pilot, "quotations")
            assert await wait_until(pilot, lambda: isinstance(app.screen, QuotationsHomeScreen))
            assert not menus_fit(app)
            await choose(pilot, "quote")
            assert await wait_until(pilot, lambda: isinstance(app.screen, QuoteStartScreen)
                                    and app.screen.loaded)
            await choose(pilot, "10401234565")
            assert await wait_until(pilot, lambda: isinstance(app.screen, OpenForSupplierScreen)
                                    and app.screen.loaded)
            request = app.screen.items[0]
            await pilot.press("1")
            assert await wait_until(pilot, lambda: isinstance(app.screen, PricesScreen))
            for typed in ("24,50", "24.50", "310", "4.80", "15", "12", "30"):
                await type_keys(pilot, typed)
                await pilot.press("enter")
                if typed == "24,50":
                    assert await wait_until(pilot, lambda: "24,50" in app.screen.status_text)
                    app.screen.query_one("#price-input").value = ""
            assert await wait_until(pilot, lambda: isinstance(app.screen, ReviewBidScreen))
            card = text_of(app, "#bid-card")
            assert "Total: S/ 3,661.00" in card  # 50 × 24.50 + 6 × 310 + 120 × 4.80
            await choose(pilot, "send")
            assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 10)
            document = app.screen.document
            assert document.kind == "procurement_bid"
            fingerprint = {line.label.es: line.value for line in document.lines}[
                "Huella de la cotización sellada"]
            assert await wait_until(pilot, lambda: bool(printer.jobs))
            await pilot.press("escape")
            assert await wait_until(pilot, lambda: isinstance(app.screen, QuotationsHomeScreen))
            await choose(pilot, "mine")
            assert await wait_until(pilot, lambda: isinstance(app.screen, MineScreen)
                                    and app.screen.loaded)
            assert [r.bids_received for r in app.screen.items] == [1]
    with database.sessionmaker() as db:
        bid = db.execute(select(Bid).where(Bid.fingerprint == fingerprint)).scalar_one()
        assert bid.total is None and b"3661" not in bid.sealed and bid.current
    assert request.code.startswith("COT-")


async def test_anyone_sees_the_open_requests_in_english(kiosk_app):
    app = kiosk_app(lang="en")
    async with app.run_test(size=(80, 25)) as pilot:
        assert await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await choose(pilot, "quotations")
        assert await wait_until(pilot, lambda: isinstance(app.screen, QuotationsHomeScreen))
        await choose(pilot, "open")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RequestsScreen)
                                and app.screen.loaded)
        assert len(app.screen.items) == 1
        await pilot.press("1")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RequestScreen))
        card = text_of(app, "#request-card")
        assert "Tóner HP 85A: 6 unidad" in card and "receiving quotations" in card


async def test_both_officials_open_at_the_terminal_award_and_order(
        kiosk_app, make_client, cards_dir, database, shared_data_dir):
    from screens.procurement.desk import DeskScreen, OpeningScreen, RequestDeskScreen
    from screens.staff.menu import StaffMenuScreen
    from tests.kiosk.test_staff_flows import _login
    from tests.procurement.rig import key, pass_deadline, representative

    kiosk = await representative(make_client, cards_dir, "10401234565")
    request = (await kiosk.procurement.requests(state="publicada"))[0]
    await kiosk.procurement.submit(request, ruc="10401234565",
                                   prices={1: 24, 2: 310, 3: 4}, delivery_days=8,
                                   validity_days=30, idempotency_key=key())
    pass_deadline(database, request.code)
    keys = shared_data_dir / "demo-procurement-keys"
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(80, 25)) as pilot:
        await _login(app, pilot, "logistica")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await choose(pilot, "procurement-desk")
        assert await wait_until(pilot, lambda: isinstance(app.screen, DeskScreen)
                                and app.screen.loaded)
        await choose(pilot, request.code)
        assert await wait_until(pilot, lambda: isinstance(app.screen, RequestDeskScreen))
        await choose(pilot, "open")
        assert await wait_until(pilot, lambda: isinstance(app.screen, OpeningScreen))
        # The second official first: the terminal puts the keys in the committee's order.
        for typed in (str(keys / "admin.json"), "comite-demo-2", str(keys / "logistica.json"),
                      "una frase equivocada", "admin", "Miraflores2026"):
            await type_keys(pilot, typed)
            await pilot.press("enter")
        assert await wait_until(pilot, lambda: "frase secreta 2" in app.screen.status_text)
        field = app.screen.query_one("#pass-2")
        field.value = "comite-demo-1"
        field.focus()
        await pilot.press("enter", "enter", "enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RequestDeskScreen)
                                and app.screen.request.state == "abierta", 10)
        assert app.screen.request.bids[0].total == 3540  # 50 × 24 + 6 × 310 + 120 × 4
        await choose(pilot, "award")
        assert await wait_until(pilot, lambda: app.screen.request.state == "adjudicada")
        await choose(pilot, "order")
        assert await wait_until(pilot, lambda: app.screen.request.state == "con_orden")
        assert app.screen.request.order_number.startswith("OC-")
        assert "Orden OC-" in text_of(app, "#desk-card")


async def test_the_officer_makes_a_key_and_publishes_a_request(kiosk_app, tmp_path):
    from datetime import timedelta

    from screens.procurement.desk import RequestDeskScreen
    from screens.procurement.publish import KeyScreen, PublishScreen
    from screens.staff.menu import StaffMenuScreen
    from server.timeutil import lima, utcnow
    from tests.kiosk.test_staff_flows import _login

    app = kiosk_app(terminal=True)
    key_file = tmp_path / "usb" / "logistica.json"
    async with app.run_test(size=(80, 25)) as pilot:
        await _login(app, pilot, "logistica")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await choose(pilot, "procurement-key")
        assert await wait_until(pilot, lambda: isinstance(app.screen, KeyScreen))
        for typed in ("corta", "corta"):
            await type_keys(pilot, typed)
            await pilot.press("enter")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "12 caracteres" in app.screen.status_text)
        app.screen.query_one("#phrase-1").value = "frase de logística 2026"
        app.screen.query_one("#phrase-2").value = "frase de logística 2026"
        app.screen.query_one("#key-path").value = str(key_file)
        app.screen.query_one("#key-path").focus()
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "Clave registrada" in app.screen.status_text, 10)
        assert key_file.exists() and oct(key_file.stat().st_mode)[-3:] == "600"
        await pilot.press("escape")
        await choose(pilot, "procurement-new")
        assert await wait_until(pilot, lambda: isinstance(app.screen, PublishScreen))
        deadline = lima(utcnow() + timedelta(days=3)).strftime("%d/%m/%Y 17:00")
        for typed in ("Limpieza de la Huaca Pucllana", "2",
                      "Limpieza de senderos; 4; servicio | Retiro de maleza; 2,5; tonelada",
                      "Huaca Pucllana, Miraflores", "5", "99999", deadline,
                      "20609998882, 20509876542", "2", "admin"):
            await type_keys(pilot, typed)
            await pilot.press("enter")
        assert await wait_until(pilot, lambda: "8 UIT" in app.screen.status_text, 10)
        field = app.screen.query_one("#value")
        field.value = "6500"
        app.screen.query_one("#second").focus()
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RequestDeskScreen), 10)
        request = app.screen.request
        assert request.state == "publicada" and request.category == "services"
        assert [i.unit for i in request.items] == ["servicio", "tonelada"]
        assert {s.ruc for s in request.invited} == {"20609998882", "20509876542"}
        assert "Huaca Pucllana" in text_of(app, "#desk-card")


async def test_the_front_desk_registers_a_supplier_and_its_representative(kiosk_app, database):
    from screens.procurement.suppliers import SupplierScreen
    from screens.staff.menu import StaffMenuScreen
    from server.audit.models import AuditEntry
    from server.procurement.models import Representative, Supplier
    from tests.kiosk.test_staff_flows import _login

    app = kiosk_app(terminal=True)
    async with app.run_test(size=(80, 25)) as pilot:
        await _login(app, pilot, "mesadepartes")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await choose(pilot, "procurement-suppliers")
        assert await wait_until(pilot, lambda: isinstance(app.screen, SupplierScreen))
        for typed in ("20100047219", "Constructora Reducto S.A.", "42345678"):
            await type_keys(pilot, typed)
            await pilot.press("enter")
        assert await wait_until(pilot, lambda: "no es válido" in app.screen.status_text)
        field = app.screen.query_one("#supplier-ruc")
        field.value = "20100047218"
        app.screen.query_one("#supplier-reps").focus()
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "registrado" in app.screen.status_text)
    with database.sessionmaker() as db:
        supplier = db.execute(select(Supplier).where(Supplier.ruc == "20100047218")).scalar_one()
        assert db.execute(select(Representative.dni).where(
            Representative.supplier_id == supplier.id)).scalars().all() == ["42345678"]
        assert db.execute(select(AuditEntry).where(
            AuditEntry.action == "procurement.representative.register",
            AuditEntry.target == "ruc:20100047218")).scalar_one()
