"""Trámites at the kiosk with the keypad at 80x25: the catalogue, filing with the fee by card
and the cargo on paper, Mis trámites, following a file without login, search; and an office
moving a file at the staff terminal."""

from devices.payment.simulated import SimulatedTerminal
from screens.consultas.search import SearchScreen
from screens.documents.receipt import ReceiptScreen
from screens.payments.card import CardPaymentScreen
from screens.procedures.catalogue import CatalogueScreen
from screens.procedures.desk import DeskScreen
from screens.procedures.filing import FilingScreen
from screens.procedures.follow import FollowScreen
from screens.procedures.home import ProceduresHomeScreen
from screens.procedures.mine import FileScreen, MyFilesScreen
from screens.procedures.procedure import ProcedureScreen
from screens.procedures.staff_file import StaffFileScreen
from screens.resident.menu import ResidentMenuScreen
from screens.staff.menu import StaffMenuScreen
from server.timeutil import today
from tests.kiosk.conftest import choose, type_keys, wait_until
from tests.kiosk.test_staff_flows import _login
from tests.procedures.rig import file_cn01, resident
from tests.rigs.escpos_decode import decode
from tests.rigs.escpos_listener import EscposListener


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def _as_rosa(app, pilot) -> None:
    await pilot.press("1")
    await type_keys(pilot, "40123456")
    await pilot.press("enter")
    await type_keys(pilot, "654321")
    await pilot.press("enter")
    assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))


async def test_rosa_files_a_procedure_pays_by_card_and_gets_the_cargo(kiosk_app):
    terminal = SimulatedTerminal("simulated:approve:0.1")
    with EscposListener() as printer:
        app = kiosk_app(printer=printer.spec, payment_terminal=terminal)
        async with app.run_test(size=(80, 25)) as pilot:
            await _as_rosa(app, pilot)
            await choose(pilot, "procedures")
            assert await wait_until(pilot, lambda: isinstance(app.screen, ProceduresHomeScreen))
            await pilot.press("1")
            assert await wait_until(pilot, lambda: isinstance(app.screen, CatalogueScreen)
                                    and app.screen.loaded)
            await pilot.press("5")  # AI-01, AN-01, AN-02, CJ-01, CN-01
            assert await wait_until(pilot, lambda: isinstance(app.screen, ProcedureScreen))
            assert "Certificado de numeración" in app.screen.heading()
            assert "S/ 83.60" in str(app.screen.query(".card").first().render())
            assert "1. Formulario de solicitud firmado" in text_of(app, "#requirements")
            await pilot.press("1")
            assert await wait_until(pilot, lambda: isinstance(app.screen, FilingScreen))
            await pilot.press("tab", "tab", "tab")  # nothing typed: refused, clearly
            await pilot.press("enter")
            assert await wait_until(pilot, lambda: "Falta un dato" in app.screen.status_text)
            app.screen.query_one("#field-direccion").focus()
            await type_keys(pilot, "Calle Berlin 245")
            await pilot.press("enter", "enter")  # next: the first requirement, ticked
            await pilot.press("tab", "enter", "tab", "enter")
            # The simulated terminal approves at once: on a busy machine the payment may be
            # through before the next look, so either screen shows the way is the card.
            assert await wait_until(pilot, lambda: isinstance(app.screen, (CardPaymentScreen,
                                                                           ReceiptScreen)))
            assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 8)
            cargo = app.screen.document
            number = dict((line.label.es, line.value) for line in cargo.lines)["Expediente"]
            assert number == f"{today().year}-000001"
            assert await wait_until(pilot, lambda: bool(printer.jobs))
            await pilot.press("escape")
            assert await wait_until(pilot, lambda: isinstance(app.screen, ProceduresHomeScreen))
            await pilot.press("2")
            assert await wait_until(pilot, lambda: isinstance(app.screen, MyFilesScreen)
                                    and app.screen.loaded)
            await pilot.press("1")
            assert await wait_until(pilot, lambda: isinstance(app.screen, FileScreen))
            assert "Registrado" in text_of(app, "#file-card")
            assert "la municipalidad responde hasta el" in text_of(app, "#file-card")
    paper = decode(printer.printed)
    assert "CARGO DE RECEPCIÓN" in paper.text and number in paper.text
    assert "Respuesta hasta" in paper.text and paper.qr == [cargo.verify_url]
    assert terminal.charges and terminal.charges[0][0] == 8360


async def test_anyone_follows_a_file_and_searches_without_login(kiosk_app, make_client,
                                                                cards_dir):
    rosa = await resident(make_client, cards_dir)
    number = (await file_cn01(rosa)).expediente.number
    app = kiosk_app()
    async with app.run_test(size=(80, 25)) as pilot:
        await pilot.press("5")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ProceduresHomeScreen))
        menu = app.screen.query_one("#procedures-menu")
        assert [o.id for o in menu.options] == ["catalogue", "follow"]  # no "mine" without login
        await pilot.press("2")
        assert await wait_until(pilot, lambda: isinstance(app.screen, FollowScreen))
        await type_keys(pilot, number)
        await pilot.press("enter")
        await type_keys(pilot, "07654321")  # someone else's DNI: nothing is revealed
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "No hay un expediente" in app.screen.status_text)
        app.screen.query_one("#follow-document").value = ""
        app.screen.query_one("#follow-document").focus()
        await type_keys(pilot, "40123456")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "Registrado" in text_of(app, "#follow-result"))
        assert "Rosa" not in text_of(app, "#follow-result")
        await pilot.press("escape", "escape")
        await pilot.press("6", "1")
        assert await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen))
        await type_keys(pilot, "lisencia funcionamento")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: len(app.screen.hits) > 0)
        assert all(h.ref.startswith("LF-") for h in app.screen.hits[:3])
        app.screen.focus_next()
        await pilot.press("1")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ProcedureScreen))
        assert "Licencia de funcionamiento" in app.screen.heading()


async def test_an_office_reviews_and_observes_a_file_at_the_terminal(kiosk_app, make_client,
                                                                     cards_dir):
    rosa = await resident(make_client, cards_dir)
    number = (await file_cn01(rosa)).expediente.number
    app = kiosk_app(terminal=True)
    async with app.run_test(size=(110, 32)) as pilot:
        await _login(app, pilot, "obras")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        await choose(pilot, "desk")
        assert await wait_until(pilot, lambda: isinstance(app.screen, DeskScreen)
                                and "Nuevos 1" in text_of(app, "#desk-counts"))
        await choose(pilot, number)
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffFileScreen))
        await choose(pilot, "review")
        await type_keys(pilot, "Revision de plano")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "En revisión" in text_of(app,
                                                                       "#staff-file-card"))
        await choose(pilot, "observe")
        await type_keys(pilot, "Indique el lote")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "Observado" in text_of(app, "#staff-file-card"))
    mine = await rosa.procedures.my_file(number)
    assert mine.state == "observado" and mine.observation == "Indique el lote"
