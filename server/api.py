"""Every domain's routes, found by discovery (`server/<domain>/routes.py`).

`router` goes under /api/v1 behind a device credential; `public_router` under /api/v1
without one (enrolment, bank notifications signed by the bank, the public election
endpoints, following a file by number and DNI/RUC, Open311 whose POST carries a device key
as `api_key`); `root_router` at the site root (the /verify page every receipt's QR opens).
"""

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from server.deps import current_device
from server.discovery import modules
from server.errors import problem_responses

# What the edge may answer to any request (`server.edge`, the framework): a body it cannot
# read (400), one past the size limit (413), an error no handler took (500).
EDGE = (400, 413, 500)


def build_api_router() -> APIRouter:
    api = APIRouter(prefix="/api/v1")
    device_only = APIRouter(dependencies=[Depends(current_device)])
    for _, routes in modules("routes"):
        if (public := getattr(routes, "public_router", None)) is not None:
            document_problems(public.routes)
            api.include_router(public)
        if (router := getattr(routes, "router", None)) is not None:
            document_problems(router.routes, behind=current_device)
            device_only.include_router(router)
    api.include_router(device_only)
    return api


def root_routers() -> list[APIRouter]:
    return [routes.root_router for _, routes in modules("routes")
            if getattr(routes, "root_router", None) is not None]


def _refusals(dependant: Dependant) -> set[int]:
    """The statuses the route's dependencies may answer (`server.errors.refuses`), and 422
    when it takes any parameter or body, 404 when its path names something."""
    statuses = set(getattr(dependant.call, "problem_statuses", ()))
    if dependant.path_params:
        statuses.add(404)
    if (dependant.query_params or dependant.header_params or dependant.cookie_params
            or dependant.path_params or dependant.body_params):
        statuses.add(422)
    for sub in dependant.dependencies:
        statuses |= _refusals(sub)
    return statuses


def document_problems(routes: list[BaseRoute], behind: Callable[..., Any] | None = None
                      ) -> None:
    """Each operation documents every problem it can answer: the edge's, its dependencies'
    (device credential 401, staff role 403, attempt limit 429, ...; `behind` is the one its
    router is included with) and the domain refusals its route or router declares with
    `responses=problem_responses(...)`. Done on a domain's own routes, before they are
    included (no response model: nothing FastAPI prepares when a route is made)."""
    for route in routes:
        if isinstance(route, APIRoute) and not getattr(route, "problems_documented", False):
            statuses = set(EDGE) | _refusals(route.dependant)
            statuses |= set(getattr(behind, "problem_statuses", ()))
            responses = problem_responses(*sorted(statuses))
            for status, declared in route.responses.items():
                # A status the route declares in its own format too (Open311's JSON errors)
                # may still come from the edge as a problem.
                content = {**responses.get(status, {}).get("content", {}),
                           **declared.get("content", {})}
                responses[status] = {**responses.get(status, {}), **declared, "content": content}
            route.responses = responses
            route.problems_documented = True  # type: ignore[attr-defined]


# What an included route keeps of its inclusion (prefix, the router's dependencies, tags and
# responses are already merged into these by FastAPI).
_ROUTE_FIELDS = (
    "response_model", "status_code", "tags", "dependencies", "summary", "description",
    "response_description", "responses", "deprecated", "name", "methods", "operation_id",
    "response_model_include", "response_model_exclude", "response_model_by_alias",
    "response_model_exclude_unset", "response_model_exclude_defaults",
    "response_model_exclude_none", "include_in_schema", "response_class", "callbacks",
    "openapi_extra", "generate_unique_id_function", "strict_content_type", "max_body_size")


def flat_routes(router: APIRouter) -> list[BaseRoute]:
    """The router's routes as one flat list of plain routes, each with its full path and
    every dependency of the routers it was included through.

    Since 0.16x FastAPI keeps included routers nested and matches a request against the
    tree at every level (about 0.5 ms a level for our ~200 operations, several levels a
    request); a flat list is matched once, in order, like Starlette does. Routes are rebuilt
    once per process (`server.app._service_routes`); with a FastAPI that flattens on
    inclusion itself there is nothing to unfold."""
    flat: list[BaseRoute] = []
    for route in router.routes:
        contexts = getattr(route, "effective_route_contexts", None)
        if contexts is None:
            flat.append(route)
            continue
        for context in contexts():
            original = context.original_route
            if isinstance(original, APIRoute):
                rebuilt = APIRoute(context.path, context.endpoint,
                                   **{name: getattr(context, name) for name in _ROUTE_FIELDS})
                rebuilt.problems_documented = True  # type: ignore[attr-defined]
                flat.append(rebuilt)
            else:
                flat.append(context.starlette_route or original)
    return flat
