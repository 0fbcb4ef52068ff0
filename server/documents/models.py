from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime


class NumberSeries(Base):
    """Correlatives per series (e.g. "CDV-2026"): locked while taking a number, never reused."""

    __tablename__ = "number_series"

    series: Mapped[str] = mapped_column(String(32), primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)  # verification code
    kind: Mapped[str] = mapped_column(String(32))
    number: Mapped[str] = mapped_column(String(40), unique=True)
    title_es: Mapped[str] = mapped_column(String(120))
    title_en: Mapped[str] = mapped_column(String(120))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    holder_name: Mapped[str | None] = mapped_column(String(240))  # as of issuance
    site_name: Mapped[str] = mapped_column(String(120))  # as of issuance
    issued_by: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    lines: Mapped[list] = mapped_column(JSON)
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class DocumentFile(Base):
    """A file a domain attaches to a document it issued (a certified copy's signed PDF): it
    publishes the document's content with its verification, at /verify/<code>/pdf."""

    __tablename__ = "document_files"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    filename: Mapped[str] = mapped_column(String(80))
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
