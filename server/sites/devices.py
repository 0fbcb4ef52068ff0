"""Sites and devices: enrolment with one-time tokens, authentication, heartbeats."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.config import ServerSettings
from server.errors import Problem
from server.kernel.ids import parse_id
from server.sites import certificates
from server.sites.models import Device, EnrolmentToken, Site
from server.sites.schemas import DeviceOut, EnrollOut, HeartbeatIn
from server.timeutil import utcnow

HEARTBEAT_SECONDS = 30

BAD_DEVICE = Problem(
    401, "device_not_authenticated",
    "Este equipo no está registrado en el servidor municipal. Avise al personal de soporte.",
    "This device is not enrolled with the municipal server. Please tell support staff.",
)


@dataclass(frozen=True)
class DeviceRef:
    """An enrolled kiosk or terminal as other domains see it (its site numbers documents)."""

    id: int
    name: str
    kind: str  # kiosk | terminal | system
    site_id: int
    site_code: str
    site_name: str


@dataclass(frozen=True)
class SiteRef:
    """A site as other domains see it (the fleet view lists them)."""

    id: int
    code: str
    name: str
    address: str


def _site_ref(site: Site) -> SiteRef:
    return SiteRef(id=site.id, code=site.code, name=site.name, address=site.address)


def list_sites(*, db: Session) -> list[SiteRef]:
    return [_site_ref(s) for s in db.execute(select(Site).order_by(Site.code)).scalars()]


def find_site(*, db: Session, code: str) -> SiteRef:
    """The site with that code, or a bilingual 404."""
    return _site_ref(require_site(db=db, code=code))


def device_ref(device: Device) -> DeviceRef:
    return DeviceRef(id=device.id, name=device.name, kind=device.kind, site_id=device.site_id,
                     site_code=device.site.code, site_name=device.site.name)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def upsert_site(*, db: Session, code: str, name: str, address: str) -> None:
    site = db.execute(select(Site).where(Site.code == code)).scalar()
    if site is None:
        site = Site(code=code, name=name, address=address)
        db.add(site)
    site.name, site.address = name, address
    db.flush()


def require_site(*, db: Session, code: str) -> Site:
    site = db.execute(select(Site).where(Site.code == code)).scalar()
    if site is None:
        raise Problem(404, "site_not_found", f"No existe el local {code}.",
                      f"There is no site {code}.")
    return site


def create_enrolment_token(
    *, db: Session, by: audit.Actor, site_code: str, kind: str, valid_hours: int = 72,
) -> str:
    """A new one-time token (returned once in clear; only its hash is kept)."""
    site = require_site(db=db, code=site_code)
    token = f"ENR-{secrets.token_urlsafe(18)}"
    now = utcnow()
    row = EnrolmentToken(token_hash=_sha256(token), site_id=site.id, kind=kind, created_at=now,
                         expires_at=now + timedelta(hours=valid_hours))
    db.add(row)
    db.flush()
    audit.record(db=db, by=by, action="device.enrolment_token.create", target=f"site:{site.code}",
                 details={"kind": kind, "token_id": row.id})
    return token


def enroll(*, db: Session, token: str, name: str, kind: str, demo_token: str | None,
           csr: str | None = None, settings: ServerSettings | None = None) -> EnrollOut:
    """A new device's credential; with a certificate request (`csr`), also its first client
    certificate. Devices that send none (older kiosks, the plain-HTTP demo) get only the
    credential."""
    now = utcnow()
    anonymous = audit.Actor("device:unenrolled")
    if csr is None and settings is not None and settings.require_client_cert:
        # Enrolled without a certificate, it could never pass nginx: refuse it now, clearly.
        audit.record_denied(db=db, by=anonymous, action="device.enroll",
                            details={"reason": "no_csr", "name": name})
        raise Problem(422, "csr_required",
                      "Este servidor exige certificado de equipo: actualice el software del "
                      "quiosco antes de registrarlo.",
                      "This server requires device certificates: update the kiosk software "
                      "before enrolling it.")
    if demo_token is not None and hmac.compare_digest(token.encode(), demo_token.encode()):
        site = db.execute(select(Site).order_by(Site.id)).scalars().first()
        if site is None:
            raise Problem(409, "no_sites", "El servidor aún no tiene locales.",
                          "The server has no sites yet.")
        used: EnrolmentToken | None = None
    else:
        used = db.execute(
            select(EnrolmentToken).where(EnrolmentToken.token_hash == _sha256(token))
        ).scalar()
        if used is None or used.used_at is not None or used.expires_at <= now:
            reason = "unknown" if used is None else ("reused" if used.used_at else "expired")
            audit.record_denied(db=db, by=anonymous, action="device.enroll",
                                details={"reason": reason, "name": name})
            raise Problem(
                403, "enrolment_token_invalid",
                "El código de registro no es válido, ya fue usado o venció. Pida uno nuevo.",
                "The enrolment code is invalid, already used or expired. Ask for a new one.",
            )
        if used.kind != kind:
            audit.record_denied(db=db, by=anonymous, action="device.enroll",
                                details={"reason": "kind", "name": name})
            raise Problem(403, "enrolment_kind_mismatch",
                          f"Este código es para un equipo de tipo {used.kind}.",
                          f"This code is for a device of kind {used.kind}.")
        site = db.get(Site, used.site_id)
    secret = secrets.token_urlsafe(32)
    device = Device(name=name, kind=kind, site_id=site.id, secret_hash=_sha256(secret),
                    active=True, enrolled_at=now)
    db.add(device)
    db.flush()
    if used is not None:
        # Only one concurrent enrolment can flip used_at from NULL: the token is one-time.
        claimed = db.execute(
            update(EnrolmentToken)
            .where(EnrolmentToken.id == used.id, EnrolmentToken.used_at.is_(None))
            .values(used_at=now, used_by_device_id=device.id)
        ).rowcount
        if claimed != 1:
            audit.record_denied(db=db, by=anonymous, action="device.enroll",
                                details={"reason": "reused", "name": name})
            raise Problem(403, "enrolment_token_invalid",
                          "El código de registro ya fue usado. Pida uno nuevo.",
                          "The enrolment code was already used. Ask for a new one.")
    issued = None
    if csr is not None and settings is not None:
        issued = certificates.issue(db=db, settings=settings, device_id=device.id,
                                    site_code=site.code, csr_pem=csr)
    audit.record(db=db, by=audit.Actor(f"device:{device.id}", device.id), action="device.enroll",
                 target=f"site:{site.code}",
                 details={"name": name, "kind": kind, "demo": used is None,
                          "certificate_until": issued and issued.not_after.isoformat()})
    db.commit()
    return EnrollOut(device_id=device.id, credential=f"{device.id}.{secret}",
                     site_code=site.code, site_name=site.name,
                     certificate=issued and issued.certificate,
                     ca_chain=issued and issued.ca_chain)


def authenticate(*, db: Session, credential: str | None) -> DeviceRef:
    if not credential or "." not in credential:
        raise BAD_DEVICE
    raw_id, secret = credential.split(".", 1)
    device_id = parse_id(raw_id)  # no "²", nothing past the column's range
    if device_id is None or not secret.isascii():
        raise BAD_DEVICE
    device = db.execute(_AUTHENTICATE, {"device_id": device_id}).first()
    if device is None or not device.active or not hmac.compare_digest(
        device.secret_hash, _sha256(secret)
    ):
        raise BAD_DEVICE
    return DeviceRef(id=device.id, name=device.name, kind=device.kind, site_id=device.site_id,
                     site_code=device.site_code, site_name=device.site_name)


# Built once, read as a row: every request of a device asks (building the statement costs
# more than running it).
_DEVICES, _SITES = Device.__table__, Site.__table__
_AUTHENTICATE = select(
    _DEVICES.c.id, _DEVICES.c.name, _DEVICES.c.kind, _DEVICES.c.site_id, _DEVICES.c.active,
    _DEVICES.c.secret_hash, _SITES.c.code.label("site_code"), _SITES.c.name.label("site_name"),
).join(_SITES, _SITES.c.id == _DEVICES.c.site_id).where(_DEVICES.c.id == bindparam("device_id"))


def heartbeat(*, db: Session, device: DeviceRef, beat: HeartbeatIn) -> None:
    """Keep the device's latest health; the audit log gets an entry only when status changes.
    (The fleet's heartbeat passes its own, larger body: the same five fields and more.)"""
    row = db.get(Device, device.id)
    status = (beat.reader_status, beat.printer_status, beat.paper_status, beat.last_error)
    before = (row.reader_status, row.printer_status, row.paper_status, row.last_error)
    row.last_heartbeat_at = utcnow()
    row.software_version = beat.software_version
    row.reader_status, row.printer_status, row.paper_status, row.last_error = status
    if status != before:
        audit.record(db=db, by=audit.Actor(f"device:{row.id}", row.id),
                     action="device.status", target=f"device:{row.id}",
                     details=HeartbeatIn.model_validate(beat, from_attributes=True)
                     .model_dump())
    db.commit()


def device_out(*, db: Session, device: DeviceRef) -> DeviceOut:
    return _device_out(db.get(Device, device.id))


def _device_out(device: Device) -> DeviceOut:
    last = device.last_heartbeat_at
    online = last is not None and utcnow() - last < timedelta(seconds=3 * HEARTBEAT_SECONDS)
    return DeviceOut(
        id=device.id, name=device.name, kind=device.kind, site_code=device.site.code,
        site_name=device.site.name,
        last_heartbeat_at=last, software_version=device.software_version,
        reader_status=device.reader_status, printer_status=device.printer_status,
        paper_status=device.paper_status, last_error=device.last_error, online=online,
    )


def _beat(device: Device) -> datetime:
    return device.last_heartbeat_at or datetime.min.replace(tzinfo=UTC)


def list_devices(*, db: Session, site_id: int) -> list[DeviceOut]:
    """One row per machine: a kiosk enrolled again (a new disk, a demo restarted) keeps its
    name, and only its latest enrolment is the machine staff watch."""
    # System records (e.g. the former cashier system) are not machines to watch.
    rows = db.execute(select(Device).where(Device.site_id == site_id, Device.kind != "system",
                                           Device.active).order_by(Device.id))
    latest: dict[tuple[str, str], Device] = {}
    for device in rows.scalars():  # the enrolment that beat last; of equals, the newest
        seen = latest.get((device.kind, device.name))
        if seen is None or (_beat(device), device.id) > (_beat(seen), seen.id):
            latest[(device.kind, device.name)] = device
    return [_device_out(d) for d in sorted(latest.values(), key=lambda d: (d.kind, d.name))]


def get_device(*, db: Session, device_id: int) -> DeviceRef:
    return device_ref(db.get(Device, device_id))


def find_device(*, db: Session, device_id: int) -> DeviceRef:
    """An enrolled, not retired device, or a bilingual 404."""
    device = db.get(Device, device_id)
    if device is None or not device.active or device.kind == "system":
        raise Problem(404, "device_not_found", f"No existe el equipo {device_id}.",
                      f"There is no device {device_id}.")
    return device_ref(device)


def ensure_system_device(*, db: Session, site_code: str, name: str) -> DeviceRef:
    """A device record that cannot log in (inactive, unknown secret), for records that come
    from elsewhere, e.g. payments imported from the previous system."""
    site = require_site(db=db, code=site_code)
    device = db.execute(select(Device).where(Device.site_id == site.id, Device.name == name,
                                             Device.kind == "system")).scalar()
    if device is None:
        device = Device(name=name, kind="system", site_id=site.id,
                        secret_hash=_sha256(secrets.token_urlsafe(32)), active=False,
                        enrolled_at=utcnow())
        db.add(device)
        db.flush()
    return device_ref(device)
