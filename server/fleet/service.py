"""The fleet (issue 18), as other domains and the routes see it: configuration by hash, health
and alerts, remote commands, and the view of every site and device."""

from sqlalchemy.orm import Session

from server.config import ServerSettings
from server.fleet.commands import ack, issue, list_commands, pending
from server.fleet.config import canonical_hash, effective, layer, set_layer
from server.fleet.health import list_alerts, record_beat, sweep
from server.fleet.schemas import FleetBeatIn, FleetBeatOut
from server.fleet.view import fleet, place_site
from server.sites.service import DeviceRef

__all__ = ["ack", "canonical_hash", "effective", "fleet", "heartbeat", "issue", "layer",
           "list_alerts", "list_commands", "place_site", "set_layer", "sweep"]


def heartbeat(*, db: Session, device: DeviceRef, beat: FleetBeatIn,
              settings: ServerSettings) -> FleetBeatOut:
    """Keep the beat, then answer with the hash of the device's configuration and the
    commands it has not acknowledged yet."""
    record_beat(db=db, device=device, beat=beat, settings=settings)
    waiting = pending(db=db, device_id=device.id)
    answer = FleetBeatOut(config_hash=effective(db=db, device=device).hash, commands=waiting)
    db.commit()
    sweep(db=db, settings=settings)  # the others' silence, noticed without anyone looking
    return answer
