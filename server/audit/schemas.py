"""What the audit domain sends: the latest signed checkpoint of the chain's head."""

from pydantic import BaseModel


class CheckpointOut(BaseModel):
    """One line of the checkpoint file (server/audit/checkpoints.py), as served to kiosks."""

    seq: int
    hash: str
    at: str
    public_key: str
    signature: str
