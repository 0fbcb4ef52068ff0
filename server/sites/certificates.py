"""Devices that prove who they are: client certificates issued, renewed, revoked, checked.

The CA itself is server/sites/ca.py; here is what the database keeps (serials, dates,
revocations), the CRL file nginx reads, and the check of the certificate nginx forwards.
"""

import logging
import shlex
import subprocess
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from cryptography import x509
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.config import ServerSettings
from server.errors import Problem
from server.sites.ca import DeviceCA, device_id_of, write_atomic
from server.sites.models import Device, DeviceCertificate
from server.timeutil import utcnow

log = logging.getLogger(__name__)

NO_CLIENT_CERT = Problem(
    401, "client_certificate_required",
    "Este equipo no presentó un certificado válido propio. Avise al personal de soporte.",
    "This device did not present a valid certificate of its own. Please tell support staff.",
)


@dataclass(frozen=True)
class IssuedCertificate:
    certificate: str  # PEM
    ca_chain: str  # PEM of the device CA (the kiosk keeps it for its records)
    not_after: datetime


@lru_cache(maxsize=8)
def _ca(directory: Path) -> DeviceCA:
    return DeviceCA(directory)


def device_ca(*, settings: ServerSettings) -> DeviceCA:
    """The device CA of this server (made on first use in data_dir)."""
    ca = _ca(settings.device_ca_dir)
    if not ca.crl_path.exists():
        write_atomic(ca.crl_path, ca.crl(revoked=[], now=utcnow()))  # nginx needs one to start
    return ca


def issue(*, db: Session, settings: ServerSettings, device_id: int, site_code: str,
          csr_pem: str) -> IssuedCertificate:
    """Sign the device's request and keep the serial (the caller audits and commits)."""
    ca = device_ca(settings=settings)
    issued = ca.issue(csr_pem=csr_pem, device_id=device_id, site_code=site_code,
                      days=settings.device_cert_days, now=utcnow())
    cert = issued.certificate
    db.add(DeviceCertificate(device_id=device_id, serial=issued.serial,
                             not_before=cert.not_valid_before_utc,
                             not_after=cert.not_valid_after_utc))
    db.flush()
    return IssuedCertificate(certificate=issued.pem, ca_chain=ca.pem,
                             not_after=cert.not_valid_after_utc)


def renew(*, db: Session, settings: ServerSettings, device_id: int, csr_pem: str
          ) -> IssuedCertificate:
    """A new certificate for a device that still proves itself; the old one simply expires
    (it is not revoked: a renewal answer lost on the way must not lock the kiosk out)."""
    device = db.get(Device, device_id)
    issued = issue(db=db, settings=settings, device_id=device.id, site_code=device.site.code,
                   csr_pem=csr_pem)
    audit.record(db=db, by=audit.Actor(f"device:{device.id}", device.id),
                 action="device.certificate.renew", target=f"device:{device.id}",
                 details={"not_after": issued.not_after.isoformat()})
    db.commit()
    return issued


def revoke_device(*, db: Session, settings: ServerSettings, by: audit.Actor, device_id: int,
                  reason: str, from_device: int | None = None) -> int:
    """Retire a device: its credential stops working and every certificate it holds goes on
    the CRL (written, and nginx told to reload). The number of certificates revoked.
    `from_device` is the terminal asking (None from the command line): it may not retire
    itself, which would end the administrator's own session mid-way."""
    device = db.get(Device, device_id)
    if device is None or device.kind == "system":
        raise Problem(404, "device_not_found", f"No existe el equipo {device_id}.",
                      f"There is no device {device_id}.")
    if device_id == from_device:
        raise Problem(409, "device_is_yours",
                      "No puede retirar el equipo desde el que trabaja: hágalo desde otro "
                      "terminal.",
                      "You cannot retire the device you are working at: do it from another "
                      "terminal.")
    now = utcnow()
    device.active = False
    revoked = db.execute(
        update(DeviceCertificate)
        .where(DeviceCertificate.device_id == device_id, DeviceCertificate.revoked_at.is_(None))
        .values(revoked_at=now)
    ).rowcount
    audit.record(db=db, by=by, action="device.revoke", target=f"device:{device_id}",
                 details={"reason": reason, "certificates": revoked, "name": device.name})
    db.commit()
    publish_crl(db=db, settings=settings)
    return revoked


