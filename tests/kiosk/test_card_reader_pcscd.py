"""The kiosk app with the PC/SC reader: a card served by the emulator through pcscd + vpcd,
the PIN typed on the pad, the session opened on the server, the card pulled mid-session."""

import time

import pytest

from devices.card.emulator import load_card
from devices.card.pcsc import PcscReader
from devices.card.vpcd import VpcdCard
from screens.home import HomeScreen
from screens.login.pin_pad import PinPadScreen
from screens.resident.menu import ResidentMenuScreen
from tests.conftest import need
from tests.kiosk.conftest import type_keys, wait_until
from tests.rigs import pcscd as rig

# One pcscd at a time on a machine (its socket is global): under xdist, one worker runs these.
pytestmark = [pytest.mark.real, pytest.mark.xdist_group("pcscd")]


async def test_card_session_ends_when_the_card_is_pulled(kiosk_app, cards_dir, tmp_path):
    need(rig.missing() is None, rig.missing() or "")
    with rig.Pcscd(tmp_path / "pcscd") as daemon:
        reader = PcscReader(poll_ms=100)
        app = kiosk_app(reader=reader)
        card = VpcdCard(load_card(cards_dir, "40123456"), port=daemon.port)
        try:
            async with app.run_test(size=(100, 30)) as pilot:
                assert await wait_until(pilot, lambda: reader.status() == "ok", seconds=15), (
                    f"reader {reader.status()}; pcscd log:\n{daemon.log_text()}")
                card.insert()
                assert await wait_until(pilot, lambda: isinstance(app.screen, PinPadScreen))
                assert await wait_until(pilot, lambda: not app.screen.reading, seconds=10)
                await type_keys(pilot, "123456")
                await pilot.press("enter")
                assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen),
                                        seconds=10)
                assert app.session.resident.dni == "40123456"
                pulled = time.monotonic()
                card.remove()
                assert await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen),
                                        seconds=1.0)
                assert time.monotonic() - pulled < 1.0 and not app.session.active
        finally:
            card.remove()
            reader.stop()
