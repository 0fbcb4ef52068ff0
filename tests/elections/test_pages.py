"""What a person reads from a vote's paper: the tracker slip's address and the receipt's QR
open a human page about the tracker (not JSON); /verify shows Lima time like the receipt."""

import asyncio
import uuid

import httpx

from devices.printer import layout
from kiosk.api import voting
from screens.elections import slips
from tests.conftest import card_login
from tests.elections import rig


async def test_the_tracker_slip_and_the_receipt_lead_to_a_human_page(
        make_client, database, cards_dir, tmp_path, server_app):
    officer = await rig.officer(make_client)
    running = await rig.to_voting(officer, database, tmp_path)
    rosa = await make_client()
    await card_login(rosa, cards_dir)
    style = await rosa.elections.ballot_style(running.id)
    encrypted = await asyncio.to_thread(voting.encrypt, style, {style.candidates[0].id})

    slip = slips.tracker_slip(style, encrypted.tracker, "Palacio Municipal")
    text = layout.to_text(slip)
    after = text.split("Verifique en / verify at:")[1].strip().splitlines()
    assert after[0].strip().startswith("http://kiosk.test/verify/vote/")
    assert slip.verify_url == f"http://kiosk.test/verify/vote/{running.id}/{encrypted.tracker}"

    receipt = await rosa.elections.cast(running.id, encrypted.ballot,
                                        idempotency_key=str(uuid.uuid4()))
    assert receipt.verify_url == slip.verify_url  # the same page, now with the vote on it
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=server_app),
                                 base_url="http://kiosk.test") as anyone:
        page = await anyone.get(receipt.verify_url, headers={"Accept": "text/html"})
        data = await anyone.get(receipt.verify_url)
        missing = await anyone.get(f"/verify/vote/{running.id}/AAAA-BBBB-CCCC-DDDD-EEEE",
                                   headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Su voto está en el tablero" in page.text and "CONTADO" in page.text
    assert encrypted.tracker in page.text
    assert data.json()["status"] == "counted"
    assert missing.status_code == 404 and "no está en el tablero" in missing.text


async def test_verify_shows_lima_time_like_the_receipt(make_client, cards_dir, server_app):
    kiosk = await make_client()
    await card_login(kiosk, cards_dir)
    document = await kiosk.residents.record_certificate(idempotency_key="k-1")
    from screens.documents.receipt import receipt_from

    printed = receipt_from(document).issued_at  # "dd/mm/YYYY HH:MM", Lima
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=server_app),
                                 base_url="http://kiosk.test") as anyone:
        page = await anyone.get(f"/verify/{document.code}", headers={"Accept": "text/html"})
    assert printed in page.text and "UTC" not in page.text and "Lima" in page.text


async def test_the_tracker_digits_are_printed_and_accepted(make_client, database, cards_dir,
                                                           tmp_path, server_app):
    """Issue 10, item 10: the tracker's digits-only form, printed on the slip and the receipt,
    finds the vote like the tracker (kiosk lookup and public page); a typo is told as such."""
    officer = await rig.officer(make_client)
    running = await rig.to_voting(officer, database, tmp_path)
    rosa = await make_client()
    await card_login(rosa, cards_dir)
    style = await rosa.elections.ballot_style(running.id)
    encrypted = await asyncio.to_thread(voting.encrypt, style, {style.candidates[0].id})
    slip = slips.tracker_slip(style, encrypted.tracker, "Palacio Municipal")
    receipt = await rosa.elections.cast(running.id, encrypted.ballot,
                                        idempotency_key=str(uuid.uuid4()))
    digits = receipt.tracker_digits
    assert len(digits) == 33 and digits.isdigit() and slip.code_digits == digits
    printed = layout.to_text(slips.vote_receipt(receipt, "Palacio Municipal"))
    assert layout.group_digits(digits)[:20] in printed

    found = await rosa.elections.tracker(running.id, digits)
    assert found.found and found.status == "counted" and found.tracker == encrypted.tracker
    typo = digits[:-3] + digits[-2] + digits[-3] + digits[-1]
    if typo == digits:
        typo = digits[:3] + str((int(digits[3]) + 1) % 10) + digits[4:]
    mistyped = await rosa.elections.tracker(running.id, typo)
    assert not mistyped.found and "dígitos de control" in mistyped.message.es
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=server_app),
                                 base_url="http://kiosk.test") as anyone:
        page = await anyone.get(f"/verify/vote/{running.id}/{digits}",
                                headers={"Accept": "text/html"})
    assert page.status_code == 200 and "CONTADO" in page.text
