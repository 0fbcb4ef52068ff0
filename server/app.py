"""create_app(): the FastAPI application with problem-details errors and request ids."""

import functools
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute, compile_path

from server import __version__, health
from server.api import build_api_router, document_problems, flat_routes, root_routers
from server.config import ServerSettings, get_settings
from server.db import Database
from server.edge import EdgeMiddleware, http_problem
from server.errors import GENERIC_VALIDATION, VALIDATION_MESSAGES, Problem, problem_schemas
from server.limits import Limiter, SharedLimiter
from server.logging_setup import request_id
from server.tasks import local

PROBLEM = "application/problem+json"
log = logging.getLogger("server.http")


def _problem_response(problem: Problem) -> JSONResponse:
    return JSONResponse(problem.body(request_id.get()), status_code=problem.status,
                        media_type=PROBLEM)


def create_app(settings: ServerSettings | None = None, database: Database | None = None
               ) -> FastAPI:
    settings = settings or get_settings()
    # Swagger UI only in the demo: in production the contract is the OpenAPI document alone.
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with anyio.create_task_group() as tasks:
            # The embedded SQLite server runs the background tasks itself; on PostgreSQL
            # `kiosk-server worker` runs them, once for all the servers (docs/tasks.md).
            if app.state.database.is_sqlite:
                tasks.start_soon(functools.partial(local.run_periodic,
                                                   engine=app.state.database.engine,
                                                   settings=app.state.settings))
            yield
            tasks.cancel_scope.cancel()

    app = FastAPI(title="Municipalidad de Miraflores — quioscos", version=__version__,
                  openapi_url="/api/v1/openapi.json", lifespan=lifespan,
                  docs_url="/api/v1/docs" if settings.demo else None, redoc_url=None)
    app.add_middleware(EdgeMiddleware, max_body=settings.max_body_bytes,
                       max_upload=settings.max_upload_bytes)
    app.state.settings = settings
    app.state.database = database or Database(settings.database_url, settings.db_pool_size,
                                                  read_url=settings.read_database_url,
                                                  policy=settings.replica_policy)
    # One server on SQLite counts in memory; servers sharing PostgreSQL count together.
    app.state.limiter = Limiter() if app.state.database.is_sqlite \
        else SharedLimiter(app.state.database.engine)

    @app.exception_handler(Problem)
    async def on_problem(_request: Request, exc: Problem) -> JSONResponse:
        response = _problem_response(exc)
        response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def on_invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        known = next((VALIDATION_MESSAGES[e["type"]] for e in errors
                      if e["type"] in VALIDATION_MESSAGES), None)
        code = next((e["type"] for e in errors if e["type"] in VALIDATION_MESSAGES),
                    "invalid_request")
        es, en = known or GENERIC_VALIDATION
        fields = [{"loc": [str(p) for p in e["loc"]], "type": e["type"]} for e in errors]
        return _problem_response(Problem(422, code, es, en, errors=fields))

    @app.exception_handler(HTTPException)
    async def on_http(_request: Request, exc: HTTPException) -> JSONResponse:
        # The framework's own refusals (404, 405, 413, unreadable bodies) in Spanish and
        # English; the headers it gives (405's Allow) are kept.
        response = _problem_response(http_problem(exc.status_code))
        response.headers.update(exc.headers or {})
        if exc.status_code == 405 and (allowed := _allowed(app, _request.url.path)):
            response.headers["Allow"] = ", ".join(allowed)
        return response

    @app.exception_handler(DataError)
    @app.exception_handler(OverflowError)
    async def on_out_of_range(_request: Request, _exc: Exception) -> JSONResponse:
        # A number too large for its column (past 64 bits, or 32 on PostgreSQL's integers)
        # that no schema bounded: the database refused it, nothing was written.
        es, en = VALIDATION_MESSAGES["value_out_of_range"]
        return _problem_response(Problem(422, "value_out_of_range", es, en))

    app.include_router(health.router)

    generate = app.openapi

    def openapi() -> dict:
        """FastAPI's document, with the problem+json schema every refusal refers to."""
        if app.openapi_schema is None:
            document = generate()
            document.setdefault("components", {}).setdefault("schemas", {}).update(
                problem_schemas())
            _document_idempotency_keys(document)
        return app.openapi_schema

    app.openapi = openapi
    app.router.routes.extend(_service_routes())
    return app


def _document_idempotency_keys(document: dict) -> None:
    """An operation done once per key takes the key as optional (so that its own checks
    answer first) but refuses to act without one (400): the document says it is required."""
    for operations in document["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "header" and parameter["name"] == "idempotency-key":
                    parameter["required"] = True
                    parameter["schema"] = {"type": "string", "minLength": 1, "maxLength": 80}


def _allowed(app: FastAPI, path: str) -> list[str]:
    """Every method the address answers to: Starlette's 405 names only the first route
    that matched the path, not the others at the same address (GET and POST, say)."""
    if getattr(app.state, "methods_by_path", None) is None:
        app.state.methods_by_path = [
            (compile_path(template)[0], "{" in template, {method.upper() for method in operations})
            for template, operations in app.openapi()["paths"].items()]
    matches = [(templated, methods) for pattern, templated, methods in app.state.methods_by_path
               if pattern.match(path)]
    # A literal address (`/expedientes/check`) is not also the templated one beside it.
    literal = [methods for templated, methods in matches if not templated]
    return sorted(set().union(*(literal or [methods for _, methods in matches])))


@functools.cache
def _service_routes() -> tuple[BaseRoute, ...]:
    """Every domain's routes, built once per process: FastAPI analyses each route's
    parameters when it is included (seconds for ~300 operations), and what it builds holds
    nothing of one app, so a second app (each test makes one) reuses them. One flat list:
    a request is matched once against it (`server.api.flat_routes`)."""
    routes = APIRouter()
    routes.include_router(build_api_router())
    for router in root_routers():
        document_problems(router.routes)
        routes.include_router(router)
    return tuple(flat_routes(routes))
