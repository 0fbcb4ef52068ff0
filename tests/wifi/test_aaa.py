"""The AAA endpoints FreeRADIUS's rest module calls: a bearer token per RADIUS server;
authorize answers with what is *left* (time, data with gigawords, bandwidth), so a second
login does not reset the quota; an expired, revoked or used-up voucher is refused with a
Spanish Reply-Message; accounting is stored once per Acct-Unique-Session-Id (a repeated
packet counts once); MAC addresses are kept only as an HMAC and erased after retention."""

from datetime import timedelta

from sqlalchemy import func, select

from server.audit.service import SYSTEM
from server.timeutil import utcnow
from server.wifi import hotspots
from server.wifi.models import Session as WifiSession
from server.wifi.models import Voucher
from tests.wifi.rig import Radius, key, operator, resident

GB = 10**9


async def _batch(make_client, **allowance):
    staff = await operator(make_client)
    batch = await staff.wifi.create_batch({"count": 1, "note": "Prueba", **allowance})
    return staff, batch.vouchers[0]


async def test_authorize_answers_with_what_is_left_across_sessions(make_client, server_app,
                                                                   database):
    staff, voucher = await _batch(make_client, minutes=60, megabytes=5000, up_kbps=1000,
                                  down_kbps=8000)
    radius = Radius(server_app)
    first = await radius.authorize(voucher.shown)
    assert first.status_code == 200
    reply = first.json()
    assert reply["control:Auth-Type"] == "Accept"
    assert reply["reply:Session-Timeout"] == 3600
    assert reply["reply:WISPr-Bandwidth-Max-Up"] == 1_000_000
    assert reply["reply:WISPr-Bandwidth-Max-Down"] == 8_000_000
    assert reply["reply:Acct-Interim-Interval"] == 300 and reply["reply:Idle-Timeout"] == 600
    assert reply["reply:ChilliSpot-Max-Total-Gigawords"] == 5 * GB // 2**32
    assert reply["reply:ChilliSpot-Max-Total-Octets"] == 5 * GB % 2**32
    sid = key()
    for status, seconds in (("Start", 0), ("Interim-Update", 600), ("Interim-Update", 600),
                            ("Stop", 1200), ("Stop", 1200)):  # each repeat stored once
        answer = await radius.account(voucher.code, status, sid, seconds=seconds,
                                      octets_in=GB // 2, octets_out=GB)
        assert answer.status_code == 204
    again = (await radius.authorize(voucher.code)).json()  # logging in again: what is left
    assert again["reply:Session-Timeout"] == 3600 - 1200
    left = 5 * GB - 3 * GB // 2
    assert left < 2**32 and "reply:ChilliSpot-Max-Total-Gigawords" not in again  # < 4 GiB
    assert again["reply:ChilliSpot-Max-Total-Octets"] == left
    mine = await staff.wifi.voucher(voucher.code)
    assert mine.sessions == 1 and mine.seconds_left == 2400
    with database.sessionmaker() as db:
        row = db.execute(select(WifiSession)).scalar_one()
        assert row.packets == 5 and row.seconds == 1200 and row.stopped_at is not None
        assert row.mac_hash and len(row.mac_hash) == 64  # an HMAC, not the address
        assert "AA-BB" not in row.mac_hash and row.ip == "10.5.0.23"
    spots = {h.code: h for h in await staff.wifi.hotspots()}
    assert spots["KENNEDY"].status == "en_servicio"
    usage = await staff.wifi.usage(days=1)
    assert [(u.hotspot, u.sessions, u.seconds, u.octets) for u in usage] == [
        ("KENNEDY", 1, 1200, 3 * GB // 2)]


async def test_refusals_carry_a_spanish_reply_message(make_client, server_app, database):
    staff, voucher = await _batch(make_client, minutes=10)
    radius = Radius(server_app)
    wrong = await radius.authorize("1234567890")
    assert wrong.status_code == 401
    assert "no válida" in wrong.json()["reply:Reply-Message"]
    assert (await radius.authorize(voucher.code, password="0000000000")).status_code == 401
    await radius.account(voucher.code, "Stop", key(), seconds=600)
    used_up = await radius.authorize(voucher.code)
    assert used_up.status_code == 401 and "agotó" in used_up.json()["reply:Reply-Message"]
    _, other = await _batch(make_client)
    await staff.wifi.revoke(other.code, reason="Perdida")
    revoked = await radius.authorize(other.code)
    assert revoked.status_code == 401 and "anulada" in revoked.json()["reply:Reply-Message"]
    _, late = await _batch(make_client)
    with database.sessionmaker() as db:
        row = db.execute(select(Voucher).where(Voucher.code == late.code)).scalar_one()
        row.expires_at = utcnow() - timedelta(minutes=1)
        db.commit()
    expired = await radius.authorize(late.code)
    assert expired.status_code == 401 and "venció" in expired.json()["reply:Reply-Message"]


async def test_only_a_known_radius_server_may_call(make_client, server_app, database):
    _, voucher = await _batch(make_client)
    stranger = Radius(server_app, token="not-the-token")
    answer = await stranger.authorize(voucher.code)
    assert answer.status_code == 401 and answer.json()["code"] == "wifi_radius_token"
    answer = await stranger.account(voucher.code, "Start", key())
    assert answer.status_code == 401
    with database.sessionmaker() as db:
        assert db.execute(select(func.count()).select_from(WifiSession)).scalar_one() == 0


async def test_personal_data_is_erased_after_the_retention_period(make_client, cards_dir,
                                                                  server_app, database):
    rosa = await resident(make_client, cards_dir)
    voucher = await rosa.wifi.get_voucher(idempotency_key=key())
    radius = Radius(server_app)
    await radius.account(voucher.code, "Stop", key(), seconds=60, octets_in=1000)
    with database.sessionmaker() as db:
        assert hotspots.retain(db=db, by=SYSTEM) == 0  # still within 30 days
        db.commit()
        assert hotspots.retain(db=db, by=SYSTEM, now=utcnow() + timedelta(days=31)) == 1
        db.commit()
        row = db.execute(select(WifiSession)).scalar_one()
        assert row.mac_hash is None and row.ip is None
        assert row.seconds == 60 and row.bytes_in == 1000  # the figures stay
    assert (await rosa.wifi.mine())[0].seconds_left == 7200 - 60
