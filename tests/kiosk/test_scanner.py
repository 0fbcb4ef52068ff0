"""A receipt's QR read by a 2D barcode scanner (issue 10, item 10): the USB HID keyboard-wedge
and serial backends turn what the scanner sends into scans; "verify a receipt" and "check my
vote" take a scanned receipt like a typed code; the demo's SIMULATED scanner reads back the
last receipt the demo printer printed (F5)."""

import asyncio
import os
import queue
import socket
import threading
import time
import uuid

import pytest

from devices.printer.receipt import Receipt
from devices.printer.spec import open_printer
from devices.scanner import hid
from devices.scanner.simulated import SimulatedScanner, last_qr
from devices.scanner.spec import open_scanner
from kiosk.api import voting
from kiosk.scans import parse
from screens.documents.verify import VerifyScreen
from screens.elections.check import TrackerCheckScreen
from screens.elections.public import ElectionPublicScreen
from tests.conftest import card_login
from tests.elections import rig
from tests.kiosk.conftest import choose, wait_until

URL = "http://kiosk.test/verify/7K2M-9QXD-4RTB"


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def _key_events(text: str) -> bytes:
    """What a keyboard-wedge scanner sends for `text` and Enter (Linux input events)."""
    codes = {}
    for code, (plain, shifted) in hid.KEYS.items():
        codes.setdefault(plain, (code, False))
        codes.setdefault(shifted, (code, True))
    out = b""

    def event(code, value):
        return hid.EVENT.pack(0, 0, hid.EV_KEY, code, value)

    for ch in text:
        code, shift = codes[ch]
        if shift:
            out += event(hid.KEY_LEFTSHIFT, 1)
        out += event(code, 1) + event(code, 0)
        if shift:
            out += event(hid.KEY_LEFTSHIFT, 0)
    return out + event(hid.KEY_ENTER, 1) + event(hid.KEY_ENTER, 0)


def test_the_hid_backend_reads_keystrokes_as_scans(tmp_path):
    fifo = tmp_path / "event-kbd"
    os.mkfifo(fifo)
    scans: queue.Queue[str] = queue.Queue()
    scanner = open_scanner(f"hid:{fifo}")
    scanner.start(scans.put)
    try:
        with open(fifo, "wb") as device:
            device.write(_key_events(URL) + _key_events("1234 5678"))
        assert scans.get(timeout=10) == URL
        assert scans.get(timeout=10) == "1234 5678"
    finally:
        scanner.stop()


def test_the_serial_backend_reads_lines_as_scans():
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def send():
        conn, _ = server.accept()
        time.sleep(0.5)  # pyserial empties what came before the port was open
        conn.sendall(URL.encode() + b"\r\n" + b"40123456\r")
        conn.recv(1)  # until the scanner closes

    threading.Thread(target=send, daemon=True).start()
    scans: queue.Queue[str] = queue.Queue()
    scanner = open_scanner(f"serial:socket://127.0.0.1:{port}")
    scanner.start(scans.put)
    try:
        assert scans.get(timeout=10) == URL
        assert scans.get(timeout=10) == "40123456"
    finally:
        scanner.stop()
        server.close()


def test_the_simulated_scanner_reads_back_the_last_printed_receipt(tmp_path):
    path = tmp_path / "printed.escpos"
    printer = open_printer(f"file:{path}")
    for code in ("AAAA-BBBB-CCCC", "DDDD-EEEE-FFFF"):
        printer.print_receipt(Receipt(title="X / X", number="1", issued_at="-", site="-",
                                      lines=[], code=code,
                                      verify_url=f"http://kiosk.test/verify/{code}"))
    assert last_qr(path.read_bytes()) == "http://kiosk.test/verify/DDDD-EEEE-FFFF"
    scanner = open_scanner(f"simulated:{path}")
    assert isinstance(scanner, SimulatedScanner) and scanner.label == "SIMULADO"
    scans = []
    scanner.start(scans.append)
    assert scanner.scan_last_printed()
    assert scans == ["http://kiosk.test/verify/DDDD-EEEE-FFFF"]


