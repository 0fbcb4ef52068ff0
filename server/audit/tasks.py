"""The audit log's background work: a signed checkpoint every `audit_checkpoint_minutes`
(besides the one of every till closing), so a rewritten history shows against a copy kept
elsewhere."""

from sqlalchemy.orm import Session

from server.audit.service import take_checkpoint
from server.config import ServerSettings
from server.tasks import Periodic


def checkpoint(*, db: Session, settings: ServerSettings) -> str:
    taken = take_checkpoint(db=db, data_dir=settings.data_dir, file=settings.checkpoint_path)
    return f"checkpoint at entry {taken.seq}"


def _every(settings: ServerSettings) -> str:
    minutes = settings.audit_checkpoint_minutes
    return "0 * * * *" if minutes >= 60 else f"*/{minutes} * * * *"


TASKS = [Periodic("audit.checkpoint", _every, checkpoint, at_start=True)]
