"""A resident at the kiosk: card + PIN, DNI + PIN, idle timeout, card pulled out, printing."""

import time

from devices.card.emulator import load_card
from devices.card.simulated import SimulatedReader
from kiosk.api import ApiError
from screens.dialogs.idle_warning import IdleWarning
from screens.documents.receipt import ReceiptScreen
from screens.home import HomeScreen
from screens.login.dni_login import DniLoginScreen
from screens.login.pin_pad import PinPadScreen
from screens.resident.menu import ResidentMenuScreen
from screens.widgets.top_bar import TopBar
from tests.kiosk.conftest import type_keys, wait_until
from tests.rigs.escpos_decode import decode
from tests.rigs.escpos_listener import EscposListener


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_card_pin_login_and_card_removed(kiosk_app, cards_dir):
    reader = SimulatedReader()
    app = kiosk_app(reader=reader)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        reader.insert(load_card(cards_dir, "40123456"))
        assert await wait_until(pilot, lambda: isinstance(app.screen, PinPadScreen))
        assert await wait_until(pilot, lambda: "Rosa" in text_of(app, "#pin-holder"))
        assert "3" in text_of(app, "#pin-tries")
        await type_keys(pilot, "111111")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "Le quedan 2" in text_of(app, "#pin-status"))
        assert text_of(app, "#pin-mask") == "_ _ _ _ _ _"
        await type_keys(pilot, "123456")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))
        assert "Rosa Quispe Mamani" in text_of(app, "#top-who")
        token = app.client.session_token

        removed = time.monotonic()
        reader.remove()
        assert await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), seconds=1.0)
        assert time.monotonic() - removed < 1.0
        assert not app.session.active and app.client.session_token is None
        # The server ended it too (the logout runs in a worker: give it a moment).
        ended = None
        for _ in range(50):
            try:
                await app.client.transport.request("GET", "/api/v1/auth/session", session_token=token)
            except ApiError as exc:
                ended = exc.code
                break
            await pilot.pause(0.05)
        assert ended == "session_invalid"


async def test_blocked_card_says_what_to_do(kiosk_app, cards_dir):
    reader = SimulatedReader()
    card = load_card(cards_dir, "07654321")
    card.tries_left = 0
    app = kiosk_app(reader=reader)
    async with app.run_test(size=(100, 30)) as pilot:
        reader.insert(card)
        assert await wait_until(pilot, lambda: isinstance(app.screen, PinPadScreen))
        assert await wait_until(pilot, lambda: "bloqueada" in text_of(app, "#pin-status"))
        assert "PIN municipal" in text_of(app, "#pin-status")


async def test_dni_login_idle_warning_then_session_wiped(kiosk_app):
    app = kiosk_app(idle_seconds=20, idle_warning_seconds=20)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1")
        assert await wait_until(pilot, lambda: isinstance(app.screen, DniLoginScreen))
        await type_keys(pilot, "4012345")
        await pilot.press("enter")
        assert "8 dígitos" in text_of(app, "#dni-status")
        await type_keys(pilot, "6")
        await pilot.press("enter")
        await type_keys(pilot, "654321")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))

        app._last_activity -= 21  # as if nobody touched the kiosk for 21 s
        assert await wait_until(pilot, lambda: isinstance(app.screen, IdleWarning), 3)
        assert app.screen.remaining >= 19
        assert "¿Sigue ahí?" in str(app.screen.query_one(".title").render())
        await pilot.press("space")  # one key keeps the session
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))

        app._last_activity -= 21
        assert await wait_until(pilot, lambda: isinstance(app.screen, IdleWarning), 3)
        app.screen.remaining = 1  # let the countdown run out
        assert await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), 3)
        assert not app.session.active and app.client.session_token is None


async def test_server_unreachable_banner_and_recovery(kiosk_app):
    app = kiosk_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert await wait_until(pilot, lambda: app.site_name == "Palacio Municipal")
        app.transport.down = True
        await pilot.press("1")
        await type_keys(pilot, "40123456")
        await pilot.press("enter")
        await type_keys(pilot, "654321")
        await pilot.press("enter")
        bar = app.screen_stack[-2].query_one(TopBar)  # the screen behind the login dialog
        assert await wait_until(pilot, lambda: bar.has_class("-offline"))
        assert "No hay conexión" in text_of(app, "#dni-status")
        assert isinstance(app.screen, DniLoginScreen)  # nothing half-done: still here
        app.transport.down = False
        assert await wait_until(pilot, lambda: not bar.has_class("-offline"), seconds=8)
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))


async def _login_and_print(app, pilot) -> None:
    await pilot.press("1")
    await type_keys(pilot, "40123456")
    await pilot.press("enter")
    await type_keys(pilot, "654321")
    await pilot.press("enter")
    assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))
    await pilot.press("2")  # my data (1 is the account)
    await pilot.press("1")  # print the constancia
    assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen))


async def test_constancia_printed_on_a_tcp_printer(kiosk_app):
    with EscposListener() as printer:
        app = kiosk_app(printer=printer.spec)
        async with app.run_test(size=(100, 30)) as pilot:
            await _login_and_print(app, pilot)
            assert await wait_until(pilot, lambda: "Retire su comprobante" in app.screen.status_text)
            document = app.screen.document
            preview = text_of(app, "#receipt-text")
        assert await wait_until(pilot, lambda: bool(printer.jobs))
    paper = decode(printer.printed)
    assert "Rosa Quispe Mamani" in paper.text and "Calle Berlín 245" in paper.text
    assert "Fecha de nacimiento / Date of birth" in paper.text
    assert paper.qr == [document.verify_url] and paper.cuts == 1
    assert paper.codepages == {2}  # ESC t 2 = CP850, pinned
    assert document.code in paper.text and document.number in preview


async def test_paper_out_keeps_the_receipt_reprintable(kiosk_app):
    with EscposListener(paper="out") as printer:
        app = kiosk_app(printer=printer.spec)
        async with app.run_test(size=(100, 30)) as pilot:
            await _login_and_print(app, pilot)
            assert await wait_until(pilot, lambda: "no tiene papel" in app.screen.status_text)
            status = app.screen.status_text
            document = app.screen.document
            assert document.code in status and "cualquier quiosco" in status
            assert app.last_error.startswith("paper_out")
            reprint = await app.client.documents.get(document.code)
            assert reprint.number == document.number
    assert decode(printer.printed).text.strip() == ""  # nothing half-printed


async def test_demo_kiosk_enrols_again_when_the_server_forgot_it(kiosk_app, tmp_path):
    """A fresh demo database does not know the stored credential: the kiosk enrols anew."""
    from kiosk.enrolment import save_credential

    app = kiosk_app()
    save_credential(app.settings.credential_file,
                    {"server": app.settings.server, "credential": "999.forgotten"})
    async with app.run_test(size=(100, 30)) as pilot:
        assert await wait_until(pilot, lambda: app.site_name == "Palacio Municipal")
        assert not app.client.credential.startswith("999.")
