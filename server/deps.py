"""FastAPI dependencies: database session, the calling device, the user session, the subject,
the staff member, and the request's Idempotency-Key. Platform code: it reaches the domains
through their services and hands routes refs (frozen values), never rows.

Every /api/v1 route except the public ones depends on `CurrentDevice`: without a valid
device credential the answer is 401, whatever else the request carries.
"""

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Annotated, TypeVar

import anyio
from fastapi import Depends, Header, Request
from pydantic import BaseModel
from sqlalchemy.engine import Row
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from server import limits
from server.audit import service as audit
from server.audit.service import Actor
from server.auth import service as auth
from server.config import ServerSettings
from server.errors import Problem, refuses
from server.idempotency import service as idempotency
from server.identity import service as identity
from server.peer import peer_host
from server.sites import service as sites

T = TypeVar("T", bound=BaseModel)


READS = frozenset({"GET", "HEAD"})
# Worker threads beyond one per admitted request: for routes without the database and for
# serialising answers.
SPARE_THREADS = 20


@dataclass
class Admission:
    """Who may use the database now: at most `pool_size` requests at once (each holds one
    pooled connection and at most one worker thread, and the threadpool has more threads than
    that, so a request holding a connection or a lock always gets a thread to finish), and on
    SQLite one writing request at a time (the others wait here, not in SQLite's busy loop)."""

    gate: anyio.CapacityLimiter
    writer: anyio.Lock | None


def _admission(request: Request) -> Admission:
    state = request.app.state
    if getattr(state, "admission", None) is None:  # made on the server's event loop
        database = state.database
        threads = anyio.to_thread.current_default_thread_limiter()
        threads.total_tokens = max(threads.total_tokens, database.pool_size + SPARE_THREADS)
        state.admission = Admission(anyio.CapacityLimiter(database.pool_size),
                                    anyio.Lock() if database.is_sqlite else None)
    return state.admission


async def get_db(request: Request) -> AsyncIterator[Session]:
    """The request's session: a reader for GET and HEAD (no write lock on SQLite), a writer
    otherwise. Taking a turn happens on the event loop; the session closes in a worker thread
    (never blocking the loop), also when the client went away."""
    database, admission = request.app.state.database, _admission(request)
    reading = request.method in READS
    async with AsyncExitStack() as stack:
        if not reading and admission.writer is not None:
            await stack.enter_async_context(admission.writer)
        await stack.enter_async_context(admission.gate)
        db = (database.reader if reading else database.sessionmaker)()
        try:
            yield db
        finally:
            if db.in_transaction():  # closing rolls it back: I/O, in a worker thread
                with anyio.CancelScope(shield=True):
                    await anyio.to_thread.run_sync(db.close)
            else:  # committed (most writes): nothing left to say to the database
                db.close()


@refuses(503)
async def get_public_read_db(request: Request) -> AsyncIterator[Session]:
    """For public reads (no device, nothing written): a session on the read replica when
    `read_database_url` is set and the replica answers, else on the primary
    (`server/replica.py`). Its connection is checked out in a worker thread before the route
    runs, so an unreachable replica costs at most its connect timeout, once per retry. A
    connection that breaks during the read answers 503 (try again: the next read goes to the
    primary) instead of an error of the server."""
    database, admission = request.app.state.database, _admission(request)
    reads = database.public_reads
    async with admission.gate:
        with anyio.CancelScope(shield=True):  # a session opened is a session closed
            db = await anyio.to_thread.run_sync(reads.session)
        try:
            yield db
        except DBAPIError as exc:
            if not reads.failed(exc):
                raise
            raise Problem(503, "database_connection_lost",
                          "Se perdió la conexión con la base de datos. Inténtelo de nuevo.",
                          "The connection to the database was lost. Please try again.",
                          headers={"Retry-After": "1"}) from exc
        finally:
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(db.close)


async def raw_body(request: Request) -> bytes:
    """The request's body as sent (read on the event loop, so the route itself can be sync)."""
    return await request.body()


