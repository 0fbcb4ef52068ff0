"""Offices and their members. The tables kept the names they had under procedures."""

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base


class Office(Base):
    """A unit of the municipality that receives, processes or resolves work."""

    __tablename__ = "offices"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name_es: Mapped[str] = mapped_column(String(160))
    name_en: Mapped[str] = mapped_column(String(160))
    address: Mapped[str] = mapped_column(String(200))
    hours: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(40))
    handles_es: Mapped[str] = mapped_column(String(400), default="")  # for search


class OfficeMember(Base):
    """Which staff work in an office: their scope over the work routed to it."""

    __tablename__ = "office_members"
    __table_args__ = (UniqueConstraint("staff_id", "office_id", name="uq_office_members_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
