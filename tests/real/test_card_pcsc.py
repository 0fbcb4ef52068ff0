"""The card path for real: pcscd + vpcd + the project's emulator, read by pyscard in the kiosk.

The vpcd connection is opened a moment after the test port check; the emulator retries.
"""

import base64
import os
import time

import pytest

from devices.card.base import CardEvent
from devices.card.emulator import load_card
from devices.card.errors import PinBlocked, WrongPin
from devices.card.pcsc import PcscReader, describe_readers
from devices.card.vpcd import VpcdCard
from tests.conftest import need
from tests.rigs import pcscd as rig

# One pcscd at a time on a machine (its socket is global): under xdist, one worker runs these.
pytestmark = [pytest.mark.real, pytest.mark.xdist_group("pcscd")]


@pytest.fixture
def pcscd(tmp_path):
    need(rig.missing() is None, rig.missing() or "")
    with rig.Pcscd(tmp_path) as daemon:
        yield daemon


@pytest.fixture
def reader(pcscd):
    reader = PcscReader(poll_ms=100)
    events: list[tuple[float, CardEvent]] = []
    reader.subscribe(lambda event: events.append((time.monotonic(), event)))
    reader.events = events
    reader.start()
    yield reader
    reader.stop()


def wait_for(predicate, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def rosa_card(pcscd, cards_dir):
    card = VpcdCard(load_card(cards_dir, "40123456"), port=pcscd.port).insert()
    yield card
    card.remove()


def test_insert_read_identity_and_list(reader, rosa_card):
    assert wait_for(reader.card_present), "card never seen by pcscd"
    assert reader.events[-1][1] == CardEvent.INSERTED
    identity = reader.read_identity()
    assert (identity.dni, identity.full_name) == ("40123456", "Rosa Quispe Mamani")
    rows = [r for r in describe_readers() if r["identity"]]
    assert rows[0]["atr"].startswith("3B 88 80 01")
    assert rows[0]["identity"].dni == "40123456"


def test_wrong_pin_then_blocked(reader, rosa_card):
    assert wait_for(reader.card_present)
    assert reader.pin_status().tries_left == 3
    with pytest.raises(WrongPin) as first:
        reader.verify_pin("111111")
    assert first.value.tries_left == 2
    with pytest.raises(WrongPin) as second:
        reader.verify_pin("222222")
    assert second.value.tries_left == 1
    with pytest.raises(PinBlocked):
        reader.verify_pin("333333")
    assert reader.pin_status().blocked
    with pytest.raises(PinBlocked):  # the right PIN no longer helps
        reader.verify_pin("123456")


async def test_login_accepted_by_the_server(reader, rosa_card, make_client):
    assert wait_for(reader.card_present)
    client = await make_client()
    reader.verify_pin("123456")
    challenge = await client.auth.card_challenge()
    signature = reader.sign(base64.b64decode(challenge.to_sign))  # 61xx + GET RESPONSE
    info = await client.auth.card_login(challenge_id=challenge.challenge_id,
                                        certificate=reader.read_certificate(),  # 6Cxx on the tail
                                        signature=signature)
    assert info.resident.dni == "40123456"


def test_removal_is_seen_within_a_second(reader, rosa_card):
    assert wait_for(reader.card_present)
    removed_at = time.monotonic()
    rosa_card.remove()
    assert wait_for(lambda: not reader.card_present(), timeout=1.0)
    when, event = reader.events[-1]
    assert event == CardEvent.REMOVED and when - removed_at < 1.0


def test_reader_recovers_when_pcscd_restarts(tmp_path, cards_dir):
    need(rig.missing() is None, rig.missing() or "")
    reader = PcscReader(poll_ms=100)
    reader.start()
    try:
        with rig.Pcscd(tmp_path / "one"):
            assert wait_for(lambda: reader.status() == "ok")
        assert wait_for(lambda: reader.status() == "unavailable")
        with rig.Pcscd(tmp_path / "two") as again:
            card = VpcdCard(load_card(cards_dir, "07654321"), port=again.port).insert()
            try:
                assert wait_for(reader.card_present, timeout=10)
                assert reader.read_identity().dni == "07654321"
            finally:
                card.remove()
    finally:
        reader.stop()


def test_pcscd_absent_is_a_clear_error():
    if os.path.exists(rig.PID_FILE):
        pytest.skip("a pcscd is running")
    from devices.card.errors import ReaderUnavailable

    with pytest.raises(ReaderUnavailable) as error:
        describe_readers()
    assert "lector" in error.value.es


def test_cli_emulate_then_list(pcscd, cards_dir):
    """`kiosk card emulate DNI` inserts a demo card; `kiosk card list` reads it; Ctrl+C removes."""
    import signal
    import subprocess
    import sys

    env = {**os.environ, "KIOSK_DEMO_CARDS_DIR": str(cards_dir)}
    emulate = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "card", "emulate", "07654321", "--port", str(pcscd.port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        listing = ""
        for _ in range(50):
            listing = subprocess.run([sys.executable, "-m", "kiosk", "card", "list"],
                                     capture_output=True, text=True, env=env).stdout
            if "DNI 07654321" in listing:
                break
            time.sleep(0.1)
        assert "DNI 07654321: Jorge Luis Huamán Torres (02/11/1948)" in listing
        assert "ATR: 3B 88 80 01" in listing
    finally:
        emulate.send_signal(signal.SIGINT)
        out, _ = emulate.communicate(timeout=10)
    assert "Tarjeta retirada / card removed" in out
