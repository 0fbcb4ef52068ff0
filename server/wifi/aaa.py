"""The AAA path behind FreeRADIUS (its `rest` module, JSON bodies): authorize answers with
what is *left* of a voucher's allowance, post-auth notes the hotspot alive, accounting stores
each session once per Acct-Unique-Session-Id with the NAS's cumulative counters (a repeated
packet never counts twice) and says when a session must be disconnected."""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server import tasks
from server.audit import service as audit
from server.timeutil import lima, utcnow
from server.wifi import vouchers as v
from server.wifi.models import Hotspot, RadiusServer
from server.wifi.models import Session as WifiSession

GIGA = 2**32
SESSION_TYPES = {"Start", "Interim-Update", "Stop", "Alive"}


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def radius_server(db: Session, token: str) -> RadiusServer | None:
    return db.execute(select(RadiusServer).where(
        RadiusServer.token_sha256 == token_hash(token), RadiusServer.active)).scalar()


def attr(body: dict[str, Any], name: str) -> str | None:
    """The first value of attribute `name` in rlm_rest's JSON ({"type", "value": [...]}), or
    a plain value (tests and other callers may send {"User-Name": "..."})."""
    item = body.get(name)
    if isinstance(item, dict):
        values = item.get("value") or []
        item = values[0] if values else None
    elif isinstance(item, list):
        item = item[0] if item else None
    return None if item is None else str(item)


def _int(body: dict[str, Any], name: str) -> int:
    value = attr(body, name)
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0


def hotspot_of(db: Session, body: dict[str, Any]) -> Hotspot | None:
    nas_id, nas_ip = attr(body, "NAS-Identifier"), attr(body, "NAS-IP-Address")
    conditions = [c for c in (Hotspot.code == nas_id if nas_id else None,
                              Hotspot.ip == nas_ip if nas_ip else None) if c is not None]
    if not conditions:
        return None
    rows = db.execute(select(Hotspot).where(or_(*conditions))).scalars().all()
    return next((h for h in rows if h.code == nas_id), rows[0] if rows else None)


@dataclass(frozen=True)
class Refusal:
    es: str
    en: str

    def reply(self) -> dict[str, Any]:
        return {"reply:Reply-Message": self.es}


def _fecha(at: datetime) -> str:
    return lima(at).strftime("%d/%m/%Y %H:%M")


def authorize(*, db: Session, body: dict[str, Any]) -> dict[str, Any] | Refusal:
    """The reply attributes for a voucher's login, or why it is refused (Spanish first)."""
    code = v.normalise(attr(body, "User-Name") or "")
    password = v.normalise(attr(body, "User-Password") or "")
    voucher = None
    if code and hmac.compare_digest(password, code):
        voucher = db.execute(select(v.Voucher).where(v.Voucher.code == code)).scalar()
    if voucher is None:
        return Refusal("Ficha de Wi-Fi no válida: revise los 10 dígitos.",
                       "Invalid Wi-Fi voucher: check the 10 digits.")
    now = utcnow()
    remaining = v.left(db, voucher)
    state = v.state(voucher, remaining, now)
    if state == "anulada":
        return Refusal("Esta ficha de Wi-Fi fue anulada.", "This Wi-Fi voucher was revoked.")
    if state == "vencida":
        return Refusal(f"Esta ficha de Wi-Fi venció el {_fecha(voucher.expires_at)}.",
                       f"This Wi-Fi voucher expired on {_fecha(voucher.expires_at)}.")
    if state == "agotada":
        return Refusal("Esta ficha de Wi-Fi ya se agotó.", "This Wi-Fi voucher is used up.")
    rules = v.in_force(db)
    until_expiry = int((voucher.expires_at - now).total_seconds())
    timeout = until_expiry if remaining.seconds is None else min(remaining.seconds,
                                                                 until_expiry)
    reply: dict[str, Any] = {
        "control:Auth-Type": "Accept",
        "reply:Session-Timeout": max(1, timeout),
        "reply:Idle-Timeout": rules.idle_seconds,
        "reply:Acct-Interim-Interval": rules.interim_seconds,
        "reply:WISPr-Bandwidth-Max-Up": voucher.up_kbps * 1000,
        "reply:WISPr-Bandwidth-Max-Down": voucher.down_kbps * 1000,
    }
    if remaining.bytes is not None:
        reply["reply:ChilliSpot-Max-Total-Octets"] = remaining.bytes % GIGA
        if remaining.bytes >= GIGA:
            reply["reply:ChilliSpot-Max-Total-Gigawords"] = remaining.bytes // GIGA
    return reply


def post_auth(*, db: Session, body: dict[str, Any]) -> None:
    hotspot = hotspot_of(db, body)
    if hotspot is not None:
        hotspot.last_seen_at = utcnow()