def publish_crl(*, db: Session, settings: ServerSettings) -> bytes:
    """Write the CRL for nginx and run the reload command; the CRL's PEM."""
    ca = device_ca(settings=settings)
    pem = crl_pem(db=db, settings=settings)
    write_atomic(ca.crl_path, pem)
    if settings.crl_reload_command:
        done = subprocess.run(shlex.split(settings.crl_reload_command), capture_output=True,
                              text=True, timeout=30, check=False)
        if done.returncode != 0:  # the CRL is written; the proxy keeps the old one for now
            log.error("CRL reload command failed (%s): %s", done.returncode, done.stderr)
    return pem


def crl_pem(*, db: Session, settings: ServerSettings) -> bytes:
    """The CRL as it stands now: every revoked certificate not yet expired."""
    now = utcnow()
    rows = db.execute(select(DeviceCertificate.serial, DeviceCertificate.revoked_at).where(
        DeviceCertificate.revoked_at.is_not(None), DeviceCertificate.not_after > now))
    return device_ca(settings=settings).crl(revoked=[(s, r) for s, r in rows], now=now)


def forwarded_certificate(*, headers: dict[str, str], peer: str | None,
                          settings: ServerSettings) -> x509.Certificate | None:
    """The client certificate nginx verified and forwarded, only when the request came from
    a trusted proxy and nginx says it verified it; None otherwise."""
    if peer not in settings.trusted_proxies or headers.get("x-client-verify") != "SUCCESS":
        return None
    escaped = headers.get("x-client-cert")
    if not escaped:
        return None
    try:
        return x509.load_pem_x509_certificate(unquote(escaped).encode())
    except ValueError:
        return None


def check_client_certificate(*, db: Session, settings: ServerSettings, device_id: int,
                             certificate: x509.Certificate | None) -> None:
    """Refuse (bilingual 401) unless the certificate is ours, current, unrevoked and issued
    to this very device (a stolen credential alone, or another kiosk's certificate, is not
    enough)."""
    if certificate is None:
        raise NO_CLIENT_CERT
    ca = device_ca(settings=settings)
    now = utcnow()
    if device_id_of(certificate) != device_id or not ca.issued_here(certificate) or not (
        certificate.not_valid_before_utc <= now < certificate.not_valid_after_utc
    ):
        raise NO_CLIENT_CERT
    row = db.execute(select(DeviceCertificate).where(
        DeviceCertificate.serial == format(certificate.serial_number, "x"))).scalar()
    if row is None or row.device_id != device_id or row.revoked_at is not None:
        raise NO_CLIENT_CERT


BAD_DEVICE_SIGNATURE = Problem(
    422, "device_signature_invalid",
    "La firma del equipo no es válida: nada se registró. Avise al personal de soporte.",
    "The device's signature is not valid: nothing was recorded. Please tell support staff.",
)


def verify_device_signature(*, db: Session, settings: ServerSettings, device_id: int,
                            certificate_pem: str, message: bytes, signature: bytes,
                            at: datetime) -> None:
    """Refuse (bilingual 422) unless `signature` over `message` was made with the key of a
    certificate our device CA issued to this very device, valid at `at` (when the device
    says it signed) and never revoked. The device sends the certificate it signed with: its
    key may have been renewed since (store-and-forward, docs/offline.md)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    try:
        certificate = x509.load_pem_x509_certificate(certificate_pem.encode())
    except ValueError:
        raise BAD_DEVICE_SIGNATURE from None
    ca = device_ca(settings=settings)
    if device_id_of(certificate) != device_id or not ca.issued_here(certificate) or not (
        certificate.not_valid_before_utc <= at <= certificate.not_valid_after_utc
    ):
        raise BAD_DEVICE_SIGNATURE
    row = db.execute(select(DeviceCertificate).where(
        DeviceCertificate.serial == format(certificate.serial_number, "x"))).scalar()
    if row is None or row.device_id != device_id or row.revoked_at is not None:
        raise BAD_DEVICE_SIGNATURE
    key = certificate.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise BAD_DEVICE_SIGNATURE
    try:
        key.verify(signature, message, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise BAD_DEVICE_SIGNATURE from None
