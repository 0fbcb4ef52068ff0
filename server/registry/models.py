"""The civil register (registro civil): actas, the persons on them, their annotations and
scanned images, the certified copies issued, the copy requests staff fulfil, RENIEC batches
and the dated copy fee.

Definitions: an *acta* is one civil record (birth, marriage or death) in a *libro* (book) of
an *oficina de registro* (registry office); an *anotación marginal* (annotation) is a later
note in its margin (rectification, recognition, divorce, adoption…), appended, never edited;
a *copia certificada* (certified copy) is a copy of the acta with its annotations that the
registry certifies; a *reservada* acta (adoption and others the registrar marks) is given
only by the registrar. Nothing here is deleted or rewritten: annotations and images are rows.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime
from server.money import ExactDecimal, Money


class Acta(Base):
    """One acta. `ref` is its number as people read it (`NAC-2026-000123`): per kind and
    year from a locked series, never reused. `digitised` is False for an acta held only on
    paper (its index is here, its image is not): a copy of it is a request staff fulfil.
    `free_copy`: the couple's first certified copy of a marriage acta is still free.
    `sent_at`/`batch_id`: when and in which batch it was sent to RENIEC."""

    __tablename__ = "registry_actas"
    __table_args__ = (
        UniqueConstraint("kind", "year", "number", name="uq_registry_actas_number"),
        Index("ix_registry_actas_unsent", "sent_at", "registered_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # birth | marriage | death
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    ref: Mapped[str] = mapped_column(String(20), unique=True)
    office: Mapped[str] = mapped_column(String(120))
    book: Mapped[str] = mapped_column(String(40))
    event_date: Mapped[date] = mapped_column(Date)
    event_place: Mapped[str] = mapped_column(String(200))
    registered_on: Mapped[date] = mapped_column(Date)
    registrar_name: Mapped[str] = mapped_column(String(120))
    registered_by: Mapped[str] = mapped_column(String(64))
    digitised: Mapped[bool] = mapped_column(Boolean, default=True)
    reserved: Mapped[bool] = mapped_column(Boolean, default=False)
    reserved_reason: Mapped[str | None] = mapped_column(String(300))
    free_copy: Mapped[bool] = mapped_column(Boolean, default=False)
    ceremony: Mapped[str | None] = mapped_column(String(40))  # a marriage's ceremony reference
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("registry_batches.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Person(Base):
    """A person named on an acta. `role`: inscrito (the registered child), madre, padre,
    contrayente (spouse), testigo (witness), fallecido (the deceased), declarante, celebrante
    (who officiated a marriage). `principal` marks whom the acta is about (inscrito,
    contrayente, fallecido): searches match them. `name_key` is "SURNAMES GIVEN NAMES" in
    capitals without accents, for prefix searches."""

    __tablename__ = "registry_persons"
    __table_args__ = (
        Index("ix_registry_persons_search", "kind", "name_key",
              postgresql_ops={"name_key": "varchar_pattern_ops"}),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    acta_id: Mapped[int] = mapped_column(ForeignKey("registry_actas.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # the acta's, so a search needs no join first
    role: Mapped[str] = mapped_column(String(16))
    principal: Mapped[bool] = mapped_column(Boolean)
    given_names: Mapped[str] = mapped_column(String(120))
    surnames: Mapped[str] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(String(250))
    dni: Mapped[str | None] = mapped_column(String(8), index=True)
    birth_date: Mapped[date | None] = mapped_column(Date)


class Annotation(Base):
    """An anotación marginal, numbered within its acta (`seq`), appended and never edited."""

    __tablename__ = "registry_annotations"
    __table_args__ = (UniqueConstraint("acta_id", "seq", name="uq_registry_annotations_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    acta_id: Mapped[int] = mapped_column(ForeignKey("registry_actas.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(24))
    text: Mapped[str] = mapped_column(String(1000))
    reference: Mapped[str] = mapped_column(String(120))  # the resolution or judgment
    made_by: Mapped[str] = mapped_column(String(64))
    made_by_name: Mapped[str] = mapped_column(String(120))
    made_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Image(Base):
    """The scanned paper acta (PDF, PNG or JPEG by content), with its SHA-256; the newest
    one is the acta's image (earlier scans stay)."""

    __tablename__ = "registry_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    acta_id: Mapped[int] = mapped_column(ForeignKey("registry_actas.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_by: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CopyRequest(Base):
    """A copy of an acta held only on paper: paid when asked for, prepared by staff.
    `tracking` (SOL-2026-000012) is what the resident follows it by."""

    __tablename__ = "registry_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    tracking: Mapped[str] = mapped_column(String(24), unique=True)
    acta_id: Mapped[int] = mapped_column(ForeignKey("registry_actas.id"), index=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    receipt: Mapped[str | None] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(12), index=True)  # pendiente | atendida
    ticket_code: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    fulfilled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    fulfilled_by: Mapped[str | None] = mapped_column(String(64))
    copy_code: Mapped[str | None] = mapped_column(String(16))


class Copy(Base):
    """A certified copy issued: the document (and its signed PDF) is the documents
    domain's; here, for whom, for how much and how it was paid."""

    __tablename__ = "registry_copies"

    id: Mapped[int] = mapped_column(primary_key=True)
    acta_id: Mapped[int] = mapped_column(ForeignKey("registry_actas.id"), index=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    document_code: Mapped[str] = mapped_column(String(16), unique=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    free: Mapped[bool] = mapped_column(Boolean)
    receipt: Mapped[str | None] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(12))  # kiosk | counter | request
    issued_by: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Batch(Base):
    """One export file sent to RENIEC (format in docs/registry.md), kept whole."""

    __tablename__ = "registry_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True)
    filename: Mapped[str] = mapped_column(String(80))
    count: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CopyFee(Base):
    """The TUPA fee of a certified copy from `valid_from` on, as a share of the UIT of the
    year it is issued in (a dated row: a new ordinance adds one, the past stays)."""

    __tablename__ = "registry_fees"

    id: Mapped[int] = mapped_column(primary_key=True)
    valid_from: Mapped[date] = mapped_column(Date, unique=True)
    fee_uit: Mapped[Decimal] = mapped_column(ExactDecimal())
    tupa_code: Mapped[str] = mapped_column(String(16))
    legal_basis: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
