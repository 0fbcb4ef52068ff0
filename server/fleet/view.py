"""The fleet at a glance: every site with its devices and their status (ok / alert / silent)
and where the site stands on the district map."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.fleet import health
from server.fleet.models import DeviceHealth, SitePosition
from server.fleet.schemas import FleetDeviceOut, FleetOut, FleetSiteOut, SitePositionIn
from server.sites import service as sites


def _status(alerts: list[str], ever_beat: bool) -> str:
    if "silent" in alerts or not ever_beat:
        return "silent"
    return "alert" if alerts else "ok"


def _site_status(devices: list[FleetDeviceOut]) -> str:
    if devices and all(d.status == "silent" for d in devices):
        return "silent"
    return "alert" if any(d.status != "ok" for d in devices) else "ok"


def fleet(*, db: Session) -> FleetOut:
    alerts = health.open_alert_kinds(db=db)
    positions = {p.site_id: p for p in db.execute(select(SitePosition)).scalars()}
    out = []
    for site in sites.list_sites(db=db):
        devices = []
        for d in sites.list_devices(db=db, site_id=site.id):
            kept = db.get(DeviceHealth, d.id)
            kinds = alerts.get(d.id, [])
            devices.append(FleetDeviceOut(
                id=d.id, name=d.name, kind=d.kind,
                status=_status(kinds, d.last_heartbeat_at is not None), alerts=kinds,
                last_heartbeat_at=d.last_heartbeat_at, software_version=d.software_version,
                reader_status=d.reader_status, printer_status=d.printer_status,
                paper_status=d.paper_status, last_error=d.last_error,
                outbox=kept.outbox if kept else 0,
                disk_free_mb=kept.disk_free_mb if kept else None,
                uptime_seconds=kept.uptime_seconds if kept else None,
                config_hash=kept.config_hash if kept else None))
        where = positions.get(site.id)
        out.append(FleetSiteOut(code=site.code, name=site.name,
                                map_x=where.map_x if where else None,
                                map_y=where.map_y if where else None,
                                status=_site_status(devices), devices=devices))
    return FleetOut(sites=out)


def place_site(*, db: Session, by: audit.Actor | None, site_code: str,
               position: SitePositionIn) -> None:
    """Where a site stands on the district map (audited when a person moves it)."""
    site = sites.find_site(db=db, code=site_code)
    row = db.get(SitePosition, site.id)
    if row is None:
        row = SitePosition(site_id=site.id, map_x=position.map_x, map_y=position.map_y)
        db.add(row)
    row.map_x, row.map_y = position.map_x, position.map_y
    if by is not None:
        audit.record(db=db, by=by, action="fleet.site.place", target=f"site:{site.code}",
                     details=position.model_dump())
    db.flush()
