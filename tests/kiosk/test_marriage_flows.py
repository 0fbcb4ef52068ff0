"""Matrimonios civiles at 80x25 with the keypad alone, against the real server: Rosa books the
Salón de Actos, pays by card and gets the printed booking, sees what is missing and cancels;
anyone sees the edictos and the day's ceremonies with the stream as a QR; the registrar
concludes today's ceremony and its acta goes to the registry."""

from datetime import timedelta

import pytest

from devices.payment.simulated import SimulatedTerminal
from screens.documents.receipt import ReceiptScreen
from screens.home import HomeScreen
from screens.marriages.civil_status import CivilStatusScreen
from screens.marriages.desk import FileScreen, FilesScreen
from screens.marriages.home import MarriagesHomeScreen
from screens.marriages.mine import BookingScreen, MyBookingsScreen
from screens.marriages.parties import PartiesScreen
from screens.marriages.public import EdictosScreen, StreamScreen, TodayScreen
from screens.marriages.review import ReviewScreen
from screens.marriages.slots import PlacesScreen, SlotsScreen
from screens.payments.card import CardPaymentScreen
from screens.staff.menu import StaffMenuScreen
from server.timeutil import today
from tests.kiosk.conftest import choose, menus_fit, type_keys, wait_until
from tests.kiosk.test_procedure_flows import _as_rosa, text_of
from tests.kiosk.test_staff_flows import _login
from tests.rigs.escpos_listener import EscposListener


async def test_rosa_books_pays_gets_the_booking_and_cancels(kiosk_app):
    terminal = SimulatedTerminal("simulated:approve:0.1")
    with EscposListener() as printer:
        app = kiosk_app(printer=printer.spec, payment_terminal=terminal)
        async with app.run_test(size=(80, 25)) as pilot:
            await _as_rosa(app, pilot)
            await choose(pilot, "marriages")
            assert await wait_until(pilot, lambda: isinstance(app.screen, MarriagesHomeScreen))
            assert not menus_fit(app)
            await choose(pilot, "book")
            assert await wait_until(pilot, lambda: isinstance(app.screen, PlacesScreen)
                                    and app.screen.loaded)
            await choose(pilot, "SALON")
            assert await wait_until(pilot, lambda: isinstance(app.screen, SlotsScreen)
                                    and app.screen.loaded)
            slot = app.screen.items[0]
            await pilot.press("1")
            assert await wait_until(pilot, lambda: isinstance(app.screen, PartiesScreen))
            for text in ("45678123", "", "", "", "4678901", "08123456"):
                await type_keys(pilot, text)
                await pilot.press("enter")
            assert await wait_until(pilot, lambda: "8 dígitos" in app.screen.status_text)
            await type_keys(pilot, "46789012")  # the field, selected, is typed again
            await pilot.press("enter", "enter")
            assert await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen)
                                    and app.screen.ready)
            assert "Otro contrayente: DNI 45678123" in text_of(app, "#review-card")
            assert "certificado médico" in text_of(app, "#review-documents")
            await pilot.press("1")
            # The simulated terminal approves at once: on a busy machine the payment may be
            # through before the next look, so either screen shows the way is the card.
            assert await wait_until(pilot, lambda: isinstance(app.screen, (CardPaymentScreen,
                                                                           ReceiptScreen)))
            assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 10)
            document = app.screen.document
            assert document.kind == "marriage_booking"
            assert document.lines[0].value.startswith(f"MC-{today().year}-")
            assert await wait_until(pilot, lambda: bool(printer.jobs))
            await pilot.press("escape")
            assert await wait_until(pilot, lambda: isinstance(app.screen, MarriagesHomeScreen))
            await choose(pilot, "mine")
            assert await wait_until(pilot, lambda: isinstance(app.screen, MyBookingsScreen)
                                    and app.screen.loaded)
            await pilot.press("1")
            assert await wait_until(pilot, lambda: isinstance(app.screen, BookingScreen))
            card = text_of(app, "#booking-card")
            assert "Faltan 12 documentos" in card and "Luis Fernando Castillo Vargas" in card
            await choose(pilot, "cancel")
            await pilot.press("1")  # the confirmation
            assert await wait_until(pilot, lambda: "cancelada" in app.screen.status_text
                                    and isinstance(app.screen, BookingScreen))
            assert app.screen.booking.state == "cancelada"
        free = await app.client.marriages.slots(start=today(), days=62, place="SALON")
        assert slot.starts_at in [s.starts_at for s in free]


