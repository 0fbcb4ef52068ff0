"""Partidas at 80x25 with the keypad alone, against the real server: a resident finds her
marriage acta, pays the copy by card and gets the certificate on paper; an acta on paper
becomes a request; the registrar registers an acta, annotates it and sends to RENIEC."""

from devices.payment.simulated import SimulatedTerminal
from screens.documents.receipt import ReceiptScreen
from screens.partidas.acta import ActaScreen
from screens.partidas.desk import RegistrarDeskScreen
from screens.partidas.home import PartidasHomeScreen
from screens.partidas.register import RegisterScreen
from screens.partidas.reniec import ReniecScreen
from screens.partidas.results import ResultsScreen
from screens.partidas.search import SearchScreen
from screens.partidas.staff_acta import StaffActaScreen
from screens.payments.card import CardPaymentScreen
from screens.staff.menu import StaffMenuScreen
from tests.kiosk.conftest import choose, type_keys, wait_until
from tests.kiosk.test_procedure_flows import _as_rosa, text_of
from tests.kiosk.test_staff_flows import _login
from tests.rigs.escpos_decode import decode
from tests.rigs.escpos_listener import EscposListener


async def _partidas(app, pilot) -> None:
    await _as_rosa(app, pilot)
    await choose(pilot, "partidas")
    assert await wait_until(pilot, lambda: isinstance(app.screen, PartidasHomeScreen))


async def test_rosa_searches_her_marriage_pays_by_card_and_gets_the_certificate(kiosk_app):
    terminal = SimulatedTerminal("simulated:approve:0.1")
    with EscposListener() as printer:
        app = kiosk_app(printer=printer.spec, payment_terminal=terminal)
        async with app.run_test(size=(80, 25)) as pilot:
            await _partidas(app, pilot)
            await choose(pilot, "marriage")
            assert await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen))
            await type_keys(pilot, "Quispe")
            await pilot.press("enter", "enter")  # no given names: refused, clearly
            await pilot.press("enter", "enter")
            assert await wait_until(pilot, lambda: "nombres completos" in app.screen.status_text)
            await type_keys(pilot, "Rosa")
            app.screen.query_one("#search-surnames").value = "Quispe Mamani"
            await pilot.press("enter", "enter", "enter")
            assert await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen)
                                    and app.screen.loaded)
            assert [i.ref for i in app.screen.items] == ["MAT-1979-000088"]
            await pilot.press("1")
            assert await wait_until(pilot, lambda: isinstance(app.screen, ActaScreen)
                                    and app.screen.quote is not None)
            card = text_of(app, "#acta-card")
            assert "Alberto Ccori Salas" in card and "Anotación 2: Defunción del cónyuge" in card
            assert "S/ 10.45" in text_of(app, "#acta-price")
            await pilot.press("1")
            # The simulated terminal approves at once: on a busy machine the payment may be
            # through before the next look, so either screen shows the way is the card.
            assert await wait_until(pilot, lambda: isinstance(app.screen, (CardPaymentScreen,
                                                                           ReceiptScreen)))
            assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 10)
            certificate = app.screen.document
            assert certificate.kind == "registry_copy"
            assert await wait_until(pilot, lambda: bool(printer.jobs))
            await pilot.press("escape")
            assert await wait_until(pilot, lambda: isinstance(app.screen, PartidasHomeScreen))
    paper = decode(printer.printed)
    assert "COPIA CERTIFICADA:\nACTA DE MATRIMONIO" in paper.text
    assert "MAT-1979-000088" in paper.text and "Rectificación" in paper.text
    assert "Registrador" in paper.text and "Lucía Vega Montes" in paper.text
    assert certificate.code in paper.text and paper.qr == [certificate.verify_url]
    assert terminal.charges and terminal.charges[0][0] == 1045


async def test_a_paper_acta_gives_rosa_a_tracking_number_and_her_requests(kiosk_app):
    terminal = SimulatedTerminal("simulated:approve:0.1")
    app = kiosk_app(payment_terminal=terminal, lang="en")
    async with app.run_test(size=(80, 25)) as pilot:
        await _partidas(app, pilot)
        await choose(pilot, "mine")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen)
                                and app.screen.loaded)
        labels = [o.label for o in app.screen.menu.options]
        assert any("NAC-1956-000345" in x and "on paper" in x for x in labels)
        await choose(pilot, str(next(i.id for i in app.screen.items
                                     if i.ref == "NAC-1956-000345")))
        assert await wait_until(pilot, lambda: isinstance(app.screen, ActaScreen)
                                and app.screen.quote is not None)
        assert "on paper" in text_of(app, "#acta-price")
        await pilot.press("1")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 10)
        tracking = app.screen.document.lines[0].value
        assert tracking.startswith("SOL-")
        await pilot.press("escape")
        await choose(pilot, "requests")
        assert await wait_until(pilot, lambda: app.screen.loaded)
        await pilot.press("1")
        assert await wait_until(pilot, lambda: "still being prepared" in app.screen.status_text)


async def test_the_registrar_registers_annotates_and_sends_to_reniec(kiosk_app):
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(80, 25)) as pilot:
        await _login(app, pilot, "registrador")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await choose(pilot, "registry-desk")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RegistrarDeskScreen))
        await choose(pilot, "register-death")
        assert await wait_until(pilot, lambda: isinstance(app.screen, RegisterScreen))
        for text in ("Defunciones 2026", "01/02/2026", "Miraflores", "Ana María",
                     "Ríos León", "", "Víctor Hugo", "Salas Medina", "07890123"):
            await type_keys(pilot, text)
            await pilot.press("enter")
        await pilot.press("enter")  # the button
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffActaScreen))
        assert app.screen.acta.ref.startswith("DEF-") and "Ana María Ríos León" in \
            text_of(app, "#staff-acta-card")
        await choose(pilot, "annotate")
        await choose(pilot, "note-rectificacion")
        await type_keys(pilot, "Se rectifica el segundo nombre")
        await pilot.press("enter")
        await type_keys(pilot, "Res. 9-2026")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "auditoría" in app.screen.status_text)
        assert "Anotación 1: Rectificación" in text_of(app, "#staff-acta-card")
        await pilot.press("escape")
        await choose(pilot, "reniec")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ReniecScreen))
        assert await wait_until(pilot, lambda: "3 actas pendientes" in
                                text_of(app, "#reniec-card"))
        await pilot.press("1")
        assert await wait_until(pilot, lambda: "generado: 3 actas" in app.screen.status_text)
        assert "0 actas pendientes" in text_of(app, "#reniec-card")
