"""The server's edge (a plain ASGI middleware, outermost but for Starlette's own): what every
request passes before any route and every answer on its way out.

- The request id: the client's `X-Request-ID` when it is a plain id (letters, digits, `.`,
  `_`, `-`, `:`; at most 64), a new one otherwise; echoed on the answer and put on every log
  line, the 500's too.
- Bodies: a declared `Content-Length` past the limit is refused (413) before a byte is read,
  a body that grows past it while being read too; multipart (scanned attachments) has its
  own, larger limit. A JSON body with a lone UTF-16 surrogate (`"\\ud800"`), which no
  database or answer can encode, is refused (422).
- Any error no handler took: a 500 problem with the request id, logged with it.
- Security headers on every answer; `Cache-Control: no-store` under /api.
- One access-log line per request, with the route's template (`/residents/by-dni/{dni}`),
  never the values in the path.
"""

import json
import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException

from server.errors import HTTP_MESSAGES, Problem
from server.kernel.clean import neutralised_tree
from server.logging_setup import request_id

log = logging.getLogger("server.http")
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
# A \uD800-\uDBFF escape not followed by a \uDC00-\uDFFF one, or one of those not preceded.
LONE_SURROGATE = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}")
# In a JSON body: an escaped control character (not \n, \t), C1 or bidi override, or one
# of those (ESC, C1, U+202A-E, U+2066-9) in the raw UTF-8.
UNSAFE_JSON = re.compile(
    rb"\\u00(?:0[0-8bcefBCEF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])|\\u20(?:2[a-eA-E]|6[6-9])"
    rb"|[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
}
# Pages (the /verify page a receipt's QR opens) load nothing from elsewhere.
CSP = ("default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
DOCS = "/api/v1/docs"  # Swagger UI (demo only) loads its scripts from a CDN


class BodyTooLarge(HTTPException):
    def __init__(self) -> None:
        super().__init__(413)


def problem_bytes(problem: Problem) -> bytes:
    return json.dumps(problem.body(request_id.get()), ensure_ascii=False).encode()


def http_problem(status: int, **extra: Any) -> Problem:
    code, es, en = HTTP_MESSAGES.get(status, HTTP_MESSAGES[400 if status < 500 else 500])
    return Problem(status, code, es, en, **extra)


async def send_problem(send: Send, problem: Problem) -> None:
    body = problem_bytes(problem)
    await send({"type": "http.response.start", "status": problem.status, "headers": [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class EdgeMiddleware:
    def __init__(self, app: Callable, *, max_body: int, max_upload: int) -> None:
        self.app, self.max_body, self.max_upload = app, max_body, max_upload

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        given = headers.get("x-request-id")
        rid = given if given and REQUEST_ID.fullmatch(given) else uuid.uuid4().hex[:16]
        token = request_id.set(rid)
        start = time.perf_counter()
        answer = {"status": 500, "started": False}
        path: str = scope["path"]

        async def send_out(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer["started"], answer["status"] = True, message["status"]
                out = MutableHeaders(scope=message)
                out["X-Request-ID"] = rid
                for name, value in SECURITY_HEADERS.items():
                    out.setdefault(name, value)
                if path != DOCS:
                    out.setdefault("Content-Security-Policy", CSP)
                if path.startswith("/api/"):
                    out.setdefault("Cache-Control", "no-store")
            await send(message)

        try:
            upload = headers.get("content-type", "").startswith("multipart/form-data")
            limit = self.max_upload if upload else self.max_body
            length = headers.get("content-length")
            if length is not None and not (length.isascii() and length.isdigit()):
                await send_problem(send_out, http_problem(400))
                return
            if length is not None and int(length) > limit:
                await send_problem(send_out, http_problem(413, limit_bytes=limit))
                return
            if "json" in headers.get("content-type", ""):
                body = await _read_all(receive, limit)
                if LONE_SURROGATE.search(body):
                    await send_problem(send_out, http_problem(422, reason="lone_surrogate"))
                    return
                receive = _replay(_normalised(body), receive)
            else:
                receive = _counted(receive, limit)
            await self.app(scope, receive, send_out)
        except BodyTooLarge:
            if not answer["started"]:
                await send_problem(send_out, http_problem(413, limit_bytes=limit))
        except Exception:
            log.exception("unhandled error", extra={"request_id": rid})
            if not answer["started"]:
                await send_problem(send_out, http_problem(500))
        finally:
            route = scope.get("route")
            template = getattr(route, "path_format", None) or re.sub(r"\d{6,}", "…", path)
            log.info("request", extra={"fields": {
                "request_id": rid, "method": scope["method"], "path": template,
                "status": answer["status"], "ms": round((time.perf_counter() - start) * 1000, 1)}})
            request_id.reset(token)


def _normalised(body: bytes) -> bytes:
    """A JSON body whose strings carry control characters (an ANSI escape's ESC too) or
    bidirectional overrides, with each of those replaced by U+FFFD (`server.kernel.clean`);
    any other body as sent (byte for byte: a bank's signature covers it)."""
    if not UNSAFE_JSON.search(body):
        return body
    try:
        data = json.loads(body)
    except ValueError:
        return body  # the route answers that it is not JSON
    return json.dumps(neutralised_tree(data), ensure_ascii=False).encode()


async def _read_all(receive: Receive, limit: int) -> bytes:
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()
    return replay


def _counted(receive: Receive, limit: int) -> Receive:
    size = 0

    async def counted() -> Message:
        nonlocal size
        message = await receive()
        if message["type"] == "http.request":
            size += len(message.get("body", b""))
            if size > limit:
                raise BodyTooLarge
        return message
    return counted
