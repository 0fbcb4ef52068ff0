"""The fleet's tables: configuration per site and per device, the health a device last
reported with its alert counters, the alerts, the administrators' remote commands, and where
each site stands on the district map. Devices and sites themselves are server/sites'."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime


class FleetConfig(Base):
    """One layer of configuration: a site's (`device_id` null) or a device's own, which a
    device sees laid over its site's."""

    __tablename__ = "fleet_configs"
    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    data: Mapped[dict] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[str] = mapped_column(String(64))


class SitePosition(Base):
    """Where a site stands on the district map: 0..1000 west to east and north to south."""

    __tablename__ = "fleet_site_positions"

    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), primary_key=True)
    map_x: Mapped[int] = mapped_column(Integer)
    map_y: Mapped[int] = mapped_column(Integer)


class DeviceHealth(Base):
    """What the device reported last beyond what server/sites keeps, and the alert counters
    (consecutive bad and good observations per kind of alert: the hysteresis)."""

    __tablename__ = "fleet_device_health"

    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    beats: Mapped[int] = mapped_column(Integer, default=0)
    outbox: Mapped[int] = mapped_column(Integer, default=0)
    disk_free_mb: Mapped[int | None] = mapped_column(Integer)
    uptime_seconds: Mapped[int | None] = mapped_column(Integer)
    config_hash: Mapped[str | None] = mapped_column(String(64))  # what the device applied
    streaks: Mapped[dict] = mapped_column(JSON)  # {"paper_out": [bad, good], ...}


class FleetAlert(Base):
    """An alert opens once and closes once; a new one is a new row."""

    __tablename__ = "fleet_alerts"
    # At most one open alert per device and kind, whoever opens it at the same moment.
    __table_args__ = (Index("uq_fleet_alerts_open", "device_id", "kind", unique=True,
                            sqlite_where=text("closed_at IS NULL"),
                            postgresql_where=text("closed_at IS NULL")),)

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))  # silent | paper_out | outbox_growing
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    details: Mapped[dict] = mapped_column(JSON)


class FleetCommand(Base):
    """A remote command: issued by an administrator, delivered in the device's heartbeat
    answers until the device acknowledges it."""

    __tablename__ = "fleet_commands"

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))  # refresh_config | print_test | restart
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    issued_by: Mapped[str] = mapped_column(String(64))
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome: Mapped[str | None] = mapped_column(String(16))  # done | failed
    detail: Mapped[str | None] = mapped_column(String(300))
