"""Counters that every server sharing the database must see alike (attempt limits, failures
of accounts that do not exist): see server/attempts/service.py."""

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime


class PhantomFailure(Base):
    """Failure count of an account that does not exist (a DNI not in the register, a user
    name no one has), kept like a real account's so that guessing at one answers the same:
    in the database, so every server behind the proxy counts the same tries. `key` is a hash
    of the kind and the name tried, never the name."""

    __tablename__ = "attempt_phantom_failures"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AttemptCounter(Base):
    """Attempts at what can be guessed, per device or client address and per action, in a
    fixed window (server/limits.py): shared by every server on PostgreSQL."""

    __tablename__ = "attempt_counters"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime())
    hits: Mapped[int] = mapped_column(Integer)
