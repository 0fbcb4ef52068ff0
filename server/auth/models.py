from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime


class AuthChallenge(Base):
    """A one-time nonce for a card login, valid only on the device that asked for it."""

    __tablename__ = "auth_challenges"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    nonce: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class UserSession(Base):
    """A resident's or a staff member's session, bound to the device it was opened on."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # "resident" | "staff"
    method: Mapped[str] = mapped_column(String(16))  # "card" | "pin" | "password"
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    acting_for_resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    acting_reason: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_reason: Mapped[str | None] = mapped_column(String(32))
