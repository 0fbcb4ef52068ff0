"""The latest signed audit checkpoint, for any kiosk to keep (public: it reveals only a
sequence number and a hash)."""

from dataclasses import asdict

from fastapi import APIRouter

from server.audit import checkpoints
from server.audit.schemas import CheckpointOut
from server.deps import SettingsDep
from server.errors import Problem, problem_responses

# The refusals this domain's services, and those of the domains it reaches, may answer.
REFUSALS = problem_responses(404)
public_router = APIRouter(prefix="/audit", tags=["audit"], responses=REFUSALS)


@public_router.get("/checkpoint", responses=problem_responses(404))
def latest_checkpoint(settings: SettingsDep) -> CheckpointOut:
    found = checkpoints.latest(settings.checkpoint_path)
    if found is None:
        raise Problem(404, "no_checkpoint", "Aún no hay controles de auditoría firmados.",
                      "There are no signed audit checkpoints yet.")
    return CheckpointOut(**asdict(found))
