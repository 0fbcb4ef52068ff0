"""Remote commands: an administrator issues one, the device gets it in its heartbeat answers
until it acknowledges it (so a lost answer costs nothing), then it is done or failed. Issue
and acknowledgement are both audited."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.errors import Problem
from server.fleet.models import FleetCommand
from server.fleet.schemas import FleetCommandOut, PendingCommand
from server.sites import service as sites
from server.timeutil import utcnow


def issue(*, db: Session, by: audit.Actor, device_id: int, kind: str) -> FleetCommandOut:
    sites.find_device(db=db, device_id=device_id)  # a bilingual 404 for a retired one
    command = FleetCommand(device_id=device_id, kind=kind, issued_at=utcnow(),
                           issued_by=by.actor)
    db.add(command)
    db.flush()
    audit.record(db=db, by=by, action="fleet.command.issue", target=f"device:{device_id}",
                 details={"command_id": command.id, "kind": kind})
    db.commit()
    return FleetCommandOut.model_validate(command)


def pending(*, db: Session, device_id: int) -> list[PendingCommand]:
    """What the device must still do, oldest first; marked delivered the first time."""
    rows = list(db.execute(select(FleetCommand).where(
        FleetCommand.device_id == device_id, FleetCommand.acked_at.is_(None))
        .order_by(FleetCommand.id)).scalars())
    now = utcnow()
    for command in rows:
        command.delivered_at = command.delivered_at or now
    return [PendingCommand(id=c.id, kind=c.kind) for c in rows]


def ack(*, db: Session, device: sites.DeviceRef, command_id: int, outcome: str,
        detail: str | None) -> FleetCommandOut:
    command = db.get(FleetCommand, command_id)
    if command is None or command.device_id != device.id:  # another device's: not there
        raise Problem(404, "command_not_found", "Esa orden no existe para este equipo.",
                      "There is no such command for this device.")
    if command.acked_at is not None:  # the answer to a first ack was lost: same result
        return FleetCommandOut.model_validate(command)
    command.acked_at, command.outcome, command.detail = utcnow(), outcome, detail
    audit.record(db=db, by=audit.Actor(f"device:{device.id}", device.id),
                 action="fleet.command.ack", target=f"device:{device.id}",
                 details={"command_id": command.id, "kind": command.kind, "outcome": outcome,
                          "detail": detail})
    db.commit()
    return FleetCommandOut.model_validate(command)


def list_commands(*, db: Session, device_id: int | None = None) -> list[FleetCommandOut]:
    query = select(FleetCommand).order_by(FleetCommand.id)
    if device_id is not None:
        query = query.where(FleetCommand.device_id == device_id)
    return [FleetCommandOut.model_validate(c) for c in db.execute(query).scalars()]
