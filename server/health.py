"""/healthz (the process answers) and /readyz (it can serve: the primary database answers),
for nginx, systemd and monitoring. No device, no attempt limit, no admission gate: a probe
every few seconds costs one `SELECT 1` on a spare pooled connection."""

from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from server import __version__
from server.errors import Problem, problem_responses

router = APIRouter(tags=["health"])


class HealthOut(BaseModel):
    status: Literal["ok"]
    version: str


class ReadyOut(BaseModel):
    """Ready: the primary answers. `replica` says where public reads go now: `in_use` (the
    streaming replica), `fallen_back` (the primary, because the replica is `unreachable` or
    `lagging`: see `replica_reason`) or `not_configured` (the primary, always)."""

    status: Literal["ready"]
    version: str
    replica: Literal["not_configured", "in_use", "fallen_back"]
    replica_reason: Literal["unreachable", "lagging"] | None = None


@router.get("/healthz")
def healthz() -> HealthOut:
    return HealthOut(status="ok", version=__version__)


@router.get("/readyz", responses=problem_responses(503))
def readyz(request: Request) -> ReadyOut:
    database = request.app.state.database
    try:
        with database.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except DBAPIError as exc:
        raise Problem(503, "database_unavailable",
                      "El servidor no puede usar su base de datos ahora. Inténtelo en un momento.",
                      "The server cannot use its database right now. Try again in a moment.",
                      headers={"Retry-After": "5"}) from exc
    # Where public reads go; when the replica is due for a check, this probe makes it (at
    # most its connect timeout, once per retry interval), so a replica that came back is
    # used again even before the next public read.
    reads = database.public_reads
    reads.session().close()
    return ReadyOut(status="ready", version=__version__, replica=reads.state(),
                    replica_reason=reads.fallen_back)
