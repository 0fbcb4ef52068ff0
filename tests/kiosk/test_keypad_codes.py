"""Codes typed back on the keypad alone (issue 10, item 10): at 80x25, in Spanish and English,
a receipt's digits-only code verifies it, a vote's digits-only tracker finds it, and a
mistyped digit is told as a typo."""

import asyncio
import uuid

import pytest

from kiosk.api import voting
from screens.documents.verify import VerifyScreen
from screens.elections.check import TrackerCheckScreen
from screens.elections.public import ElectionPublicScreen
from tests.conftest import card_login
from tests.elections import rig
from tests.kiosk.conftest import choose, type_keys, wait_until

WORDS = {"es": ("VÁLIDO", "ENCONTRADO", "dígitos de control"),
         "en": ("VALID", "FOUND", "check digits")}


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def _typo(digits: str) -> str:
    return digits[:4] + str((int(digits[4]) + 1) % 10) + digits[5:]


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_a_receipt_verified_by_its_digits(kiosk_app, make_client, cards_dir, lang):
    resident = await make_client()
    await card_login(resident, cards_dir)
    document = await resident.residents.record_certificate(idempotency_key="k-1")
    valid, _, typo = WORDS[lang]
    app = kiosk_app(lang=lang)
    async with app.run_test(size=(80, 25)) as pilot:
        await choose(pilot, "verify")
        assert await wait_until(pilot, lambda: isinstance(app.screen, VerifyScreen))
        await type_keys(pilot, _typo(document.code_digits))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: typo in text_of(app, "#code-result"))
        app.screen.query_one("#code").value = ""
        await type_keys(pilot, document.code_digits)
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: document.number in text_of(app, "#code-result"))
        assert text_of(app, "#code-result").startswith(valid)


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_a_vote_found_by_its_digits(kiosk_app, make_client, database, cards_dir,
                                          tmp_path, lang):
    officer = await rig.officer(make_client)
    running = await rig.to_voting(officer, database, tmp_path)
    rosa = await make_client()
    await card_login(rosa, cards_dir)
    style = await rosa.elections.ballot_style(running.id)
    encrypted = await asyncio.to_thread(voting.encrypt, style, {style.candidates[0].id})
    receipt = await rosa.elections.cast(running.id, encrypted.ballot,
                                        idempotency_key=str(uuid.uuid4()))
    _, found, typo = WORDS[lang]
    app = kiosk_app(lang=lang)
    async with app.run_test(size=(80, 25)) as pilot:
        await choose(pilot, "election-check")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ElectionPublicScreen))
        await choose(pilot, "check")
        assert await wait_until(pilot, lambda: isinstance(app.screen, TrackerCheckScreen))
        await type_keys(pilot, _typo(receipt.tracker_digits))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: typo in text_of(app, "#tracker-result"))
        app.screen.query_one("#tracker").value = ""
        await type_keys(pilot, receipt.tracker_digits)
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: text_of(app, "#tracker-result").startswith(
            found))
