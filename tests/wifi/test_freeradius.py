"""The AAA path for real: FreeRADIUS 3.2 (`freeradius -X`, configuration generated from the
project's files) in front of a real uvicorn of the server. radclient logs in with a voucher
(Access-Accept with what is left), a wrong one (Access-Reject, Spanish Reply-Message);
accounting sent twice is stored once; a quota used up brings a Disconnect-Request to a pyrad
stand-in NAS and the next login is refused; a request without Message-Authenticator is
dropped; with the server down the login is refused and accounting is retried until stored."""

import asyncio

import pytest

from kiosk.api import ApiClient
from server.wifi.demo import DEMO_RADIUS_TOKEN
from tests.conftest import need
from tests.rigs import freeradius
from tests.rigs.freeradius import SECRET, FreeRadius, StandInNas
from tests.rigs.uvicorn_server import ServerProcess

PASSWORD = "Miraflores2026"


@pytest.fixture
def server(tmp_path):
    reason = freeradius.missing()
    need(reason is None, reason or "")
    (tmp_path / "data").mkdir()
    process = ServerProcess(tmp_path / "data").start()
    yield process
    process.stop()


async def _operator(url: str) -> ApiClient:
    staff = ApiClient(url, retries=2, backoff=0.1)
    await staff.devices.enroll(token="DEMO-MIRAFLORES", name="terminal-wifi", kind="terminal")
    await staff.auth.staff_login(username="wifi", password=PASSWORD)
    return staff


def _login(rig: FreeRadius, code: str, password: str | None = None) -> dict[str, str]:
    return rig.radclient("auth", {"User-Name": code, "User-Password": password or code,
                                  "NAS-Identifier": "KENNEDY", "NAS-IP-Address": "127.0.0.1"})


def _acct(rig: FreeRadius, code: str, status: str, session: str, seconds: int = 0,
          octets: int = 0, **kw) -> dict[str, str] | object:
    return rig.radclient("acct", {
        "User-Name": code, "Acct-Status-Type": status, "Acct-Session-Id": session,
        "Acct-Session-Time": seconds, "Acct-Input-Octets": octets, "Acct-Output-Octets": 0,
        "NAS-Identifier": "KENNEDY", "NAS-IP-Address": "127.0.0.1",
        "Calling-Station-Id": "AA-BB-CC-DD-EE-FF", "Framed-IP-Address": "10.5.0.23"}, **kw)


async def test_vouchers_through_a_real_freeradius(server, tmp_path):
    staff = await _operator(server.url)
    with StandInNas() as nas, FreeRadius(tmp_path, server_url=server.url,
                                         token=DEMO_RADIUS_TOKEN) as rig:
        await staff.wifi.save_hotspot({"code": "KENNEDY", "name": "Parque Kennedy",
                                       "place": "Av. José Larco", "zone_id": 7,
                                       "ip": "127.0.0.1", "secret": SECRET,
                                       "coa_port": nas.port})
        timed = (await staff.wifi.create_batch({"count": 1, "minutes": 60, "megabytes": 0,
                                                "up_kbps": 1000, "down_kbps": 8000,
                                                "note": "Prueba RADIUS"})).vouchers[0]
        small = (await staff.wifi.create_batch({"count": 1, "minutes": 0, "megabytes": 1,
                                                "note": "Cuota pequeña"})).vouchers[0]

        accept = _login(rig, timed.shown)
        assert accept["code"] == "Access-Accept", rig.log_text()[-3000:]
        assert accept["Session-Timeout"] == "3600"
        assert accept["WISPr-Bandwidth-Max-Up"] == "1000000"
        assert accept["WISPr-Bandwidth-Max-Down"] == "8000000"
        assert accept["Acct-Interim-Interval"] == "300" and accept["Idle-Timeout"] == "600"
        reject = _login(rig, "1234567890")
        assert reject["code"] == "Access-Reject"
        assert "Ficha de Wi-Fi no v" in reject["Reply-Message"]
        assert _login(rig, timed.code, "0000000000")["code"] == "Access-Reject"

        for status, seconds in (("Start", 0), ("Interim-Update", 300), ("Stop", 900)):
            for _ in range(2):  # the NAS sends it again: stored once
                assert _acct(rig, timed.code, status, "s-timed", seconds)["code"] == \
                    "Accounting-Response"
        mine = await staff.wifi.voucher(timed.code)
        assert mine.sessions == 1 and mine.seconds_left == 3600 - 900
        again = _login(rig, timed.code)
        assert again["code"] == "Access-Accept" and again["Session-Timeout"] == str(2700)

        # a quota used up: Disconnect-Request to the NAS, the next login refused
        assert _login(rig, small.code)["ChilliSpot-Max-Total-Octets"] == "1000000"
        _acct(rig, small.code, "Start", "s-small")
        _acct(rig, small.code, "Interim-Update", "s-small", 60, octets=1_200_000)
        assert nas.wait(1), rig.log_text()[-2000:]
        sent = nas.received[0]
        assert sent["User-Name"] == [small.code] and sent["Acct-Session-Id"] == ["s-small"]
        used_up = _login(rig, small.code)
        assert used_up["code"] == "Access-Reject" and "agot" in used_up["Reply-Message"]
        _acct(rig, small.code, "Interim-Update", "s-small", 90, octets=1_300_000)
        await asyncio.sleep(0.3)
        assert len(nas.received) == 1  # one Disconnect per session

        # without Message-Authenticator: dropped (no answer at all)
        from pyrad.client import Client, Timeout
        from pyrad.dictionary import Dictionary

        from server.wifi.coa import DICTIONARY

        bare = Client(server="127.0.0.1", authport=rig.auth_port, secret=SECRET.encode(),
                      dict=Dictionary(str(DICTIONARY)), retries=1, timeout=1)
        request = bare.CreateAuthPacket(User_Name=timed.code, message_authenticator=False)
        request["User-Password"] = request.PwCrypt(timed.code)
        with pytest.raises(Timeout):
            bare.SendPacket(request)
        assert "Message-Authenticator" in rig.log_text()

        # the server down: logins refused; accounting retried until it is back, stored once
        waiting = _acct(rig, timed.code, "Stop", "s-down", 120, retries=30, timeout=1,
                        background=True)
        server.stop()
        assert _login(rig, timed.code)["code"] == "Access-Reject"
        await asyncio.sleep(1)
        server.start()
        waiting.wait(timeout=60)
        output = waiting.stdout.read()
        assert "Received Accounting-Response" in output
        mine = await staff.wifi.voucher(timed.code)
        assert mine.sessions == 2 and mine.seconds_left == 3600 - 900 - 120
