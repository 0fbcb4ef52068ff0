"""Health: the heartbeat's body kept, and alerts with tolerance (OpenWISP-style): a condition
must hold for several beats in a row to open an alert, and be gone for several in a row to
close it, so a device alternating between good and bad beats neither opens nor closes one
at every beat. Each opening and closing is audited once."""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.config import ServerSettings
from server.fleet.models import DeviceHealth, FleetAlert
from server.fleet.schemas import FleetAlertOut, FleetBeatIn
from server.sites import service as sites
from server.timeutil import utcnow


def health_row(db: Session, device_id: int) -> DeviceHealth:
    row = db.get(DeviceHealth, device_id)
    if row is None:
        row = DeviceHealth(device_id=device_id, beats=0, outbox=0, streaks={})
        db.add(row)
    return row


def open_alert(db: Session, device_id: int, kind: str) -> FleetAlert | None:
    return db.execute(select(FleetAlert).where(
        FleetAlert.device_id == device_id, FleetAlert.kind == kind,
        FleetAlert.closed_at.is_(None))).scalar()


def _open(db: Session, device_id: int, kind: str, details: dict) -> bool:
    """Open an alert unless another request opened the same one a moment ago (the partial
    unique index allows one open alert per device and kind)."""
    try:
        with db.begin_nested():
            alert = FleetAlert(device_id=device_id, kind=kind, opened_at=utcnow(),
                               details=details)
            db.add(alert)
            db.flush()
    except IntegrityError:
        return False
    audit.record(db=db, by=audit.SYSTEM, action="fleet.alert.open", target=f"device:{device_id}",
                 details={"alert_id": alert.id, "kind": kind, **details})
    return True


def _close(db: Session, alert: FleetAlert) -> None:
    alert.closed_at = utcnow()
    audit.record(db=db, by=audit.SYSTEM, action="fleet.alert.close",
                 target=f"device:{alert.device_id}",
                 details={"alert_id": alert.id, "kind": alert.kind})


def observe(db: Session, row: DeviceHealth, kind: str, *, bad: bool, open_after: int,
            close_after: int, details: dict) -> None:
    """One observation of a condition: count it, then open or close (hysteresis)."""
    bad_n, good_n = row.streaks.get(kind, [0, 0])
    bad_n, good_n = (bad_n + 1, 0) if bad else (0, good_n + 1)
    alert = open_alert(db, row.device_id, kind)
    if alert is None and bad_n >= open_after:
        _open(db, row.device_id, kind, details)
    elif alert is not None and good_n >= close_after:
        _close(db, alert)
    row.streaks = {**row.streaks, kind: [bad_n, good_n]}  # a new dict: JSON columns see it


def record_beat(*, db: Session, device: sites.DeviceRef, beat: FleetBeatIn,
                settings: ServerSettings) -> None:
    """Keep the beat (the five classic fields in server/sites, the rest here) and look at
    each alert's condition once."""
    sites.heartbeat(db=db, device=device, beat=beat)
    row = health_row(db, device.id)
    before = row.outbox if row.beats else 0
    row.beats += 1
    row.outbox, row.disk_free_mb = beat.outbox, beat.disk_free_mb
    row.uptime_seconds, row.config_hash = beat.uptime_seconds, beat.config_hash
    clear = settings.fleet_clear_beats
    observe(db, row, "paper_out", bad=beat.paper_status == "out",
            open_after=settings.fleet_paper_beats, close_after=clear,
            details={"paper_status": beat.paper_status})
    # Growing, or stuck above zero: what waits is not leaving the device.
    observe(db, row, "outbox_growing", bad=beat.outbox > 0 and beat.outbox >= before,
            open_after=settings.fleet_outbox_beats, close_after=clear,
            details={"outbox": beat.outbox})
    # Back from silence: this beat is a good observation (the sweep makes the bad ones).
    observe(db, row, "silent", bad=False, open_after=settings.fleet_silent_beats,
            close_after=clear, details={})


def sweep(*, db: Session, settings: ServerSettings, now: datetime | None = None) -> int:
    """Open a `silent` alert for every device that has missed `fleet_silent_beats` beats;
    returns how many opened. Run before the fleet is shown, at every heartbeat and every minute
    (`server/fleet/tasks.py`); idempotent."""
    now = now or utcnow()
    interval = timedelta(seconds=sites.HEARTBEAT_SECONDS)
    opened = 0
    for site in sites.list_sites(db=db):
        for device in sites.list_devices(db=db, site_id=site.id):
            last = device.last_heartbeat_at
            if last is None or now - last <= settings.fleet_silent_beats * interval:
                continue
            # Silent again while coming back: the good beats so far no longer count. (A device
            # that never sent a fleet beat has no row: none is made here, where sweeps run
            # side by side.)
            row = db.get(DeviceHealth, device.id)
            if row is not None:
                bad_n, _good = row.streaks.get("silent", [0, 0])
                row.streaks = {**row.streaks, "silent": [bad_n + 1, 0]}
            if open_alert(db, device.id, "silent") is None:
                opened += _open(db, device.id, "silent",
                                {"last_heartbeat_at": last.isoformat()})
    db.commit()
    return opened


def open_alert_kinds(*, db: Session) -> dict[int, list[str]]:
    rows = db.execute(select(FleetAlert).where(FleetAlert.closed_at.is_(None))
                      .order_by(FleetAlert.id)).scalars()
    found: dict[int, list[str]] = {}
    for alert in rows:
        found.setdefault(alert.device_id, []).append(alert.kind)
    return found


def list_alerts(*, db: Session, only_open: bool = False,
                device_id: int | None = None) -> list[FleetAlertOut]:
    query = select(FleetAlert).order_by(FleetAlert.id)
    if only_open:
        query = query.where(FleetAlert.closed_at.is_(None))
    if device_id is not None:
        query = query.where(FleetAlert.device_id == device_id)
    return [FleetAlertOut.model_validate(a) for a in db.execute(query).scalars()]
