"""The latest signed audit checkpoint, for any kiosk to keep (public: it reveals only a
sequence number and a hash)."""

from fastapi import APIRouter

from server.audit import checkpoints
from server.deps import SettingsDep
from server.errors import Problem

public_router = APIRouter(prefix="/audit", tags=["audit"])


@public_router.get("/checkpoint")
def latest_checkpoint(settings: SettingsDep) -> dict:
    found = checkpoints.latest(settings.checkpoint_path)
    if found is None:
        raise Problem(404, "no_checkpoint", "Aún no hay controles de auditoría firmados.",
                      "There are no signed audit checkpoints yet.")
    return {"seq": found.seq, "hash": found.hash, "at": found.at,
            "public_key": found.public_key, "signature": found.signature}
