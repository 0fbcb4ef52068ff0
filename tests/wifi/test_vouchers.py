"""Vouchers at the kiosk and the terminal: a resident's voucher (10 digits shown 12345-67890,
the allowance, expiry, a Wi-Fi join string), at most N a day under the dated rules (a retry
with the same key is the same voucher), my vouchers; batches for an event, revocation by the
Wi-Fi operator only; hotspots with their status."""

import pytest
from sqlalchemy import func, select

from kiosk.api import ApiError
from server.audit.models import AuditEntry
from server.wifi.models import Voucher
from tests.conftest import table_counts
from tests.wifi.rig import LUIS, key, operator, resident


async def test_a_resident_gets_vouchers_up_to_the_daily_limit(make_client, cards_dir, database):
    rosa = await resident(make_client, cards_dir)
    rules = await rosa.wifi.my_rules()
    assert rules.vouchers_per_day == 2 and rules.issued_today == 0
    idem = key()
    first = await rosa.wifi.get_voucher(idempotency_key=idem)
    again = await rosa.wifi.get_voucher(idempotency_key=idem)  # a retry: the same voucher
    assert again.code == first.code
    assert len(first.code) == 10 and first.code.isdigit()
    assert first.shown == f"{first.code[:5]}-{first.code[5:]}"
    assert (first.minutes, first.megabytes, first.up_kbps, first.down_kbps) == (
        120, 1000, 2000, 10000)
    assert first.state == "vigente" and first.state_text.en == "Valid"
    assert first.seconds_left == 7200 and first.megabytes_left == 1000
    assert first.join == "WIFI:S:Miraflores-WiFi-Libre;T:nopass;;"
    second = await rosa.wifi.get_voucher(idempotency_key=key())
    assert second.code != first.code
    before = table_counts(database)
    with pytest.raises(ApiError) as refused:
        await rosa.wifi.get_voucher(idempotency_key=key())
    assert refused.value.code == "wifi_daily_limit"
    assert "mañana" in refused.value.message.es and "tomorrow" in refused.value.message.en
    assert table_counts(database)["wifi_vouchers"] == before["wifi_vouchers"]
    assert [v.code for v in await rosa.wifi.mine()] == [second.code, first.code]
    luis = await resident(make_client, cards_dir, LUIS)
    assert await luis.wifi.mine() == []  # one's own vouchers only
    with database.sessionmaker() as db:
        assert db.execute(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "wifi.voucher")).scalar_one() == 2


async def test_the_limit_is_a_dated_rule(make_client, cards_dir, database):
    from datetime import timedelta

    from server.audit.service import SYSTEM
    from server.timeutil import today
    from server.wifi.demo import RULES
    from server.wifi.vouchers import publish_rules

    with database.sessionmaker() as db:
        publish_rules(db=db, by=SYSTEM, valid_from=today(),
                      **{**RULES, "vouchers_per_day": 1, "ssid": "Miraflores Libre;2"})
        publish_rules(db=db, by=SYSTEM, valid_from=today() + timedelta(days=30),
                      **{**RULES, "vouchers_per_day": 5})
        db.commit()
    rosa = await resident(make_client, cards_dir)
    voucher = await rosa.wifi.get_voucher(idempotency_key=key())
    assert voucher.join == "WIFI:S:Miraflores Libre\\;2;T:nopass;;"
    with pytest.raises(ApiError) as refused:
        await rosa.wifi.get_voucher(idempotency_key=key())
    assert refused.value.code == "wifi_daily_limit"


async def test_anyone_sees_the_hotspots_with_their_status(make_client):
    kiosk = await make_client()
    spots = await kiosk.wifi.hotspots()
    assert len(spots) == 7
    by_code = {s.code: s for s in spots}
    assert by_code["REDUCTO"].status == "fuera_de_servicio"
    assert by_code["KENNEDY"].status == "sin_datos" and by_code["KENNEDY"].busy == 0
    assert by_code["KENNEDY"].status_text.es == "Sin datos"


