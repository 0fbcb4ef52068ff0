"""Ciudad inalámbrica (free public Wi-Fi): the dated rules, the hotspots (each a RADIUS
client, NAS), the RADIUS servers allowed to call the AAA endpoints, vouchers and their
batches, and the accounting sessions.

Definitions: a *voucher* (ficha) is a 10-digit code with an allowance (time, data, bandwidth)
that holds across sessions until it expires; a *lote* (batch) is a set of vouchers printed
for an event; a *hotspot* (punto Wi-Fi) is an access point or captive portal (the NAS).
Nothing is deleted: a revoked voucher stays, with who revoked it and why.
"""

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime


class Rules(Base):
    """The service's numbers from `valid_from` on (a dated row: the past stays)."""

    __tablename__ = "wifi_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    valid_from: Mapped[date] = mapped_column(Date, unique=True)
    vouchers_per_day: Mapped[int] = mapped_column(Integer)  # per resident, Lima day
    minutes: Mapped[int] = mapped_column(Integer)  # a resident's voucher: time allowance
    megabytes: Mapped[int] = mapped_column(Integer)  # data allowance (MB = 10^6 bytes)
    up_kbps: Mapped[int] = mapped_column(Integer)
    down_kbps: Mapped[int] = mapped_column(Integer)
    valid_hours: Mapped[int] = mapped_column(Integer)  # expiry after issue
    idle_seconds: Mapped[int] = mapped_column(Integer)
    interim_seconds: Mapped[int] = mapped_column(Integer)  # Acct-Interim-Interval
    retention_days: Mapped[int] = mapped_column(Integer)  # MAC hash / IP kept this long
    ssid: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Hotspot(Base):
    """A NAS: `ip` and `secret` make it a RADIUS client; `coa_port` takes Disconnect-Request.
    `map_x`, `map_y`: its place on the district map (0..1 from the west and the north)."""

    __tablename__ = "wifi_hotspots"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # = NAS-Identifier
    name: Mapped[str] = mapped_column(String(120))
    place: Mapped[str] = mapped_column(String(200))
    zone_id: Mapped[int] = mapped_column(Integer)
    ip: Mapped[str] = mapped_column(String(45))
    secret: Mapped[str] = mapped_column(String(64))
    coa_port: Mapped[int] = mapped_column(Integer)
    map_x: Mapped[int] = mapped_column(Integer)  # per mille
    map_y: Mapped[int] = mapped_column(Integer)
    in_service: Mapped[bool] = mapped_column(Boolean)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class RadiusServer(Base):
    """A FreeRADIUS server allowed to call the AAA endpoints with its bearer token."""

    __tablename__ = "wifi_radius_servers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Batch(Base):
    __tablename__ = "wifi_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True)
    count: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Voucher(Base):
    """`resident_id` for a resident's own voucher (counted against the daily limit);
    `batch_id` for an event's. Allowances: seconds and bytes (0: no limit), kbps."""

    __tablename__ = "wifi_vouchers"
    __table_args__ = (UniqueConstraint("resident_id", "issued_on", "day_seq",
                                       name="uq_wifi_vouchers_resident_day_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"), nullable=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("wifi_batches.id"), nullable=True)
    issued_on: Mapped[date] = mapped_column(Date)  # Lima day
    # a resident's 1st, 2nd… voucher of the day: two kiosks at once cannot pass the limit
    day_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    seconds_allowed: Mapped[int] = mapped_column(BigInteger)
    bytes_allowed: Mapped[int] = mapped_column(BigInteger)
    up_kbps: Mapped[int] = mapped_column(Integer)
    down_kbps: Mapped[int] = mapped_column(Integer)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoked_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    revoke_reason: Mapped[str | None] = mapped_column(String(200), nullable=True)


class Session(Base):
    """One Wi-Fi session, stored once per Acct-Unique-Session-Id. Counters are the NAS's
    cumulative figures for the session: a repeated packet never adds twice. `mac_hash`
    (HMAC of the MAC) and `ip` are personal data, erased after the retention period."""

    __tablename__ = "wifi_sessions"
    __table_args__ = (Index("ix_wifi_sessions_voucher", "voucher_id"),
                      Index("ix_wifi_sessions_started", "started_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    unique_id: Mapped[str] = mapped_column(String(64), unique=True)
    session_id: Mapped[str] = mapped_column(String(64))  # Acct-Session-Id (for Disconnect)
    voucher_id: Mapped[int | None] = mapped_column(ForeignKey("wifi_vouchers.id"),
                                                   nullable=True)
    hotspot_id: Mapped[int | None] = mapped_column(ForeignKey("wifi_hotspots.id"),
                                                   nullable=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    seconds: Mapped[int] = mapped_column(BigInteger)
    bytes_in: Mapped[int] = mapped_column(BigInteger)
    bytes_out: Mapped[int] = mapped_column(BigInteger)
    packets: Mapped[int] = mapped_column(Integer)  # accounting packets received (repeats too)
    mac_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    ip: Mapped[str | None] = mapped_column(String(45), nullable=True)
    terminate_cause: Mapped[str | None] = mapped_column(String(40), nullable=True)
    disconnect_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