async def test_anyone_sees_edictos_and_the_ceremonies_of_the_day(kiosk_app):
    app = kiosk_app(lang="en")
    async with app.run_test(size=(80, 25)) as pilot:
        assert await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await choose(pilot, "marriages")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MarriagesHomeScreen))
        await choose(pilot, "edictos")
        assert await wait_until(pilot, lambda: isinstance(app.screen, EdictosScreen)
                                and app.screen.loaded)
        assert [e.code for e in app.screen.items] == [f"MC-DEMO-{today().year}-2"]
        await pilot.press("1")
        assert await wait_until(pilot, lambda: "identify" in app.screen.status_text.lower())
        await pilot.press("escape")
        await choose(pilot, "today")
        assert await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen)
                                and app.screen.loaded)
        assert "SCHEDULED" in app.screen.label(app.screen.items[0])
        await pilot.press("1")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StreamScreen))
        assert "▀" in text_of(app, "#stream-qr")


async def test_the_registrar_concludes_todays_ceremony(kiosk_app):
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(80, 25)) as pilot:
        await _login(app, pilot, "registrador")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await choose(pilot, "marriage-desk")
        assert await wait_until(pilot, lambda: isinstance(app.screen, FilesScreen)
                                and app.screen.loaded)
        await choose(pilot, f"MC-DEMO-{today().year}-1")
        assert await wait_until(pilot, lambda: isinstance(app.screen, FileScreen))
        await choose(pilot, "start")
        assert await wait_until(pilot, lambda: app.screen.booking.state == "en_curso")
        await choose(pilot, "conclude")
        assert await wait_until(pilot, lambda: app.screen.booking.state == "concluida")
        assert f"Acta de matrimonio MAT-{today().year}-" in text_of(app, "#file-card")


async def test_a_widow_within_300_days_is_asked_for_the_annotated_acta_and_the_certificate(
        kiosk_app):
    app = kiosk_app(payment_terminal=SimulatedTerminal("simulated:approve:0.1"))
    async with app.run_test(size=(80, 25)) as pilot:
        await _as_rosa(app, pilot)
        await choose(pilot, "marriages")
        await choose(pilot, "book")
        assert await wait_until(pilot, lambda: isinstance(app.screen, PlacesScreen)
                                and app.screen.loaded)
        await choose(pilot, "PALMA")
        assert await wait_until(pilot, lambda: isinstance(app.screen, SlotsScreen)
                                and app.screen.loaded)
        await pilot.press("1")
        assert await wait_until(pilot, lambda: isinstance(app.screen, PartiesScreen))
        for text in ("45678123", "", "", "", "46789012", "08123456"):
            await type_keys(pilot, text)
            await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen)
                                and app.screen.ready)
        await choose(pilot, "status")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CivilStatusScreen))
        await choose(pilot, "me-viudo")
        widowed = today() - timedelta(days=100)
        await type_keys(pilot, f"{widowed:%d/%m/%Y}")
        await pilot.press("enter")
        await choose(pilot, "F")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen)
                                and "viudo/a" in app.screen.status_text)
        await choose(pilot, "pay")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 10)
    booking = (await app.client.marriages.mine())[0]
    rosa = {d.kind for d in booking.documents if d.person == "Rosa Quispe Mamani"}
    assert {"annotated_acta", "pregnancy", "medical"} <= rosa


