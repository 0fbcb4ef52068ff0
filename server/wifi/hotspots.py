"""Hotspots: the registry (a NAS each: name, IP, shared secret, place), their status now
(in service / out of service / no data, and how busy), usage per hotspot and day, the RADIUS
servers' tokens, and the retention of personal data (Ley 29733)."""

import ipaddress
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.errors import Problem
from server.timeutil import lima, today, utcnow
from server.wifi import aaa
from server.wifi.models import Hotspot, RadiusServer
from server.wifi.models import Session as WifiSession
from server.wifi.vouchers import in_force

SEEN_WITHIN = timedelta(minutes=30)  # a hotspot heard from within this is "in service"


def _check(ip: str, secret: str, coa_port: int) -> None:
    try:
        ipaddress.ip_address(ip)
    except ValueError as exc:
        raise Problem(422, "wifi_ip", "La dirección IP del punto Wi-Fi no es válida.",
                      "The hotspot's IP address is not valid.") from exc
    if len(secret) < 16:
        raise Problem(422, "wifi_secret",
                      "El secreto compartido debe tener al menos 16 caracteres.",
                      "The shared secret must be at least 16 characters long.")
    if not 1 <= coa_port <= 65535:
        raise Problem(422, "wifi_port", "El puerto de desconexión no es válido.",
                      "The disconnect port is not valid.")


def save(*, db: Session, by: audit.Actor, code: str, name: str, place: str, zone_id: int,
         ip: str, secret: str | None = None, coa_port: int = 3799, map_x: int = 500,
         map_y: int = 500, in_service: bool = True) -> Hotspot:
    """Add a hotspot or change one (by code). No secret: one is drawn (shown once)."""
    secret = secret or secrets.token_urlsafe(24)
    _check(ip, secret, coa_port)
    if not code.strip() or not name.strip():
        raise Problem(422, "wifi_hotspot_name", "Indique el código y el nombre del punto Wi-Fi.",
                      "Give the hotspot's code and name.")
    row = db.execute(select(Hotspot).where(Hotspot.code == code)).scalar()
    if row is None:
        row = Hotspot(code=code, created_at=utcnow(), last_seen_at=None)
        db.add(row)
    row.name, row.place, row.zone_id, row.ip, row.secret = name, place, zone_id, ip, secret
    row.coa_port, row.in_service = coa_port, in_service
    row.map_x, row.map_y = max(0, min(999, map_x)), max(0, min(999, map_y))
    db.flush()
    audit.record(db=db, by=by, action="wifi.hotspot", target=code,
                 details={"name": name, "ip": ip, "in_service": in_service})
    return row


def all_hotspots(db: Session) -> list[Hotspot]:
    return list(db.execute(select(Hotspot).order_by(Hotspot.zone_id, Hotspot.name)).scalars())


@dataclass(frozen=True)
class Status:
    hotspot: Hotspot
    status: str  # en_servicio | fuera_de_servicio | sin_datos
    busy: int  # sessions open now


def statuses(db: Session) -> list[Status]:
    now = utcnow()
    rules = in_force(db)
    fresh = now - timedelta(seconds=2 * rules.interim_seconds + 60)
    busy = dict(db.execute(select(WifiSession.hotspot_id, func.count()).where(
        WifiSession.stopped_at.is_(None), WifiSession.updated_at >= fresh)
        .group_by(WifiSession.hotspot_id)).all())
    out = []
    for h in all_hotspots(db):
        if not h.in_service:
            status = "fuera_de_servicio"
        elif h.last_seen_at is not None and now - h.last_seen_at <= SEEN_WITHIN:
            status = "en_servicio"
        else:
            status = "sin_datos"
        out.append(Status(h, status, busy.get(h.id, 0)))
    return out


@dataclass(frozen=True)
class DayUsage:
    hotspot: str
    day: date
    sessions: int
    seconds: int
    octets: int


def usage(db: Session, *, start: date, days: int) -> list[DayUsage]:
    """Sessions, time and data per hotspot and Lima day (a session counts on its first day)."""
    lo = datetime.combine(start, datetime.min.time(), tzinfo=lima(utcnow()).tzinfo)
    hi = lo + timedelta(days=days)
    codes = {h.id: h.code for h in all_hotspots(db)}
    sums: dict[tuple[str, date], list[int]] = {}
    rows = db.execute(select(WifiSession.hotspot_id, WifiSession.started_at, WifiSession.seconds,
                             WifiSession.bytes_in + WifiSession.bytes_out)
                      .where(WifiSession.started_at >= lo, WifiSession.started_at < hi))
    for hotspot_id, started, seconds, octets in rows:
        key = (codes.get(hotspot_id, "?"), lima(started).date())
        acc = sums.setdefault(key, [0, 0, 0])
        acc[0], acc[1], acc[2] = acc[0] + 1, acc[1] + seconds, acc[2] + octets
    return [DayUsage(code, day, *acc) for (code, day), acc in sorted(sums.items())]


def retain(*, db: Session, by: audit.Actor, now: datetime | None = None) -> int:
    """Erase the MAC hash and client IP of sessions older than the retention period in force
    (the counters stay, as aggregates per hotspot and day)."""
    rules = in_force(db)
    cutoff = (now or utcnow()) - timedelta(days=rules.retention_days)
    n = db.execute(update(WifiSession).where(
        WifiSession.started_at < cutoff,
        (WifiSession.mac_hash.is_not(None)) | (WifiSession.ip.is_not(None)))
        .values(mac_hash=None, ip=None)).rowcount or 0
    audit.record(db=db, by=by, action="wifi.retention", target=today().isoformat(),
                 details={"sessions": n, "days": rules.retention_days})
    return n


def new_radius_server(*, db: Session, by: audit.Actor, name: str) -> str:
    """A RADIUS server's bearer token (shown once; only its hash is kept). Again for the same
    name: a new token replaces the old one."""
    # Prefixed: a bare URL-safe token may begin with "-", which a command line (the CLI's
    # `freeradius-config --token`) takes for an option.
    token = f"rad_{secrets.token_urlsafe(32)}"
    row = db.execute(select(RadiusServer).where(RadiusServer.name == name)).scalar()
    if row is None:
        row = RadiusServer(name=name, created_at=utcnow())
        db.add(row)
    row.token_sha256, row.active = aaa.token_hash(token), True
    db.flush()
    audit.record(db=db, by=by, action="wifi.radius_token", target=name)
    return token
