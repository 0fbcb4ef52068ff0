from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.db import Base, UTCDateTime


class Site(Base):
    """A municipal building where kiosks or staff terminals stand (local)."""

    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(String(200))


class Device(Base):
    """An enrolled kiosk or terminal; it proves itself on every request with its secret."""

    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(16))  # "kiosk" | "terminal"
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    secret_hash: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    software_version: Mapped[str | None] = mapped_column(String(32))
    reader_status: Mapped[str | None] = mapped_column(String(32))
    printer_status: Mapped[str | None] = mapped_column(String(32))
    paper_status: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(String(300))

    site: Mapped[Site] = relationship(lazy="joined")


class EnrolmentToken(Base):
    """A one-time token an administrator hands to whoever installs a device at a site."""

    __tablename__ = "enrolment_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    used_by_device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))


class DeviceCertificate(Base):
    """A client certificate the device CA issued (server/sites/ca.py); revoked ones go on
    the CRL. Only the serial and dates are kept: the certificate itself is the device's."""

    __tablename__ = "device_certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), index=True)
    serial: Mapped[str] = mapped_column(String(40), unique=True)  # hex, as on the CRL
    not_before: Mapped[datetime] = mapped_column(UTCDateTime())
    not_after: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
