"""The person being served at this device: who, since when, what is in the cart. Wiped on end."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the wire models load with the first call, not at start-up
    from kiosk.api.auth import SessionInfo, Staff
    from kiosk.api.residents import Resident


@dataclass
class KioskSession:
    info: SessionInfo | None = None
    started_at: datetime | None = None
    cart: list = field(default_factory=list)

    def begin(self, info: SessionInfo) -> None:
        self.wipe()
        self.info, self.started_at = info, datetime.now(UTC)

    def update(self, info: SessionInfo) -> None:
        """Refresh what the server says (e.g. staff started acting for a resident)."""
        token = self.info.token if self.info else None
        self.info = info.model_copy(update={"token": token})

    def wipe(self) -> None:
        self.info, self.started_at = None, None
        self.cart.clear()

    @property
    def active(self) -> bool:
        return self.info is not None

    @property
    def resident(self) -> Resident | None:
        """The resident being served: the one logged in, or the one staff act for."""
        if self.info is None:
            return None
        return self.info.resident or self.info.acting_for

    @property
    def staff(self) -> Staff | None:
        return self.info.staff if self.info else None