def mac_hash(key: bytes, mac: str | None) -> str | None:
    """An HMAC of the MAC address (normalised): the same device is recognisable, the address
    is not kept."""
    if not mac:
        return None
    clean = "".join(ch for ch in mac.lower() if ch in "0123456789abcdef")
    return hmac.new(key, clean.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Disconnect:
    """A Disconnect-Request to send (after the commit) to a hotspot."""

    ip: str
    port: int
    secret: str
    user_name: str
    session_id: str
    calling_station: str | None
    framed_ip: str | None


def _unique_id(body: dict[str, Any]) -> str:
    given = attr(body, "Acct-Unique-Session-Id")
    if given:
        return given[:64]
    raw = "|".join(attr(body, n) or "" for n in ("NAS-IP-Address", "NAS-Identifier",
                                                 "Acct-Session-Id", "User-Name"))
    return hashlib.md5(raw.encode()).hexdigest()


def _apply(row: WifiSession, *, status: str, seconds: int, bytes_in: int, bytes_out: int,
           cause: str | None, now: datetime) -> None:
    row.seconds = max(row.seconds, seconds)
    row.bytes_in, row.bytes_out = max(row.bytes_in, bytes_in), max(row.bytes_out, bytes_out)
    row.updated_at = now
    row.packets += 1
    if status == "Stop" and row.stopped_at is None:
        row.stopped_at, row.terminate_cause = now, (cause or "")[:40] or None


def accounting(*, db: Session, by: audit.Actor, body: dict[str, Any], mac_key: bytes) -> None:
    """Store the packet's figures (once per session); a Disconnect-Request deferred when
    interim accounting shows the voucher's allowance used up or the voucher revoked."""
    status = attr(body, "Acct-Status-Type") or ""
    hotspot = hotspot_of(db, body)
    now = utcnow()
    if hotspot is not None:
        hotspot.last_seen_at = now
    if status not in SESSION_TYPES:  # Accounting-On/Off: the NAS itself
        return None
    unique = _unique_id(body)
    code = v.normalise(attr(body, "User-Name") or "")
    figures = {"status": status, "seconds": _int(body, "Acct-Session-Time"),
               "bytes_in": _int(body, "Acct-Input-Octets")
               + GIGA * _int(body, "Acct-Input-Gigawords"),
               "bytes_out": _int(body, "Acct-Output-Octets")
               + GIGA * _int(body, "Acct-Output-Gigawords"),
               "cause": attr(body, "Acct-Terminate-Cause"), "now": now}
    row = db.execute(select(WifiSession).where(WifiSession.unique_id == unique)).scalar()
    if row is None:
        voucher = db.execute(select(v.Voucher.id).where(v.Voucher.code == code)).scalar()
        row = WifiSession(unique_id=unique, session_id=(attr(body, "Acct-Session-Id") or "")[:64],
                          voucher_id=voucher, hotspot_id=hotspot.id if hotspot else None,
                          started_at=now, updated_at=now, seconds=0, bytes_in=0, bytes_out=0,
                          packets=0, mac_hash=mac_hash(mac_key, attr(body, "Calling-Station-Id")),
                          ip=attr(body, "Framed-IP-Address"))
        try:
            with db.begin_nested():
                db.add(row)
        except IntegrityError:  # the same packet at the same moment: the other one stored it
            row = db.execute(select(WifiSession).where(
                WifiSession.unique_id == unique)).scalar_one()
    _apply(row, **figures)
    db.flush()
    if (status != "Interim-Update" or row.stopped_at is not None or row.voucher_id is None
            or row.disconnect_sent_at is not None or hotspot is None):
        return None
    voucher = db.get(v.Voucher, row.voucher_id)
    if not v.left(db, voucher).used_up and voucher.revoked_at is None:
        return None
    row.disconnect_sent_at = now
    audit.record(db=db, by=by, action="wifi.disconnect", target=voucher.code,
                 details={"session": row.unique_id, "hotspot": hotspot.code})
    # Sent by the background tasks once this transaction commits (never if it rolls back,
    # and still after a crash right after the commit on PostgreSQL: the job is in the database).
    tasks.defer(db=db, task="wifi.disconnect", session_id=row.id)


def cut_expired(*, db: Session, by: audit.Actor, now: datetime | None = None) -> list[int]:
    """Sessions still open on a voucher that has expired or was revoked since the last
    accounting packet: marked (once, audited) and their ids, for a Disconnect-Request each.
    Sessions silent for a day are left alone: the NAS has long forgotten them."""
    now = now or utcnow()
    rows = db.execute(
        select(WifiSession, v.Voucher).join(v.Voucher, v.Voucher.id == WifiSession.voucher_id)
        .where(WifiSession.stopped_at.is_(None), WifiSession.disconnect_sent_at.is_(None),
               WifiSession.hotspot_id.is_not(None),
               WifiSession.updated_at >= now - timedelta(days=1),
               (v.Voucher.expires_at <= now) | v.Voucher.revoked_at.is_not(None))
        .order_by(WifiSession.id).with_for_update(of=WifiSession, skip_locked=True)).all()
    for row, voucher in rows:
        row.disconnect_sent_at = now
        audit.record(db=db, by=by, action="wifi.disconnect", target=voucher.code,
                     details={"session": row.unique_id, "why": "revoked" if voucher.revoked_at
                              else "expired"})
    return [row.id for row, _ in rows]


def disconnect_for(db: Session, session_id: int) -> Disconnect | None:
    """The Disconnect-Request of a stored session (None: it or its hotspot is gone)."""
    row = db.get(WifiSession, session_id)
    hotspot = db.get(Hotspot, row.hotspot_id) if row and row.hotspot_id else None
    if row is None or hotspot is None or row.voucher_id is None:
        return None
    voucher = db.get(v.Voucher, row.voucher_id)
    return Disconnect(ip=hotspot.ip, port=hotspot.coa_port, secret=hotspot.secret,
                      user_name=voucher.code, session_id=row.session_id, calling_station=None,
                      framed_ip=row.ip)

