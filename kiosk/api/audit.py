"""The audit log's signed checkpoints (server/audit), which every kiosk keeps a copy of."""

from typing import ClassVar

from pydantic import BaseModel

from kiosk.api.errors import ApiError
from kiosk.api.transport import Domain

P = "/api/v1/audit"


class Checkpoint(BaseModel):
    server_schema: ClassVar[str] = "CheckpointOut"

    seq: int
    hash: str
    at: str
    public_key: str
    signature: str


class Audit(Domain):
    async def checkpoint(self) -> Checkpoint | None:
        """The server's latest signed checkpoint; None while it has signed none."""
        try:
            return await self.transport.get(f"{P}/checkpoint", Checkpoint)
        except ApiError as exc:
            if exc.code == "no_checkpoint":
                return None
            raise
