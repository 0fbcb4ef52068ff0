"""Consultas Miraflores: frequently asked questions, municipal news, and reports of problems
in public spaces (service requests, as Open311 GeoReport v2 names them).

Reports are routed to an office: `office_id` refers to the offices domain's table (read
through `server.offices.service`), never to procedures'."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime


class FaqEntry(Base):
    __tablename__ = "faq_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_es: Mapped[str] = mapped_column(String(300))
    question_en: Mapped[str] = mapped_column(String(300))
    answer_es: Mapped[str] = mapped_column(Text)
    answer_en: Mapped[str] = mapped_column(Text)


class NewsItem(Base):
    __tablename__ = "news_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    published_on: Mapped[date] = mapped_column(Date)
    title_es: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300))
    body_es: Mapped[str] = mapped_column(Text)
    body_en: Mapped[str] = mapped_column(Text)


class ServiceType(Base):
    """A kind of problem residents report (Open311 "service"), and the office that fixes it."""

    __tablename__ = "service_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)
    name_es: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(String(400))
    group: Mapped[str] = mapped_column(String(60))
    keywords: Mapped[str] = mapped_column(String(200))
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    expected_days: Mapped[int] = mapped_column(default=5)


class ServiceRequest(Base):
    """One report: where, what, and its state (open | closed) with the office's notes."""

    __tablename__ = "service_requests"
    __table_args__ = (Index("ix_service_requests_requested", "requested_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_type_id: Mapped[int] = mapped_column(ForeignKey("service_types.id"))
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"), index=True)
    description: Mapped[str] = mapped_column(String(4000))
    address: Mapped[str | None] = mapped_column(String(250))
    lat: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    long: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    media_url: Mapped[str | None] = mapped_column(String(400))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"), index=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    status: Mapped[str] = mapped_column(String(8), default="open")
    status_notes: Mapped[str | None] = mapped_column(String(1000))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expected_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
