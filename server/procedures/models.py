"""Trámite documentario: the TUPA catalogue (one row per version of a procedure),
expedientes with their history, attachments and observations.

*TUPA* (Texto Único de Procedimientos Administrativos) is the catalogue of procedures a
resident may file, with requirements, fee, qualification and deadline. An *expediente* is one
filed procedure's file. Nothing here is deleted: a procedure changes by a new dated version,
an expediente by an event.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.db import Base, UTCDateTime
from server.money import ExactDecimal, Money


class Procedure(Base):
    """One version of a TUPA procedure, in force from `valid_from` until a newer version.

    `qualification`: `automatic` (approved on filing), `positive` or `negative` (prior
    evaluation; when the deadline passes unresolved, silence means approval or denial).
    `fee_uit` is the fee as a share of the year's UIT (0.0254 = 2.54 %); the soles amount is
    computed from the UIT of the filing's year. `requirements` are {es, en, attachment};
    `fields` the data the filer gives: {name, es, en}.
    """

    __tablename__ = "procedures"
    __table_args__ = (UniqueConstraint("code", "valid_from", name="uq_procedures_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), index=True)
    valid_from: Mapped[date] = mapped_column(Date)
    name_es: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    filer: Mapped[str] = mapped_column(String(120))  # who may file it
    requirements: Mapped[list] = mapped_column(JSON)
    fields: Mapped[list] = mapped_column(JSON)
    fee_uit: Mapped[Decimal] = mapped_column(ExactDecimal())
    qualification: Mapped[str] = mapped_column(String(16))
    deadline_days: Mapped[int] = mapped_column(Integer)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))  # the offices domain's
    authority: Mapped[str] = mapped_column(String(160))  # who resolves
    reconsideration_days: Mapped[int] = mapped_column(Integer)
    appeal_days: Mapped[int] = mapped_column(Integer)
    legal_basis: Mapped[str] = mapped_column(String(400))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Expediente(Base):
    """A filed procedure. `number` (e.g. 2026-000123) is taken when the file is registered;
    a kiosk may start a filing (`iniciado`, no number yet) that the front desk completes.

    `due_on` is the deadline for the municipality; while `observado` the clock is paused:
    `remaining_days` keeps what was left and `correct_by` is the resident's own deadline.
    """

    __tablename__ = "expedientes"
    __table_args__ = (
        Index("ix_expedientes_office_state", "office_id", "state"),
        Index("ix_expedientes_resident", "resident_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(16), unique=True)
    start_code: Mapped[str] = mapped_column(String(16), unique=True)  # before the number
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"))
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))
    filer_doc_type: Mapped[str] = mapped_column(String(3))  # dni | ruc
    filer_doc: Mapped[str] = mapped_column(String(11), index=True)
    filer_name: Mapped[str] = mapped_column(String(200))
    data: Mapped[dict] = mapped_column(JSON)
    channel: Mapped[str] = mapped_column(String(16))  # kiosk | front_desk
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    filed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    received_on: Mapped[date | None] = mapped_column(Date)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    state: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str | None] = mapped_column(String(16))  # aprobado | denegado
    by_silence: Mapped[bool] = mapped_column(Boolean, default=False)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    remaining_days: Mapped[int | None] = mapped_column(Integer)
    correct_by: Mapped[date | None] = mapped_column(Date)
    observation: Mapped[str | None] = mapped_column(Text)
    fee: Mapped[Decimal] = mapped_column(Money())
    fee_receipt: Mapped[str | None] = mapped_column(String(40), unique=True)
    cargo_code: Mapped[str | None] = mapped_column(String(16))
    resolution_code: Mapped[str | None] = mapped_column(String(16))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    procedure: Mapped[Procedure] = relationship(lazy="joined")


class ExpedienteEvent(Base):
    """One step of a file's history: who moved it from which state and office to which."""

    __tablename__ = "expediente_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    expediente_id: Mapped[int] = mapped_column(ForeignKey("expedientes.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    action: Mapped[str] = mapped_column(String(24))
    state: Mapped[str] = mapped_column(String(16))  # the state after the step
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))  # the office after
    by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(String(1000), default="")


class Attachment(Base):
    """A scanned document of a file, kept with its SHA-256 (the bytes live in the row, so a
    file and its documents commit or roll back together)."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    expediente_id: Mapped[int] = mapped_column(ForeignKey("expedientes.id"), index=True)
    requirement: Mapped[int] = mapped_column(Integer)  # index in the procedure's requirements
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_by: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())
