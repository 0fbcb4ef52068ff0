"""The fleet (issue 18): configuration per site and device served by hash, health alerts that
open once and close once whatever the beats do, and remote commands issued by an
administrator, delivered in the heartbeat answer and acknowledged by the device, all audited."""

import hashlib
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk.api import ApiError
from kiosk.api.fleet import Beat, FleetConfig
from server.audit.models import AuditEntry
from server.fleet import service as fleet
from server.timeutil import utcnow

PASSWORD = "Miraflores2026"


def _audit(database, action: str) -> list[AuditEntry]:
    with database.sessionmaker() as db:
        return list(db.execute(select(AuditEntry).where(AuditEntry.action == action)
                               .order_by(AuditEntry.seq)).scalars())


def beat(paper: str = "ok", outbox: int = 0, config_hash: str | None = None) -> Beat:
    return Beat(software_version="0.9.0", reader_status="ok", printer_status="online",
                paper_status=paper, last_error=None, disk_free_mb=812, uptime_seconds=3600,
                outbox=outbox, config_hash=config_hash)


async def _admin(make_client, username: str = "admin"):
    terminal = await make_client("terminal")
    await terminal.auth.staff_login(username=username, password=PASSWORD)
    return terminal


async def test_a_site_configuration_reaches_its_kiosks_by_hash_and_a_device_layer_wins(
        make_client, database):
    kiosk, other = await make_client("kiosk"), await make_client("kiosk")
    admin = await _admin(make_client)
    before = await kiosk.fleet.heartbeat(beat())
    assert (await kiosk.fleet.config()).hash == before.config_hash

    await admin.fleet.set_site_config("PM", FleetConfig(
        idle_seconds=45, languages=["es", "en"], services=["wifi", "procedures"],
        home_message_es="Hoy atendemos hasta las 13:00", home_message_en="Open until 1 pm"))
    after = await kiosk.fleet.heartbeat(beat())
    assert after.config_hash != before.config_hash  # the kiosk learns it changed
    served = await kiosk.fleet.config()
    assert served.hash == after.config_hash and served.config.idle_seconds == 45
    canonical = json.dumps(served.config.model_dump(exclude_none=True), sort_keys=True,
                           separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(canonical.encode()).hexdigest() == served.hash

    kiosk_id = (await kiosk.devices.me()).id
    await admin.fleet.set_device_config(kiosk_id, FleetConfig(idle_seconds=120,
                                                              languages=["es"]))
    own = await kiosk.fleet.config()
    assert own.config.idle_seconds == 120 and own.config.languages == ["es"]
    assert own.config.home_message_es == "Hoy atendemos hasta las 13:00"  # inherited
    assert (await other.fleet.config()).config.idle_seconds == 45  # not the other kiosk
    assert (await kiosk.fleet.heartbeat(beat())).config_hash == own.hash

    updates = _audit(database, "fleet.config.update")
    assert [e.target for e in updates[-2:]] == ["site:PM", f"device:{kiosk_id}"]
    assert updates[-1].actor.startswith("staff:") and updates[-1].details["after"] == {
        "idle_seconds": 120, "languages": ["es"]}


async def test_only_an_administrator_configures_and_bad_values_are_refused_in_words(
        make_client):
    cashier = await _admin(make_client, "cajero")
    with pytest.raises(ApiError) as forbidden:
        await cashier.fleet.set_site_config("PM", FleetConfig(idle_seconds=60))
    assert forbidden.value.status == 403
    admin = await _admin(make_client)
    with pytest.raises(ApiError) as bad:
        await admin.transport.request("PUT", "/api/v1/fleet/sites/PM/config",
                                      json={"idle_seconds": 5})
    assert bad.value.status == 422 and bad.value.message.es and bad.value.message.en
    with pytest.raises(ApiError) as unknown:
        await admin.fleet.set_site_config("NOPE", FleetConfig(idle_seconds=60))
    assert unknown.value.status == 404 and "NOPE" in unknown.value.message.es


async def test_a_device_layer_is_read_alone_and_a_printer_it_cannot_open_is_refused(
        make_client, database):
    kiosk = await make_client("kiosk")
    admin, cashier = await _admin(make_client), await _admin(make_client, "cajero")
    kiosk_id = (await kiosk.devices.me()).id
    await admin.fleet.set_site_config("PM", FleetConfig(idle_seconds=45))
    await admin.fleet.set_device_config(kiosk_id, FleetConfig(printer="tcp:10.0.0.7:9100"))
    assert await admin.fleet.device_config(kiosk_id) == FleetConfig(printer="tcp:10.0.0.7:9100")
    assert (await admin.fleet.site_config("PM")).idle_seconds == 45
    with pytest.raises(ApiError) as forbidden:
        await cashier.fleet.device_config(kiosk_id)
    assert forbidden.value.status == 403
    with pytest.raises(ApiError) as missing:
        await admin.fleet.device_config(999999)
    assert missing.value.status == 404

    updates = len(_audit(database, "fleet.config.update"))
    for spec in ("impresora de la esquina", "tcp:", "usb:04b8", "lpt1"):
        with pytest.raises(ApiError) as bad:
            await admin.fleet.set_device_config(kiosk_id, FleetConfig(printer=spec))
        assert bad.value.status == 422 and bad.value.message.en
        assert [e["loc"] for e in bad.value.extra["errors"]] == [["body", "printer"]]
    for spec in ("none", "file:/var/spool/recibos.escpos", "usb:04b8:0202", "usb:0x04b8:0x0202",
                 "serial:/dev/ttyS0:19200"):
        await admin.fleet.set_device_config(kiosk_id, FleetConfig(printer=spec))
    assert len(_audit(database, "fleet.config.update")) == updates + 5  # the refused: none
    assert (await kiosk.fleet.config()).config.printer == "serial:/dev/ttyS0:19200"


async def _open_alerts(admin, device_id: int, kind: str):
    return [a for a in await admin.fleet.alerts()
            if a.device_id == device_id and a.kind == kind]


async def test_paper_alternating_beats_do_not_flap_an_alert_opens_once_and_closes_once(
        make_client, database):
    kiosk = await make_client("kiosk")
    admin = await _admin(make_client)
    kiosk_id = (await kiosk.devices.me()).id
    for paper in ["out", "ok"] * 3:  # a sensor that flickers: never two "out" in a row
        await kiosk.fleet.heartbeat(beat(paper=paper))
    assert await _open_alerts(admin, kiosk_id, "paper_out") == []

    for paper in ["out", "out"]:  # really out: opens
        await kiosk.fleet.heartbeat(beat(paper=paper))
    for paper in ["ok", "out"] * 3:  # flickering while open: stays open, nothing new
        await kiosk.fleet.heartbeat(beat(paper=paper))
    alerts = await _open_alerts(admin, kiosk_id, "paper_out")
    assert len(alerts) == 1 and alerts[0].closed_at is None
    view = await admin.fleet.view()
    device = next(d for s in view.sites for d in s.devices if d.id == kiosk_id)
    assert device.status == "alert" and device.alerts == ["paper_out"]

    for paper in ["ok", "ok"]:  # paper put back: closes
        await kiosk.fleet.heartbeat(beat(paper=paper))
    alerts = await _open_alerts(admin, kiosk_id, "paper_out")
    assert len(alerts) == 1 and alerts[0].closed_at is not None
    mine = f"device:{kiosk_id}"
    assert [e.details["kind"] for e in _audit(database, "fleet.alert.open")
            if e.target == mine] == ["paper_out"]
    assert [e.details["kind"] for e in _audit(database, "fleet.alert.close")
            if e.target == mine] == ["paper_out"]


async def test_an_outbox_that_keeps_growing_opens_an_alert_and_draining_closes_it(
        make_client):
    kiosk = await make_client("kiosk")
    admin = await _admin(make_client)
    kiosk_id = (await kiosk.devices.me()).id
    for waiting in (0, 3, 1, 4, 0):  # the link comes and goes, the outbox drains: no alert
        await kiosk.fleet.heartbeat(beat(outbox=waiting))
    assert await _open_alerts(admin, kiosk_id, "outbox_growing") == []
    for waiting in (2, 5, 9):  # three beats growing (settings: fleet_outbox_beats = 3)
        await kiosk.fleet.heartbeat(beat(outbox=waiting))
    assert len(await _open_alerts(admin, kiosk_id, "outbox_growing")) == 1
    view = await admin.fleet.view()
    assert next(d for s in view.sites for d in s.devices if d.id == kiosk_id).outbox == 9
    for waiting in (4, 0):
        await kiosk.fleet.heartbeat(beat(outbox=waiting))
    [alert] = await _open_alerts(admin, kiosk_id, "outbox_growing")
    assert alert.closed_at is not None


async def test_a_count_written_as_a_whole_float_counts_and_a_boolean_does_not(make_client):
    kiosk = await make_client("kiosk")
    admin = await _admin(make_client)
    kiosk_id = (await kiosk.devices.me()).id
    body = beat().model_dump(mode="json")
    await kiosk.transport.request("POST", "/api/v1/fleet/heartbeat",
                                  json={**body, "outbox": 7.0, "uptime_seconds": 9999999.0})
    view = await admin.fleet.view()
    device = next(d for s in view.sites for d in s.devices if d.id == kiosk_id)
    assert device.outbox == 7
    for bad in ({"outbox": True}, {"outbox": 7.5}, {"uptime_seconds": "60"}):
        with pytest.raises(ApiError) as refused:
            await kiosk.transport.request("POST", "/api/v1/fleet/heartbeat",
                                          json={**body, **bad})
        assert refused.value.status == 422, bad


async def test_a_silent_device_opens_one_alert_and_closes_after_beating_steadily_again(
        make_client, database, settings):
    kiosk = await make_client("kiosk")
    admin = await _admin(make_client)
    kiosk_id = (await kiosk.devices.me()).id
    await kiosk.fleet.heartbeat(beat())
    missed = timedelta(seconds=30 * (settings.fleet_silent_beats + 1))

    def later(gap: timedelta) -> None:  # the sweep as it would run that much later
        with database.sessionmaker() as db:
            fleet.sweep(db=db, settings=settings, now=utcnow() + gap)

    later(missed)
    later(missed)  # looked at again: still the one alert
    view = await admin.fleet.view()
    pm = next(s for s in view.sites if s.code == "PM")
    assert next(d for d in pm.devices if d.id == kiosk_id).status == "silent"
    assert (pm.map_x, pm.map_y) == (520, 430)  # where the demo put it on the map
    for _ in range(3):  # one beat, then silent again: coming back does not count yet
        await kiosk.fleet.heartbeat(beat())
        later(missed)
    assert len(await _open_alerts(admin, kiosk_id, "silent")) == 1
    assert (await _open_alerts(admin, kiosk_id, "silent"))[0].closed_at is None
    for _ in range(settings.fleet_clear_beats):
        await kiosk.fleet.heartbeat(beat())
    [alert] = await _open_alerts(admin, kiosk_id, "silent")
    assert alert.closed_at is not None
    mine = f"device:{kiosk_id}"
    assert len([e for e in _audit(database, "fleet.alert.open") if e.target == mine]) == 1
    assert len([e for e in _audit(database, "fleet.alert.close") if e.target == mine]) == 1


async def test_a_command_is_issued_delivered_until_acknowledged_and_audited_both_ways(
        make_client, database):
    kiosk, other = await make_client("kiosk"), await make_client("kiosk")
    kiosk_id = (await kiosk.devices.me()).id
    cashier = await _admin(make_client, "cajero")
    with pytest.raises(ApiError) as forbidden:
        await cashier.fleet.issue(kiosk_id, "restart")
    assert forbidden.value.status == 403
    admin = await _admin(make_client)
    issued = await admin.fleet.issue(kiosk_id, "print_test")
    assert issued.delivered_at is None and issued.acked_at is None

    for _ in range(2):  # an answer may be lost: delivered again until acknowledged
        answer = await kiosk.fleet.heartbeat(beat())
        assert [(c.id, c.kind) for c in answer.commands] == [(issued.id, "print_test")]
    assert (await other.fleet.heartbeat(beat())).commands == []
    with pytest.raises(ApiError) as not_yours:
        await other.fleet.ack(issued.id, outcome="done")
    assert not_yours.value.status == 404

    done = await kiosk.fleet.ack(issued.id, outcome="done", detail="impreso")
    again = await kiosk.fleet.ack(issued.id, outcome="done")  # a retried ack: same answer
    assert done.outcome == again.outcome == "done" and done.acked_at == again.acked_at
    assert (await kiosk.fleet.heartbeat(beat())).commands == []
    [listed] = await admin.fleet.commands(device_id=kiosk_id)
    assert listed.delivered_at is not None and listed.outcome == "done"

    [issue] = [e for e in _audit(database, "fleet.command.issue")
               if e.details["command_id"] == issued.id]
    assert issue.actor.startswith("staff:") and issue.target == f"device:{kiosk_id}"
    acks = [e for e in _audit(database, "fleet.command.ack")
            if e.details["command_id"] == issued.id]
    assert len(acks) == 1 and acks[0].actor == f"device:{kiosk_id}"
    assert acks[0].details["outcome"] == "done"
    with pytest.raises(ApiError) as bad:
        await admin.transport.request("POST", f"/api/v1/fleet/devices/{kiosk_id}/commands",
                                      json={"kind": "format_disk"})
    assert bad.value.status == 422


async def test_an_administrator_places_a_site_on_the_map_others_may_not_see_the_fleet(
        make_client, database):
    cashier = await _admin(make_client, "cajero")
    with pytest.raises(ApiError) as forbidden:
        await cashier.fleet.view()
    assert forbidden.value.status == 403
    admin = await _admin(make_client)
    with pytest.raises(ApiError) as off_the_map:
        await admin.transport.request("PUT", "/api/v1/fleet/sites/CCRP/position",
                                      json={"map_x": 1200, "map_y": 10})
    assert off_the_map.value.status == 422
    await admin.transport.request("PUT", "/api/v1/fleet/sites/CCRP/position",
                                  json={"map_x": 100, "map_y": 900})
    ccrp = next(s for s in (await admin.fleet.view()).sites if s.code == "CCRP")
    assert (ccrp.map_x, ccrp.map_y) == (100, 900)
    placed = _audit(database, "fleet.site.place")[-1]
    assert placed.target == "site:CCRP" and placed.actor.startswith("staff:")
