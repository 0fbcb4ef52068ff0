"""Cotizaciones (requests for quotation in contratos menores, at most 8 UIT, Ley 32069).

Definitions: a *requerimiento* (requirement) is what the municipality needs: items with
quantity and unit, delivery place and term, an estimated value; a *cotización* (quotation,
here "bid") is a supplier's prices for it, sealed until the *apertura* (opening) by the
committee's two keys; the *acta de apertura* lists every bid opened; the *buena pro* (award)
goes to the lowest compliant total; the *orden de compra / de servicio* (purchase / service
order) follows. A request is *desierta* (void) when no bid can be awarded. Suppliers are known
by their RUC (tax number); a *representante* acts for them at a kiosk with their DNI card.
Nothing is deleted: a replaced bid stays, not current.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime
from server.money import ExactDecimal, Money


class Rules(Base):
    """The cap of a contrato menor from `valid_from` on, as a number of UITs of the year of the
    request (a dated row: the past stays)."""

    __tablename__ = "procurement_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    valid_from: Mapped[date] = mapped_column(Date, unique=True)
    max_uit: Mapped[Decimal] = mapped_column(ExactDecimal())
    legal_basis: Mapped[str] = mapped_column(String(300))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Supplier(Base):
    """A supplier by RUC. RUC 10…: a person, `person_dni` is the DNI inside it."""

    __tablename__ = "procurement_suppliers"

    id: Mapped[int] = mapped_column(primary_key=True)
    ruc: Mapped[str] = mapped_column(String(11), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    person_dni: Mapped[str | None] = mapped_column(String(8))
    registered_by: Mapped[str] = mapped_column(String(64))
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Representative(Base):
    """Who may act for a supplier at a kiosk (registered by the front desk)."""

    __tablename__ = "procurement_representatives"
    __table_args__ = (UniqueConstraint("supplier_id", "dni", name="uq_procurement_rep"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("procurement_suppliers.id"))
    dni: Mapped[str] = mapped_column(String(8), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    registered_by: Mapped[str] = mapped_column(String(64))
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CommitteeKey(Base):
    """An official's public key for openings (the private half is in their sealed file)."""

    __tablename__ = "procurement_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    holder: Mapped[str] = mapped_column(String(64))
    public_key: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    registered_by: Mapped[str] = mapped_column(String(64))
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Request(Base):
    """A request for quotations. `state`: publicada | abierta (opened, in evaluation) |
    adjudicada | con_orden | desierta | cancelada."""

    __tablename__ = "procurement_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)  # COT-2026-0001
    ocid: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(1000))
    category: Mapped[str] = mapped_column(String(12))  # goods | services
    delivery_place: Mapped[str] = mapped_column(String(200))
    delivery_days: Mapped[int] = mapped_column(Integer)
    estimated_value: Mapped[Decimal] = mapped_column(Money())
    cap: Mapped[Decimal] = mapped_column(Money())  # max_uit × UIT of the year
    deadline: Mapped[datetime] = mapped_column(UTCDateTime())
    open_to_all: Mapped[bool] = mapped_column(Boolean)
    state: Mapped[str] = mapped_column(String(12), index=True)
    key_first_id: Mapped[int] = mapped_column(ForeignKey("procurement_keys.id"))
    key_second_id: Mapped[int] = mapped_column(ForeignKey("procurement_keys.id"))
    created_by: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    opening_code: Mapped[str | None] = mapped_column(String(16))
    awarded_bid_id: Mapped[int | None] = mapped_column(Integer)
    awarded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    award_code: Mapped[str | None] = mapped_column(String(16))
    order_number: Mapped[str | None] = mapped_column(String(40))
    order_code: Mapped[str | None] = mapped_column(String(16))
    ordered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str | None] = mapped_column(String(500))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Item(Base):
    __tablename__ = "procurement_items"
    __table_args__ = (UniqueConstraint("request_id", "seq", name="uq_procurement_items_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("procurement_requests.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[Decimal] = mapped_column(ExactDecimal())
    unit: Mapped[str] = mapped_column(String(40))


class Invitation(Base):
    __tablename__ = "procurement_invitations"
    __table_args__ = (UniqueConstraint("request_id", "supplier_id",
                                       name="uq_procurement_invitations"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("procurement_requests.id"), index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("procurement_suppliers.id"))


class Bid(Base):
    """One sealed quotation as received; a replacement makes the earlier one not `current`.
    Until the opening only `sealed`, `fingerprint` and `commitment` say anything about it;
    the opened figures are filled in at the opening."""

    __tablename__ = "procurement_bids"
    __table_args__ = (UniqueConstraint("request_id", "supplier_id", "seq",
                                       name="uq_procurement_bids_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("procurement_requests.id"), index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("procurement_suppliers.id"))
    seq: Mapped[int] = mapped_column(Integer)
    current: Mapped[bool] = mapped_column(Boolean)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(64))
    commitment: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    representative_dni: Mapped[str] = mapped_column(String(8))
    receipt_code: Mapped[str | None] = mapped_column(String(16))
    total: Mapped[Decimal | None] = mapped_column(Money())
    prices: Mapped[list | None] = mapped_column(JSON)
    delivery_days: Mapped[int | None] = mapped_column(Integer)
    validity_days: Mapped[int | None] = mapped_column(Integer)
    compliant: Mapped[bool | None] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(String(500))
    rank: Mapped[int | None] = mapped_column(Integer)


class Release(Base):
    """Every OCDS release published, as published (never changed)."""

    __tablename__ = "procurement_releases"

    id: Mapped[int] = mapped_column(primary_key=True)
    ocid: Mapped[str] = mapped_column(String(64), index=True)
    release_id: Mapped[str] = mapped_column(String(100), unique=True)
    date: Mapped[datetime] = mapped_column(UTCDateTime())
    body: Mapped[dict] = mapped_column(JSON)
