"""Every domain's routes, found by discovery (`server/<domain>/routes.py`).

`router` goes under /api/v1 behind a device credential; `public_router` under /api/v1
without one (enrolment, bank notifications signed by the bank, the public election
endpoints, following a file by number and DNI/RUC, Open311 whose POST carries a device key
as `api_key`); `root_router` at the site root (the /verify page every receipt's QR opens).
"""

from fastapi import APIRouter, Depends

from server.deps import current_device
from server.discovery import modules
from server.errors import problem_responses


def build_api_router() -> APIRouter:
    # Every operation may answer these with a problem+json body (the edge: 413, 422 for
    # malformed input, 429 past an attempt limit, 500); behind a device credential also 401
    # and the domain's own refusals.
    api = APIRouter(prefix="/api/v1", responses=problem_responses(400, 404, 413, 422, 429, 500))
    device_only = APIRouter(dependencies=[Depends(current_device)],
                            responses=problem_responses(401, 403, 409))
    for _, routes in modules("routes"):
        if (public := getattr(routes, "public_router", None)) is not None:
            api.include_router(public)
        if (router := getattr(routes, "router", None)) is not None:
            device_only.include_router(router)
    api.include_router(device_only)
    return api


def root_routers() -> list[APIRouter]:
    return [routes.root_router for _, routes in modules("routes")
            if getattr(routes, "root_router", None) is not None]