async def test_the_operator_prints_a_batch_and_revokes_it(make_client, cards_dir, database):
    staff = await operator(make_client)
    batch = await staff.wifi.create_batch({"count": 5, "minutes": 60, "megabytes": 0,
                                           "valid_hours": 8, "note": "Feria del libro"})
    assert batch.number.startswith("WF-") and batch.count == 5 == len(batch.vouchers)
    assert len({v.code for v in batch.vouchers}) == 5
    assert batch.vouchers[0].megabytes_left is None and batch.vouchers[0].seconds_left == 3600
    one = batch.vouchers[0].code
    revoked = await staff.wifi.revoke(batch.vouchers[0].shown, reason="Entregada por error")
    assert revoked.state == "anulada" and revoked.revoke_reason == "Entregada por error"
    assert (await staff.wifi.revoke_batch(batch.number, reason="Evento cancelado")).revoked == 4
    assert {v.state for v in (await staff.wifi.batch(batch.number)).vouchers} == {"anulada"}
    assert (await staff.wifi.voucher(one)).state == "anulada"
    before = table_counts(database)
    for bad, code in (({"count": 0, "note": "x"}, "wifi_batch_count"),
                      ({"count": 3, "note": "  "}, "wifi_batch_note"),
                      ({"count": 3, "note": "x", "valid_hours": 0}, "wifi_allowance")):
        with pytest.raises(ApiError) as refused:
            await staff.wifi.create_batch(bad)
        assert refused.value.code == code and refused.value.message.en
    assert table_counts(database) == before
    rosa = await resident(make_client, cards_dir)
    with pytest.raises(ApiError) as refused:
        await rosa.wifi.create_batch({"count": 1, "note": "mine"})
    assert refused.value.status == 403
    with database.sessionmaker() as db:
        assert db.execute(select(func.count()).select_from(Voucher)).scalar_one() == 5


async def test_the_operator_registers_a_hotspot(make_client):
    staff = await operator(make_client)
    saved = await staff.wifi.save_hotspot({"code": "MERCADO", "name": "Mercado N.º 1",
                                           "place": "Calle Gonzales Prada", "zone_id": 12,
                                           "ip": "10.20.0.7"})
    assert len(saved.secret) >= 16
    with pytest.raises(ApiError) as refused:
        await staff.wifi.save_hotspot({"code": "X", "name": "X", "place": "", "zone_id": 1,
                                       "ip": "999.1.1.1"})
    assert refused.value.code == "wifi_ip"
    assert "MERCADO" in {h.code for h in await staff.wifi.hotspots()}


def test_two_kiosks_at_once_cannot_pass_the_daily_limit(database):
    """Both count 0 and take the day's first number; the database lets one have it (on
    PostgreSQL two writers at once, on SQLite its one writer at a time)."""
    import threading

    from server.audit.service import SYSTEM
    from server.identity import service as identity
    from server.timeutil import today
    from server.wifi.demo import RULES
    from server.wifi.vouchers import issue_for_resident, publish_rules
    with database.sessionmaker() as db:
        publish_rules(db=db, by=SYSTEM, valid_from=today(), **{**RULES, "vouchers_per_day": 1})
        db.commit()
        rosa = identity.get_resident_by_dni(db=db, dni="40123456")
    barrier, outcomes = threading.Barrier(2), []

    def kiosk() -> None:
        with database.sessionmaker() as db:
            barrier.wait()
            try:
                issue_for_resident(db=db, by=SYSTEM, resident=rosa)
                db.commit()
                outcomes.append("voucher")
            except Exception as exc:  # the refusal is the point
                outcomes.append(getattr(exc, "code", repr(exc)))

    threads = [threading.Thread(target=kiosk) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["voucher", "wifi_daily_limit"]
    with database.sessionmaker() as db:
        assert db.execute(select(func.count()).select_from(Voucher).where(
            Voucher.resident_id == rosa.id)).scalar_one() == 1