RawBody = Annotated[bytes, Depends(raw_body)]


def limited(action: str):
    """A route's attempts counted per device credential and per client address (the rates
    of `server.limits.RATES`): past them a 429 with Retry-After, audited once per window
    (in the request's own session: nothing else of the request is written)."""
    per_device, per_address = limits.RATES[action]

    @refuses(429)
    def check(request: Request, db: DbDep,
              authorization: Annotated[str | None, Header(include_in_schema=False)] = None
              ) -> None:
        limiter: limits.Limiter = request.app.state.limiter
        device = (authorization or "").partition(" ")[2].partition(".")[0][:12]
        keys = []
        if per_device and device:
            keys.append((f"device:{device}", per_device))
        if per_address and request.client and request.app.state.settings.limit_per_address:
            keys.append((f"address:{request.client.host}", per_address))
        for key, rate in keys:
            if (refusal := limiter.hit(f"{action}|{key}", rate)) is None:
                continue
            if refusal.first:
                audit.record_denied(db=db, by=audit.SYSTEM, action="rate_limited",
                                    target=action, details={"key": key,
                                                            "retry_after": refusal.retry_after})
            raise Problem(429, "too_many_attempts",
                          "Demasiados intentos seguidos. Espere un momento e inténtelo de nuevo.",
                          "Too many attempts in a row. Wait a moment and try again.",
                          retry_after=refusal.retry_after,
                          headers={"Retry-After": str(refusal.retry_after)})
    return Depends(check)


# Dependencies that only read what earlier ones found are `async def`: a sync one would take
# a worker thread turn of its own (a hand-off each way) for no I/O at all.
async def get_settings(request: Request) -> ServerSettings:
    return request.app.state.settings


DbDep = Annotated[Session, Depends(get_db)]
# Routes that anyone may read and that never write: served from the read replica if any.
PublicReadDbDep = Annotated[Session, Depends(get_public_read_db)]
SettingsDep = Annotated[ServerSettings, Depends(get_settings)]


@dataclass(frozen=True)
class _Caller:
    """What `current_device` read for the dependencies after it, in its one worker thread
    turn: the row of the request's session token (not yet checked) and the people it names.
    Each thread turn costs about as much as a query; a resident's payment used to take six."""

    session: Row | None
    staff: identity.StaffRef | None
    resident: identity.ResidentRef | None  # the session's resident, or whom staff act for


@refuses(401)
def current_device(request: Request, db: DbDep, settings: SettingsDep,
                   authorization: Annotated[str | None, Header()] = None) -> sites.DeviceRef:
    """The calling device: its credential, and with `require_client_cert` also a client
    certificate of that same device as the trusted proxy verified and forwarded it. With a
    session token, also its session and people (read only: `current_session` checks them)."""
    scheme, _, credential = (authorization or "").partition(" ")
    device = sites.authenticate(db=db, credential=credential if scheme == "Bearer" else None)
    check_device_certificate(request=request, db=db, settings=settings, device_id=device.id)
    found = auth.find(db=db, token=request.headers.get("x-kiosk-session"))
    subject = found and (found.resident_id or found.acting_for_resident_id)
    request.state.caller = _Caller(
        session=found,
        staff=identity.get_staff(db=db, staff_id=found.staff_id)
        if found is not None and found.staff_id is not None else None,
        resident=identity.get_resident(db=db, resident_id=subject) if subject else None)
    return device


def check_device_certificate(*, request: Request, db: Session, settings: ServerSettings,
                             device_id: int) -> None:
    """With `require_client_cert`: a 401 unless the request came through the trusted proxy
    with a verified certificate of this device (for routes that take the credential some
    other way than `Authorization`, e.g. Open311's `api_key`)."""
    if not settings.require_client_cert:
        return
    certificate = sites.forwarded_certificate(
        headers=dict(request.headers), peer=peer_host(request.scope), settings=settings)
    sites.check_client_certificate(db=db, settings=settings, device_id=device_id,
                                   certificate=certificate)


