"""Guessing is limited per device and per client address (429 with Retry-After), the audit
log gets one entry per flood and not one per junk request, and what an outsider types into
it is capped and cleaned."""

import httpx
import pytest
from sqlalchemy import func, select

from kiosk.api import ApiError
from server.audit.models import AuditEntry
from server.audit.service import verify


def _count(database, action: str) -> int:
    with database.sessionmaker() as db:
        return db.execute(select(func.count()).select_from(AuditEntry)
                          .where(AuditEntry.action == action)).scalar_one()


async def test_pin_guessing_from_one_device_is_limited(make_client, database):
    client = await make_client()
    refused = []
    for n in range(25):  # a different DNI each time: no account's lockout helps here
        with pytest.raises(ApiError) as error:
            await client.auth.pin_login(dni=f"{20000000 + n}", pin="000000")
        refused.append(error.value)
    assert [e.status for e in refused[:10]] == [401] * 10
    assert {e.status for e in refused[10:]} == {429}
    assert refused[-1].code == "too_many_attempts" and refused[-1].extra["retry_after"] >= 1
    assert "Espere" in refused[-1].message.es
    # Fifteen refusals, one audit entry for the flood; the ten real tries each have theirs.
    assert _count(database, "rate_limited") == 1
    assert _count(database, "login.pin") == 10


async def test_following_files_by_number_is_limited_per_address(server_app, database):
    transport = httpx.ASGITransport(app=server_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://kiosk.test") as http:
        answers = [await http.post("/api/v1/procedures/follow", json={
            "number": "EXP-2026-000001", "document": f"{30000000 + n}"}) for n in range(14)]
    assert {a.status_code for a in answers[:10]} <= {404, 422}
    assert {a.status_code for a in answers[10:]} == {429}
    assert int(answers[-1].headers["retry-after"]) >= 1
    assert _count(database, "rate_limited") == 1


async def test_outsiders_text_in_the_audit_is_capped_and_cleaned(server_app, database):
    transport = httpx.ASGITransport(app=server_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://kiosk.test") as http:
        answer = await http.post("/api/v1/devices/enroll", json={
            "token": "NO-SUCH-TOKEN", "kind": "kiosk",
            "name": "\x1b[2J\x1b[31mBORRADO\u202e" + "x" * 50})
    assert answer.status_code == 403
    with database.sessionmaker() as db:
        entry = db.execute(select(AuditEntry).where(AuditEntry.action == "device.enroll")
                           .order_by(AuditEntry.seq.desc())).scalars().first()
        # the edge made each escape and override a U+FFFD; the audit then capped the text
        assert entry.details["name"].startswith("\ufffd[2J\ufffd[31mBORRADO\ufffdxxx")
        assert "\x1b" not in entry.details["name"] and "\u202e" not in entry.details["name"]
        assert verify(db=db).ok
