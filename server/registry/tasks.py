"""Registro Civil's background work: the day's actas go to RENIEC as a numbered batch file
(kept in the database; `kiosk-server registry batch NUMBER` writes it out), well within the
15 days the law gives, without anybody having to remember it."""

from sqlalchemy.orm import Session

from server.audit.service import SYSTEM
from server.config import ServerSettings
from server.errors import Problem
from server.registry import reniec
from server.tasks import Periodic


def export_reniec(*, db: Session, settings: ServerSettings) -> str:
    try:
        batch = reniec.export(db=db, by=SYSTEM)
    except Problem as exc:
        if exc.code == "nothing_to_send":
            return "nada que enviar a RENIEC"
        raise
    return f"lote {batch.number}: {batch.count} acta(s)"


TASKS = [Periodic("registry.export_reniec", "30 5 * * *", export_reniec)]  # 00:30 in Lima