CurrentDevice = Annotated[sites.DeviceRef, Depends(current_device)]


@refuses(401)
async def current_session(
    request: Request, db: DbDep, device: CurrentDevice, settings: SettingsDep,
    x_kiosk_session: Annotated[str | None, Header()] = None,
) -> auth.SessionRef:
    """The request's session as `current_device` read it, checked here; a worker thread turn
    only when it slides (at most twice a TTL). (`x_kiosk_session` is declared here so that
    the API documents the header where it counts; `current_device` read it.)"""
    session, due = auth.check(found=request.state.caller.session, device=device,
                              settings=settings)
    if due:
        session = await anyio.to_thread.run_sync(
            lambda: auth.slide(db=db, session=session, settings=settings))
    return session


CurrentSession = Annotated[auth.SessionRef, Depends(current_session)]


async def current_actor(session: CurrentSession) -> Actor:
    if session.kind == "resident":
        return Actor(f"resident:{session.resident_id}", session.device_id,
                     f"resident:{session.resident_id}")
    on_behalf = (f"resident:{session.acting_for_resident_id}"
                 if session.acting_for_resident_id else None)
    return Actor(f"staff:{session.staff_id}", session.device_id, on_behalf)


CurrentActor = Annotated[Actor, Depends(current_actor)]


# The people of the session, read with it by `current_device`: no thread turn of their own.
@refuses(403)
async def current_staff(request: Request, session: CurrentSession) -> identity.StaffRef:
    if session.kind != "staff":
        raise Problem(403, "staff_only", "Esta opción es solo para el personal municipal.",
                      "This option is for municipal staff only.")
    return request.state.caller.staff


CurrentStaff = Annotated[identity.StaffRef, Depends(current_staff)]


async def optional_staff(request: Request, session: CurrentSession
                         ) -> identity.StaffRef | None:
    """The staff member serving at a terminal, or None when residents serve themselves."""
    return request.state.caller.staff if session.kind == "staff" else None


OptionalStaff = Annotated[identity.StaffRef | None, Depends(optional_staff)]


@refuses(403)
async def subject_resident(request: Request, session: CurrentSession) -> identity.ResidentRef:
    """The resident whose records a request reaches: one's own, or the one staff act for."""
    if session.kind != "resident" and session.acting_for_resident_id is None:
        raise Problem(403, "not_acting_for_resident",
                      "Primero busque al vecino por su DNI para atenderlo.",
                      "First look the resident up by DNI to act on their behalf.")
    return request.state.caller.resident


SubjectResident = Annotated[identity.ResidentRef, Depends(subject_resident)]


def require_roles(*roles: identity.Role):
    @refuses(403)
    def check(staff: CurrentStaff) -> identity.StaffRef:
        if staff.role not in roles and staff.role != identity.Role.ADMINISTRATOR:
            raise Problem(403, "role_forbidden", "Su rol no permite esta operación.",
                          "Your role does not allow this operation.")
        return staff
    return Depends(check)


ActsForResidents = require_roles(*identity.ACTS_FOR_RESIDENTS)


@dataclass(frozen=True)
class Once:
    """The request's Idempotency-Key on its device: `run` does the use case at most once and
    commits it with its stored answer; a retry gets that answer (a missing key is refused
    when `run` is called, so a route's own checks come first, as they always did)."""

    db: Session
    device_id: int
    key: str | None

    def run(self, *, scope: str, payload: dict, model: type[T], action: Callable[[], T]) -> T:
        return idempotency.run_once(db=self.db, device_id=self.device_id, key=self.key,
                                    scope=scope, payload=payload, model=model, action=action)


@refuses(400, 422)  # no key; a key used before with other data
async def idempotency_key(db: DbDep, device: CurrentDevice,
                    idempotency_key: Annotated[str | None, Header()] = None) -> Once:
    return Once(db=db, device_id=device.id, key=idempotency_key)


IdempotencyKey = Annotated[Once, Depends(idempotency_key)]
