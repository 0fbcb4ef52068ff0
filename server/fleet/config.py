"""Configuration per site and per device: a device runs with its site's layer overlaid by its
own, and knows it changed by the hash in the heartbeat answer (FreeKiosk's config by hash)."""

import hashlib
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.fleet.models import FleetConfig
from server.fleet.schemas import FleetConfigIn, FleetConfigOut
from server.sites import service as sites
from server.timeutil import utcnow


def canonical_hash(config: dict) -> str:
    """SHA-256 of the canonical JSON: sorted keys, no spaces, UTF-8 (the kiosk may check it)."""
    text = json.dumps(config, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _layer(db: Session, site_id: int, device_id: int | None) -> FleetConfig | None:
    query = select(FleetConfig).where(FleetConfig.site_id == site_id)
    query = query.where(FleetConfig.device_id.is_(None) if device_id is None
                        else FleetConfig.device_id == device_id)
    return db.execute(query).scalar()


def effective(*, db: Session, device: sites.DeviceRef) -> FleetConfigOut:
    site = _layer(db, device.site_id, None)
    own = _layer(db, device.site_id, device.id)
    merged = {**(site.data if site else {}), **(own.data if own else {})}
    return FleetConfigOut(hash=canonical_hash(merged), config=FleetConfigIn(**merged))


def layer(*, db: Session, site_code: str | None = None,
          device_id: int | None = None) -> FleetConfigIn:
    """One layer as set (a site's, or with `device_id` a device's own): what is not set here
    is inherited."""
    if device_id is not None:
        site_id = sites.find_device(db=db, device_id=device_id).site_id
    else:
        site_id = sites.find_site(db=db, code=site_code or "").id
    row = _layer(db, site_id, device_id)
    return FleetConfigIn(**(row.data if row else {}))


def set_layer(*, db: Session, by: audit.Actor, site_code: str | None = None,
              device_id: int | None = None, config: FleetConfigIn) -> FleetConfigIn:
    """Replace one layer (a site's, or with `device_id` a device's); audited with both
    versions. Only the fields given are kept: the others are inherited."""
    if device_id is not None:
        device = sites.find_device(db=db, device_id=device_id)
        site_id, target = device.site_id, f"device:{device_id}"
    else:
        site = sites.find_site(db=db, code=site_code or "")
        site_id, target = site.id, f"site:{site.code}"
    data = config.model_dump(exclude_none=True)
    row = _layer(db, site_id, device_id)
    before = row.data if row else {}
    if row is None:
        row = FleetConfig(site_id=site_id, device_id=device_id, data=data, updated_at=utcnow(),
                          updated_by=by.actor)
        db.add(row)
    row.data, row.updated_at, row.updated_by = data, utcnow(), by.actor
    audit.record(db=db, by=by, action="fleet.config.update", target=target,
                 details={"before": before, "after": data, "hash": canonical_hash(data)})
    db.commit()
    return FleetConfigIn(**data)
