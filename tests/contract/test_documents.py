"""Documents: issued once per Idempotency-Key, verifiable by anyone, reprintable anywhere."""

import httpx
import pytest

from kiosk.api import ApiError
from tests.conftest import card_login, table_counts


async def test_issue_is_exactly_once_per_key(make_client, cards_dir, database):
    client = await make_client()
    await card_login(client, cards_dir)
    first = await client.residents.record_certificate(idempotency_key="k-1")
    counts = table_counts(database)
    again = await client.residents.record_certificate(idempotency_key="k-1")
    assert again == first
    assert table_counts(database) == counts
    other = await client.residents.record_certificate(idempotency_key="k-2")
    assert other.code != first.code
    assert int(other.number[-6:]) == int(first.number[-6:]) + 1  # no gaps


async def test_issue_without_key_does_nothing(make_client, cards_dir, server_app, database):
    client = await make_client()
    info = await card_login(client, cards_dir)
    before = table_counts(database)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=server_app),
                                 base_url="http://kiosk.test") as http:
        response = await http.post("/api/v1/residents/me/record-certificate", headers={
            "Authorization": f"Bearer {client.credential}", "X-Kiosk-Session": info.token})
    assert response.status_code == 400
    assert response.json()["code"] == "idempotency_key_missing"
    assert table_counts(database) == before


async def test_verify_and_reprint_anywhere(make_client, cards_dir):
    kiosk = await make_client()
    await card_login(kiosk, cards_dir)
    document = await kiosk.residents.record_certificate(idempotency_key="k-1")
    assert document.verify_url == f"http://kiosk.test/verify/{document.code}"
    assert [line.value for line in document.lines][:2] == ["40123456", "Rosa Quispe Mamani"]

    other_site = await make_client("terminal")
    reprint = await other_site.documents.get(document.code.lower().replace("-", ""))
    assert reprint.number == document.number and reprint.lines == document.lines

    verification = await other_site.documents.verify(document.code)
    assert verification.valid and verification.holder_initials == "R.Q.M."
    assert verification.number == document.number


async def test_unknown_codes(make_client):
    client = await make_client()
    assert not (await client.documents.verify("ZZZZ-ZZZZ-ZZZZ")).valid
    with pytest.raises(ApiError) as missing:
        await client.documents.get("ZZZZ-ZZZZ-ZZZZ")
    assert missing.value.status == 404
    assert "Revise el código" in missing.value.message.es


async def test_verify_page_for_people(server_app, make_client, cards_dir):
    kiosk = await make_client()
    await card_login(kiosk, cards_dir)
    document = await kiosk.residents.record_certificate(idempotency_key="k-1")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=server_app),
                                 base_url="http://kiosk.test") as http:
        page = await http.get(f"/verify/{document.code}", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "Documento válido" in page.text and "40123456" not in page.text


async def test_the_digits_only_code_is_accepted_everywhere_the_code_is(make_client, cards_dir,
                                                                       server_app):
    """Issue 10, item 10: typed on a 12-key keypad, the digits verify, reprint and open the
    public page like the code; a mistyped digit is told apart from an unknown code."""
    kiosk = await make_client()
    await card_login(kiosk, cards_dir)
    document = await kiosk.residents.record_certificate(idempotency_key="k-1")
    digits = document.code_digits
    assert len(digits) == 21 and digits.isdigit()
    grouped = " ".join(digits[i:i + 3] for i in range(0, 21, 3))

    other_site = await make_client("terminal")
    assert (await other_site.documents.verify(digits)).number == document.number
    assert (await other_site.documents.verify(grouped)).valid
    assert (await other_site.documents.get(digits)).code == document.code
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=server_app),
                                 base_url="http://kiosk.test") as http:
        page = await http.get(f"/verify/{digits}", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Documento válido" in page.text

    typo = digits[:5] + str((int(digits[5]) + 1) % 10) + digits[6:]
    mistyped = await other_site.documents.verify(typo)
    assert not mistyped.valid and "dígitos de control" in mistyped.message.es
    with pytest.raises(ApiError) as refused:
        await other_site.documents.get(typo)
    assert refused.value.status == 422 and refused.value.code == "code_mistyped"
