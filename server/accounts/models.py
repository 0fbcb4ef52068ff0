"""The tax account: properties (predios), their owners and values, the debts they carry, and
the dated legal parameters (UIT, predial brackets, due dates, TIM, arbitrios, benefits) that
compute them. Every legal figure is a row with its year or validity and its legal source.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime
from server.money import ExactDecimal, Money


# -- legal parameters ------------------------------------------------------------------------
class TaxYear(Base):
    """A fiscal year: its UIT (unidad impositiva tributaria) and the predial minimum."""

    __tablename__ = "tax_years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    uit: Mapped[Decimal] = mapped_column(Money())
    predial_minimum_uit: Mapped[Decimal] = mapped_column(ExactDecimal())  # 0.006 = 0.6 % UIT
    source: Mapped[str] = mapped_column(String(160))


class PredialBracket(Base):
    """Impuesto predial rate on the part of the owner's total autovalúo inside [from, to) UIT."""

    __tablename__ = "predial_brackets"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(ForeignKey("tax_years.year"))
    from_uit: Mapped[Decimal] = mapped_column(ExactDecimal())
    to_uit: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    rate: Mapped[Decimal] = mapped_column(ExactDecimal())  # 0.002 = 0.2 %


class DueDate(Base):
    """When a cuota falls due. Period 0 is the single payment of the whole year."""

    __tablename__ = "due_dates"
    __table_args__ = (UniqueConstraint("year", "tribute_group", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(ForeignKey("tax_years.year"))
    tribute_group: Mapped[str] = mapped_column(String(16))  # predial | arbitrios
    period: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(160))


class TimRate(Base):
    """Tasa de interés moratorio (TIM), monthly, in percent, from `valid_from` on."""

    __tablename__ = "tim_rates"

    id: Mapped[int] = mapped_column(primary_key=True)
    valid_from: Mapped[date] = mapped_column(Date, unique=True)
    monthly_pct: Mapped[Decimal] = mapped_column(ExactDecimal())
    source: Mapped[str] = mapped_column(String(160))


class ArbitrioRate(Base):
    """Annual arbitrio of one service for a use (and optionally a zone) in a year.

    `basis` is `built_area` or `land_area` (soles per m² per year) or `flat` (soles per year).
    A row for the zone wins over the row without zone.
    """

    __tablename__ = "arbitrio_rates"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(ForeignKey("tax_years.year"))
    service: Mapped[str] = mapped_column(String(16))  # limpieza | parques | serenazgo
    use: Mapped[str] = mapped_column(String(32))
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("zones.id"))
    basis: Mapped[str] = mapped_column(String(16))
    amount: Mapped[Decimal] = mapped_column(ExactDecimal())
    source: Mapped[str] = mapped_column(String(160))


class Benefit(Base):
    """A dated benefit set by ordinance.

    `pronto_pago`: `percent` off the debts of `debt_year` in `tribute_group` when the whole year
    is paid at once between `valid_from` and `valid_to`. `amnistia`: `percent` of the interest
    waived on debts of years up to `debt_year` for payments made inside the window.
    """

    __tablename__ = "benefits"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    tribute_group: Mapped[str] = mapped_column(String(16))  # predial | arbitrios | multa | *
    debt_year: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    percent: Mapped[Decimal] = mapped_column(ExactDecimal())
    label_es: Mapped[str] = mapped_column(String(160))
    label_en: Mapped[str] = mapped_column(String(160))
    source: Mapped[str] = mapped_column(String(160))


class PlanRule(Base):
    """Fraccionamiento terms from `valid_from` on: interest, minimum first payment, instalments."""

    __tablename__ = "plan_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    valid_from: Mapped[date] = mapped_column(Date, unique=True)
    monthly_pct: Mapped[Decimal] = mapped_column(ExactDecimal())
    min_initial_pct: Mapped[Decimal] = mapped_column(ExactDecimal())
    max_instalments: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(160))


# -- the account -------------------------------------------------------------------------------
class Property(Base):
    """A predio: a piece of land with its buildings, identified by its cadastral code."""

    __tablename__ = "properties"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    address: Mapped[str] = mapped_column(String(200))
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id"))
    use: Mapped[str] = mapped_column(String(32))  # casa-habitacion | comercio | oficina | ...
    land_area: Mapped[Decimal] = mapped_column(ExactDecimal())
    built_area: Mapped[Decimal] = mapped_column(ExactDecimal())


class Valuation(Base):
    """The autovalúo (self-assessed value) of a property for one year."""

    __tablename__ = "valuations"
    __table_args__ = (UniqueConstraint("property_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    property_id: Mapped[int] = mapped_column(ForeignKey("properties.id"))
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(Money())


class Ownership(Base):
    __tablename__ = "ownerships"
    __table_args__ = (UniqueConstraint("property_id", "resident_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    property_id: Mapped[int] = mapped_column(ForeignKey("properties.id"))
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    share: Mapped[Decimal] = mapped_column(ExactDecimal())  # 1 = sole owner; 0.5 = half


class Debt(Base):
    """One amount owed: a predial or arbitrio cuota, a fine (multa), a plan's cuota.

    `balance` is what remains of `principal`; payments lower it, voids restore it, and a
    check keeps it between 0 and the principal. Rows are never deleted.
    """

    __tablename__ = "debts"
    __table_args__ = (
        Index("ix_debts_resident_status", "resident_id", "status"),
        # Every payment asks whether an older pending debt of the same group is left out
        # (accounts.debts._check_imputation_order): a seek, not a scan of the resident's debts.
        Index("ix_debts_imputation", "resident_id", "status", "tribute", "property_id",
              "due_on", "year", "period", "id"),
        CheckConstraint("balance >= 0 AND balance <= principal", name="balance_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))
    property_id: Mapped[int | None] = mapped_column(ForeignKey("properties.id"))
    tribute: Mapped[str] = mapped_column(String(16))
    year: Mapped[int] = mapped_column(Integer)
    period: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[date] = mapped_column(Date)
    principal: Mapped[Decimal] = mapped_column(Money())
    balance: Mapped[Decimal] = mapped_column(Money())
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|paid|refinanced
    detail: Mapped[str | None] = mapped_column(String(240))  # a fine's reason, a plan's number
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Plan(Base):
    """A fraccionamiento: requested by the resident, approved or rejected by staff."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))  # requested | approved | rejected
    debt_ids: Mapped[list] = mapped_column(JSON)
    total: Mapped[Decimal] = mapped_column(Money())
    initial: Mapped[Decimal] = mapped_column(Money())
    instalments: Mapped[int] = mapped_column(Integer)
    monthly_pct: Mapped[Decimal] = mapped_column(ExactDecimal())
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    note: Mapped[str | None] = mapped_column(String(240))
