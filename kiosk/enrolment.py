"""The device credential: obtained once with an enrolment token, kept in the state dir (0600)."""

import json
import os
from pathlib import Path

from kiosk.api import ApiClient
from kiosk.config import KioskSettings

DEMO_TOKEN = "DEMO-MIRAFLORES"


class NotEnrolled(Exception):
    es = ("Este equipo aún no está registrado. El administrador debe iniciarlo con "
          "--enrol CÓDIGO (kiosk-server enroll-device).")
    en = ("This device is not enrolled yet. The administrator must start it with --enrol CODE "
          "(kiosk-server enroll-device).")


def load_credential(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def save_credential(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
    os.replace(tmp, path)  # atomic: a crash never leaves half a credential


async def ensure_enrolled(client: ApiClient, settings: KioskSettings, *, force: bool = False
                          ) -> dict:
    """The stored credential, or a new one from the enrolment token (the demo token in demo)."""
    stored = None if force else load_credential(settings.credential_file)
    if stored and stored.get("server") == settings.server:
        client.credential = stored["credential"]
        return stored
    token = settings.enrolment_token or (DEMO_TOKEN if settings.demo else None)
    if not token:
        raise NotEnrolled()
    kind = "terminal" if settings.terminal else "kiosk"
    enrolment = await client.devices.enroll(token=token, name=settings.device_name, kind=kind)
    data = {"server": settings.server, **enrolment.model_dump()}
    save_credential(settings.credential_file, data)
    return data