async def test_the_registrar_checks_documents_at_the_terminal(kiosk_app, make_client,
                                                              cards_dir):
    from screens.dialogs.text import TextDialog
    from tests.marriages.rig import body, free, key, resident

    rosa = await resident(make_client, cards_dir)
    booking = await rosa.marriages.book(body((await free(rosa))[0]), idempotency_key=key())
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(80, 25)) as pilot:
        await _login(app, pilot, "registrador")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await choose(pilot, "marriage-desk")
        assert await wait_until(pilot, lambda: isinstance(app.screen, FilesScreen)
                                and app.screen.loaded)
        await choose(pilot, booking.code)
        assert await wait_until(pilot, lambda: isinstance(app.screen, FileScreen))
        docs = {d.kind: d for d in booking.documents if d.person == "Rosa Quispe Mamani"}

        def state(kind: str) -> str:
            return next(d.state for d in app.screen.booking.documents
                        if d.id == docs[kind].id)

        for kind, typed, then in (("dni", "1", "aceptado"),
                                  ("single", "Falta la firma", "observado"),
                                  ("medical", f"{today() - timedelta(days=3):%d/%m/%Y}",
                                   "aceptado")):
            await choose(pilot, f"doc-{docs[kind].id}")
            assert await wait_until(pilot, lambda: isinstance(app.screen, TextDialog))
            await type_keys(pilot, typed)
            await pilot.press("enter")
            assert await wait_until(pilot, lambda kind=kind, then=then: isinstance(
                app.screen, FileScreen) and state(kind) == then)
        assert "[!] Declaración jurada de soltería" in text_of(app, "#file-card")
        assert "Falta la firma" in text_of(app, "#file-card")


async def test_rosa_moves_her_ceremony_and_objects_to_another(kiosk_app, make_client,
                                                              cards_dir):
    from screens.marriages.public import ObjectionScreen
    from tests.marriages.rig import body, free, key, resident

    client = await resident(make_client, cards_dir)
    first = (await free(client))[0]
    booking = await client.marriages.book(body(first), idempotency_key=key())
    app = kiosk_app()
    async with app.run_test(size=(80, 25)) as pilot:
        await _as_rosa(app, pilot)
        await choose(pilot, "marriages")
        await choose(pilot, "mine")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MyBookingsScreen)
                                and app.screen.loaded)
        await choose(pilot, booking.code)
        assert await wait_until(pilot, lambda: isinstance(app.screen, BookingScreen))
        await choose(pilot, "move")
        assert await wait_until(pilot, lambda: isinstance(app.screen, PlacesScreen)
                                and app.screen.loaded)
        await choose(pilot, "SALON")
        assert await wait_until(pilot, lambda: isinstance(app.screen, SlotsScreen)
                                and app.screen.loaded)
        other = next(s for s in app.screen.items if s.fee <= first.fee)
        await choose(pilot, other.starts_at.isoformat())
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen))
        assert app.screen.document.code != booking.document.code  # a new printed booking
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MarriagesHomeScreen))
        await choose(pilot, "edictos")
        assert await wait_until(pilot, lambda: isinstance(app.screen, EdictosScreen)
                                and app.screen.loaded)
        await pilot.press("1")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ObjectionScreen))
        await type_keys(pilot, "corto")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "10 caracteres" in app.screen.status_text)
        await type_keys(pilot, " pero con un impedimento conocido")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "registrada a nombre de Rosa Quispe Mamani"
                                in app.screen.status_text)
    moved = await client.marriages.booking(booking.code)
    assert moved.starts_at == other.starts_at
    assert first.starts_at in [s.starts_at for s in await free(client)]


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_marriage_menus_fit_in_large_text(kiosk_app, lang):
    app = kiosk_app(large_text=True, lang=lang)
    async with app.run_test(size=(80, 25)) as pilot:
        await _as_rosa(app, pilot)
        await choose(pilot, "marriages")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MarriagesHomeScreen))
        await pilot.pause(0.3)
        assert menus_fit(app) == []
        for option, screen in [("book", PlacesScreen), ("SALON", SlotsScreen)]:
            await choose(pilot, option)
            assert await wait_until(pilot, lambda screen=screen: isinstance(app.screen, screen)
                                    and app.screen.loaded)
            await pilot.pause(0.3)
            assert menus_fit(app) == [], (option, menus_fit(app))
        await pilot.press("escape", "escape")
        for option, screen in [("edictos", EdictosScreen), ("today", TodayScreen)]:
            assert await wait_until(pilot, lambda: isinstance(app.screen, MarriagesHomeScreen))
            await choose(pilot, option)
            assert await wait_until(pilot, lambda screen=screen: isinstance(app.screen, screen)
                                    and app.screen.loaded)
            await pilot.pause(0.3)
            assert menus_fit(app) == [], (option, menus_fit(app))
            await pilot.press("escape")
