"""The device credential: obtained once with an enrolment token, kept in the state dir (0600).

With it comes the device's client certificate (kiosk/device_certificate.py): the kiosk makes
its own key, sends a certificate request with the enrolment, and renews the certificate from
the heartbeat when a third of its lifetime is left.
"""

import asyncio
import json
import os
from pathlib import Path

from kiosk import device_certificate
from kiosk.api import ApiClient
from kiosk.config import KioskSettings

DEMO_TOKEN = "DEMO-MIRAFLORES"


class NotEnrolled(Exception):
    es = ("Este equipo aún no está registrado. El administrador debe iniciarlo con "
          "--enrol CÓDIGO (kiosk-server enroll-device).")
    en = ("This device is not enrolled yet. The administrator must start it with --enrol CODE "
          "(kiosk-server enroll-device).")


class CertificateExpired(NotEnrolled):
    es = ("El certificado de este equipo venció (estuvo apagado demasiado tiempo). El "
          "administrador debe registrarlo de nuevo con --enrol CÓDIGO "
          "(kiosk-server enroll-device).")
    en = ("This device's certificate has expired (it was off too long). The administrator "
          "must enrol it again with --enrol CODE (kiosk-server enroll-device).")


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
    files = device_certificate.CertFiles.under(settings.state_dir)
    stored = None if force else load_credential(settings.credential_file)
    token = settings.enrolment_token or (DEMO_TOKEN if settings.demo else None)
    if stored and stored.get("server") == settings.server and device_certificate.expired(files):
        if not token:
            raise CertificateExpired()
        stored = None  # enrol again with the new token: the old certificate cannot be renewed
    if stored and stored.get("server") == settings.server:
        if files.present():
            client.use_client_certificate(str(files.identity))
        client.credential = stored["credential"]
        return stored
    if not token:
        raise NotEnrolled()
    kind = "terminal" if settings.terminal else "kiosk"
    key_pem, csr = device_certificate.new_key_and_csr(settings.device_name)
    enrolment = await client.devices.enroll(token=token, name=settings.device_name, kind=kind,
                                            csr=csr)
    if enrolment.certificate and enrolment.ca_chain:
        device_certificate.save(files, key_pem=key_pem, cert_pem=enrolment.certificate,
                                ca_pem=enrolment.ca_chain)
        client.use_client_certificate(str(files.identity))
    else:  # a server without device certificates: no older enrolment's key is presented
        files.identity.unlink(missing_ok=True)
    # The certificate is kept in its own files; the credential file stays as it was.
    data = {"server": settings.server,
            **enrolment.model_dump(exclude={"certificate", "ca_chain"})}
    save_credential(settings.credential_file, data)
    return data


async def renew_if_due(client: ApiClient, settings: KioskSettings) -> bool:
    """Renew the client certificate (with a new key) when a third of its life is left;
    whether it did. Called from the heartbeat: a kiosk that is up never lets it expire."""
    files = device_certificate.CertFiles.under(settings.state_dir)
    # File reads, parsing and key making off the UI loop: this runs at every heartbeat.
    if not await asyncio.to_thread(device_certificate.renewal_due, files):
        return False
    key_pem, csr = await asyncio.to_thread(device_certificate.new_key_and_csr,
                                           settings.device_name)
    renewed = await client.devices.renew_certificate(csr=csr)
    await asyncio.to_thread(device_certificate.save, files, key_pem=key_pem,
                            cert_pem=renewed.certificate, ca_pem=renewed.ca_chain)
    client.use_client_certificate(str(files.identity))
    return True
