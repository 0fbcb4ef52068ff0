"""create_app(): the FastAPI application with problem-details errors and request ids."""

import logging
import time
import uuid

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import text
from starlette.exceptions import HTTPException

from server import __version__
from server.api import build_api_router, root_routers
from server.config import ServerSettings, get_settings
from server.db import Database
from server.errors import GENERIC_VALIDATION, VALIDATION_MESSAGES, Problem
from server.logging_setup import request_id

log = logging.getLogger("server.http")
PROBLEM = "application/problem+json"


def _problem_response(problem: Problem) -> JSONResponse:
    return JSONResponse(problem.body(request_id.get()), status_code=problem.status,
                        media_type=PROBLEM)


def create_app(settings: ServerSettings | None = None, database: Database | None = None
               ) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="Municipalidad de Miraflores — quioscos", version=__version__,
                  openapi_url="/api/v1/openapi.json", docs_url="/api/v1/docs", redoc_url=None)
    app.state.settings = settings
    app.state.database = database or Database(settings.database_url, settings.db_pool_size)

    @app.middleware("http")
    async def request_context(request: Request, call_next):
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex[:16]
        token = request_id.set(rid)
        start = time.perf_counter()
        try:
            response = await call_next(request)
        finally:
            request_id.reset(token)
        response.headers["X-Request-ID"] = rid
        log.info("request", extra={"fields": {
            "request_id": rid, "method": request.method, "path": request.url.path,
            "status": response.status_code,
            "ms": round((time.perf_counter() - start) * 1000, 1)}})
        return response

    @app.exception_handler(Problem)
    async def on_problem(_request: Request, exc: Problem) -> JSONResponse:
        return _problem_response(exc)

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
        if exc.status_code == 404:
            return _problem_response(Problem(404, "not_found", "Dirección no encontrada.",
                                             "Address not found."))
        return _problem_response(Problem(exc.status_code, "http_error", str(exc.detail),
                                         str(exc.detail)))

    @app.exception_handler(Exception)
    async def on_crash(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return _problem_response(Problem(
            500, "internal_error",
            "Ocurrió un error en el servidor. No se realizó ningún cambio; inténtelo de nuevo.",
            "The server had an error. Nothing was changed; please try again."))

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict:
        return {"status": "ok", "version": __version__}

    @app.get("/readyz", tags=["health"])
    def readyz() -> JSONResponse:
        try:
            with app.state.database.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception:
            return JSONResponse({"status": "unavailable"}, status_code=503)
        return JSONResponse({"status": "ready"})

    app.include_router(build_api_router())
    for router in root_routers():
        app.include_router(router)
    return app