def test_what_a_scan_says():
    assert parse(URL).kind == "document" and parse(URL).code == "7K2M-9QXD-4RTB"
    vote = parse("https://quioscos.miraflores.gob.pe/verify/vote/3/KYFU-PUTF-OJDP-NOOH-KS2O")
    assert (vote.kind, vote.code, vote.election_id) == ("tracker", "KYFU-PUTF-OJDP-NOOH-KS2O", 3)
    assert parse("7k2m9qxd4rtb").kind == "document"
    assert parse("1" * 33).kind == "tracker"
    assert parse("hola").kind == "unknown"


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_verify_takes_a_scanned_receipt(kiosk_app, make_client, cards_dir, lang):
    resident = await make_client()
    await card_login(resident, cards_dir)
    document = await resident.residents.record_certificate(idempotency_key="k-1")
    scanner = SimulatedScanner("simulated")
    app = kiosk_app(lang=lang, scanner=scanner)
    async with app.run_test(size=(80, 25)) as pilot:
        await choose(pilot, "verify")
        assert await wait_until(pilot, lambda: isinstance(app.screen, VerifyScreen))
        assert ("SIMULADO" if lang == "es" else "SIMULATED") in text_of(app, "#scanner-hint")
        scanner.scan(document.verify_url)
        assert await wait_until(pilot, lambda: document.number in text_of(app, "#code-result"))
        assert text_of(app, "#code-result").startswith("VÁLIDO" if lang == "es" else "VALID")


async def test_the_demo_scans_the_last_printed_receipt_with_f5(kiosk_app, make_client,
                                                               cards_dir, tmp_path):
    resident = await make_client()
    await card_login(resident, cards_dir)
    document = await resident.residents.record_certificate(idempotency_key="k-1")
    path = tmp_path / "printed.escpos"
    open_printer(f"file:{path}").print_receipt(Receipt(
        title="X / X", number=document.number, issued_at="-", site="-", lines=[],
        code=document.code, verify_url=document.verify_url))
    app = kiosk_app(scanner=open_scanner(f"simulated:{path}"))
    async with app.run_test(size=(80, 25)) as pilot:
        await choose(pilot, "verify")
        assert await wait_until(pilot, lambda: isinstance(app.screen, VerifyScreen))
        await pilot.press("f5")
        assert await wait_until(pilot, lambda: document.number in text_of(app, "#code-result"))


async def test_check_my_vote_takes_a_scanned_vote_receipt(kiosk_app, make_client, database,
                                                          cards_dir, tmp_path):
    officer = await rig.officer(make_client)
    running = await rig.to_voting(officer, database, tmp_path)
    rosa = await make_client()
    await card_login(rosa, cards_dir)
    style = await rosa.elections.ballot_style(running.id)
    encrypted = await asyncio.to_thread(voting.encrypt, style, {style.candidates[0].id})
    receipt = await rosa.elections.cast(running.id, encrypted.ballot,
                                        idempotency_key=str(uuid.uuid4()))
    scanner = SimulatedScanner("simulated")
    app = kiosk_app(scanner=scanner)
    async with app.run_test(size=(80, 25)) as pilot:
        await choose(pilot, "election-check")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ElectionPublicScreen))
        await choose(pilot, "check")
        assert await wait_until(pilot, lambda: isinstance(app.screen, TrackerCheckScreen))
        scanner.scan("http://kiosk.test/verify/7K2M-9QXD-4RTB")  # a receipt, not a vote
        assert await wait_until(pilot, lambda: "no es de una constancia de voto" in text_of(
            app, "#tracker-result"))
        scanner.scan(receipt.verify_url)
        assert await wait_until(pilot, lambda: text_of(app, "#tracker-result").startswith(
            "ENCONTRADO"))
        assert "se cuenta" in text_of(app, "#tracker-result")
