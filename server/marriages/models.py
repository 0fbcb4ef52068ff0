"""Civil marriages (matrimonios civiles): the dated rules, the places and their slots, the
bookings (one ceremony each), the persons and documents of each file, and the objections.

Definitions: the *expediente* (file) is a booking's documents; the *edicto* is the public
notice of the intended marriage, posted for a number of days so anyone may file an
*oposición* (objection); the registrar's *declaración de capacidad* (declaration of capacity)
says nothing stands in the way and holds for some months; a *contrayente* is a spouse-to-be,
a *testigo* a witness. Nothing is deleted: a cancelled booking stays, inactive.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime
from server.money import ExactDecimal, Money


class Rules(Base):
    """Every number of the service from `valid_from` on (a dated row: the past stays).
    Fees are shares of the UIT of the year they are paid in (TUPA)."""

    __tablename__ = "marriages_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    valid_from: Mapped[date] = mapped_column(Date, unique=True)
    min_age: Mapped[int] = mapped_column(Integer)  # Ley 31945: 18, no exceptions
    file_working_days: Mapped[int] = mapped_column(Integer)  # file complete N working days before
    edicto_days: Mapped[int] = mapped_column(Integer)  # posted for N days
    capacity_months: Mapped[int] = mapped_column(Integer)  # declaration holds N months
    medical_days: Mapped[int] = mapped_column(Integer)  # medical certificate at most N days old
    dissolution_days: Mapped[int] = mapped_column(Integer)  # the 300-day rule
    witness_years: Mapped[int] = mapped_column(Integer)  # witnesses know the couple > N years
    duration_minutes: Mapped[int] = mapped_column(Integer)
    buffer_minutes: Mapped[int] = mapped_column(Integer)
    office_opens: Mapped[str] = mapped_column(String(5))  # "08:00", Lima
    office_closes: Mapped[str] = mapped_column(String(5))  # "16:30"
    fee_hall_uit: Mapped[Decimal] = mapped_column(ExactDecimal())
    fee_hall_after_hours_uit: Mapped[Decimal] = mapped_column(ExactDecimal())
    fee_elsewhere_uit: Mapped[Decimal] = mapped_column(ExactDecimal())
    tupa_code: Mapped[str] = mapped_column(String(16))
    legal_basis: Mapped[str] = mapped_column(String(300))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Place(Base):
    """Where ceremonies are held. `hall`: the municipal Salón de Actos (its own fee); slots
    start at `slot_times` (Lima, "HH:MM" separated by spaces) on `weekdays` (0 = Monday).
    `stream_url`: the live transmission (HLS or any player link), shown as a QR."""

    __tablename__ = "marriages_places"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    hall: Mapped[bool] = mapped_column(Boolean)
    address: Mapped[str] = mapped_column(String(200))
    slot_times: Mapped[str] = mapped_column(String(200))
    weekdays: Mapped[str] = mapped_column(String(7))
    stream_url: Mapped[str | None] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Booking(Base):
    """One ceremony booked: its slot and the file behind it. `block_start`/`block_end` is the
    slot and the buffer after it: two active bookings of a place never overlap there
    (PostgreSQL: an exclusion constraint, added by the migration; SQLite: writers serialise
    and the booking checks first). `state`: programada | en_curso | concluida | cancelada."""

    __tablename__ = "marriages_bookings"
    __table_args__ = (Index("ix_marriages_bookings_place_block", "place_id", "block_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)  # MC-2026-000012
    place_id: Mapped[int] = mapped_column(ForeignKey("marriages_places.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    block_start: Mapped[datetime] = mapped_column(UTCDateTime())
    block_end: Mapped[datetime] = mapped_column(UTCDateTime())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    state: Mapped[str] = mapped_column(String(12), index=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    fee: Mapped[Decimal] = mapped_column(Money())
    receipt: Mapped[str | None] = mapped_column(String(40))
    document_code: Mapped[str | None] = mapped_column(String(16))
    reschedules: Mapped[int] = mapped_column(Integer, default=0)
    file_complete_on: Mapped[date | None] = mapped_column(Date)
    edicto_on: Mapped[date | None] = mapped_column(Date)
    edicto_until: Mapped[date | None] = mapped_column(Date)
    newspaper: Mapped[str | None] = mapped_column(String(200))
    newspaper_waiver: Mapped[str | None] = mapped_column(String(300))
    capacity_on: Mapped[date | None] = mapped_column(Date)
    capacity_until: Mapped[date | None] = mapped_column(Date)
    officiant: Mapped[str | None] = mapped_column(String(120))
    acta_ref: Mapped[str | None] = mapped_column(String(20))
    cancel_reason: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Person(Base):
    """A spouse-to-be (`contrayente`, seq 1 is who booked) or a witness (`testigo`).
    `civil_status`: soltero | divorciado | viudo; `dissolved_on`: when the earlier marriage
    ended (divorce or death); `sex` only matters for the 300-day rule."""

    __tablename__ = "marriages_persons"
    __table_args__ = (UniqueConstraint("booking_id", "role", "seq",
                                       name="uq_marriages_persons_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("marriages_bookings.id"), index=True)
    role: Mapped[str] = mapped_column(String(12))
    seq: Mapped[int] = mapped_column(Integer)
    dni: Mapped[str] = mapped_column(String(8), index=True)
    given_names: Mapped[str] = mapped_column(String(120))
    surnames: Mapped[str] = mapped_column(String(120))
    birth_date: Mapped[date] = mapped_column(Date)
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    civil_status: Mapped[str] = mapped_column(String(12))
    dissolved_on: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(1))


class Document(Base):
    """One entry of a file's checklist. `state`: pendiente | aceptado | observado (with the
    registrar's `reason`); `issued_on`: the document's own date (the medical certificate's
    age is checked with it)."""

    __tablename__ = "marriages_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("marriages_bookings.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("marriages_persons.id"))
    kind: Mapped[str] = mapped_column(String(24))
    state: Mapped[str] = mapped_column(String(12))
    issued_on: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(String(300))
    checked_by: Mapped[str | None] = mapped_column(String(64))
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Objection(Base):
    """An oposición filed against a marriage while its edicto is posted: by an identified
    resident, resolved by the registrar. `state`: pendiente | fundada | infundada."""

    __tablename__ = "marriages_objections"
    __table_args__ = (UniqueConstraint("booking_id", "seq", name="uq_marriages_objections_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("marriages_bookings.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))
    filer_name: Mapped[str] = mapped_column(String(240))
    filer_dni: Mapped[str] = mapped_column(String(8))
    grounds: Mapped[str] = mapped_column(String(1000))
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(12))
    resolution: Mapped[str | None] = mapped_column(String(1000))
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
