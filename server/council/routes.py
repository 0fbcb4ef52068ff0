import asyncio
import json
from datetime import date, datetime, time, timedelta
from typing import Annotated

import anyio
from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import Response, StreamingResponse

from server.audit.service import Actor
from server.council import live, members, sessions, views
from server.council import minutes as acta
from server.council.members import Who
from server.council.models import Session
from server.council.schemas import (
    CouncilAbsenceIn,
    CouncilAgreementOut,
    CouncilApproveMinutesIn,
    CouncilItemIn,
    CouncilMinutesIn,
    CouncilMinutesOut,
    CouncilOut,
    CouncilPostponeIn,
    CouncilRollCallIn,
    CouncilSessionIn,
    CouncilSessionOut,
    CouncilVoteIn,
)
from server.deps import (
    CurrentActor,
    CurrentDevice,
    DbDep,
    IdempotencyKey,
    PublicReadDbDep,
    SettingsDep,
    require_roles,
)
from server.errors import Problem, problem_responses
from server.identity.service import Role, StaffRef
from server.sites.service import DeviceRef
from server.timeutil import LIMA, IsoDate, today

# The refusals this domain's services, and those of the domains it reaches, may answer.
REFUSALS = problem_responses(401, 403, 404, 409, 422, 503)
router = APIRouter(prefix="/council", tags=["council"], responses=REFUSALS)
public_router = APIRouter(prefix="/council", tags=["council"], responses=REFUSALS)
Secretary = Annotated[StaffRef, require_roles(Role.COUNCIL_SECRETARY)]
MAX_DAYS = 366
POLL_SECONDS = 1.0  # a subscriber also reads the table this often (events from elsewhere)
KEEPALIVE = 15  # polls between comment lines that keep proxies from closing the stream


def _span(start: date | None, days: int) -> tuple[datetime, datetime]:
    first = datetime.combine(start or today(), time(0), tzinfo=LIMA)
    return first, first + timedelta(days=days)


# -- anyone at a kiosk ----------------------------------------------------------------------
@router.get("", response_model=CouncilOut)
def council(db: DbDep) -> CouncilOut:
    on = today()
    term = members.term_on(db, on)
    out = members.absences_on(db, term, on)
    legal, able, quorum = members.able_and_quorum(db, term, on)
    return CouncilOut(term=term.code, regidores=term.regidores, legal_number=legal, able=able,
                      quorum=quorum, members=[views.member_out(m, out.get(m.id))
                                              for m in members.members(db, term)])


@router.get("/sessions", response_model=list[CouncilSessionOut])
def calendar(db: DbDep, start: IsoDate | None = None,
             days: Annotated[int, Query(ge=1, le=MAX_DAYS)] = 62) -> list[CouncilSessionOut]:
    return [views.session_out(db, s) for s in views.calendar(db, *_span(start, days))]


@router.get("/sessions/{code}", response_model=CouncilSessionOut)
def session(code: str, db: DbDep) -> CouncilSessionOut:
    return views.session_out(db, sessions.get(db, code))


@router.get("/agreements", response_model=list[CouncilAgreementOut])
def agreements(db: DbDep, settings: SettingsDep,
               q: Annotated[str | None, Query(max_length=100)] = None) -> list[CouncilAgreementOut]:
    return views.agreements(db, q=q, base_url=settings.public_base_url)


# -- the council secretary ------------------------------------------------------------------
def _who(actor: Actor, device: DeviceRef) -> Who:
    return Who(by=actor, device=device)


def _step(db, code: str, action) -> CouncilSessionOut:
    row = sessions.get(db, code, lock=True)
    action(row)
    db.commit()
    return views.session_out(db, row)


@router.post("/members/{code}/absences", response_model=CouncilOut)
def add_absence(code: str, body: CouncilAbsenceIn, db: DbDep, device: CurrentDevice,
                _: Secretary, actor: CurrentActor) -> CouncilOut:
    members.add_absence(db=db, who=_who(actor, device), code=code, body=body)
    db.commit()
    return council(db)


@router.post("/sessions", response_model=CouncilSessionOut)
def convene(body: CouncilSessionIn, db: DbDep, device: CurrentDevice, _: Secretary,
            actor: CurrentActor) -> CouncilSessionOut:
    row = sessions.convene(db=db, who=_who(actor, device), body=body)
    db.commit()
    return views.session_out(db, row)


@router.post("/sessions/{code}/items", response_model=CouncilSessionOut)
def add_items(code: str, body: list[CouncilItemIn], db: DbDep, device: CurrentDevice,
              _: Secretary, actor: CurrentActor) -> CouncilSessionOut:
    return _step(db, code, lambda s: sessions.add_items(db=db, who=_who(actor, device),
                                                        session=s, new=body))


@router.post("/sessions/{code}/postpone", response_model=CouncilSessionOut)
def postpone(code: str, body: CouncilPostponeIn, db: DbDep, device: CurrentDevice, _: Secretary,
             actor: CurrentActor) -> CouncilSessionOut:
    return _step(db, code, lambda s: sessions.postpone(
        db=db, who=_who(actor, device), session=s, starts_at=body.starts_at,
        requested_by=body.requested_by))


@router.post("/sessions/{code}/roll-call", response_model=CouncilSessionOut)
def roll_call(code: str, body: CouncilRollCallIn, db: DbDep, device: CurrentDevice, _: Secretary,
              actor: CurrentActor) -> CouncilSessionOut:
    return _step(db, code, lambda s: sessions.roll_call(db=db, who=_who(actor, device),
                                                        session=s, present=body.present))


@router.post("/sessions/{code}/items/{seq}/open", response_model=CouncilSessionOut)
def open_item(code: str, seq: int, db: DbDep, device: CurrentDevice, _: Secretary,
              actor: CurrentActor) -> CouncilSessionOut:
    return _step(db, code, lambda s: sessions.open_item(db=db, who=_who(actor, device),
                                                        session=s, seq=seq))


@router.post("/sessions/{code}/items/{seq}/votes", response_model=CouncilSessionOut)
def vote(code: str, seq: int, body: CouncilVoteIn, db: DbDep, device: CurrentDevice, _: Secretary,
         actor: CurrentActor, once: IdempotencyKey) -> CouncilSessionOut:
    """One member's vote, counted exactly once per Idempotency-Key."""
    def action() -> CouncilSessionOut:
        row = sessions.get(db, code, lock=True)
        sessions.vote(db=db, who=_who(actor, device), session=row, seq=seq, code=body.member,
                      option=body.option)
        return views.session_out(db, row)

    return once.run(scope="council.vote", payload={"session": code, "seq": seq,
                                                   **body.model_dump()},
                    model=CouncilSessionOut, action=action)


@router.post("/sessions/{code}/items/{seq}/close", response_model=CouncilSessionOut)
def close_vote(code: str, seq: int, db: DbDep, device: CurrentDevice, _: Secretary,
               actor: CurrentActor) -> CouncilSessionOut:
    return _step(db, code, lambda s: sessions.close_vote(db=db, who=_who(actor, device),
                                                         session=s, seq=seq))


@router.post("/sessions/{code}/end", response_model=CouncilSessionOut)
def end(code: str, db: DbDep, device: CurrentDevice, _: Secretary,
        actor: CurrentActor) -> CouncilSessionOut:
    return _step(db, code, lambda s: sessions.end(db=db, who=_who(actor, device), session=s))


def _minutes_out(db, session: Session, row) -> CouncilMinutesOut:
    at = db.get(Session, row.approved_in) if row.approved_in else None
    return CouncilMinutesOut(session=session.code, state=row.state, text=row.text,
                      approved_in=at.code if at else None)


@router.get("/sessions/{code}/minutes/draft", response_model=CouncilMinutesOut)
def draft(code: str, db: DbDep, _: Secretary) -> CouncilMinutesOut:
    row = sessions.get(db, code)
    return _minutes_out(db, row, acta.minutes_of(db, row))


@router.put("/sessions/{code}/minutes", response_model=CouncilMinutesOut)
def edit_minutes(code: str, body: CouncilMinutesIn, db: DbDep, device: CurrentDevice, _: Secretary,
                 actor: CurrentActor) -> CouncilMinutesOut:
    row = sessions.get(db, code, lock=True)
    m = acta.edit_minutes(db=db, who=_who(actor, device), session=row, text=body.text)
    db.commit()
    return _minutes_out(db, row, m)


@router.post("/sessions/{code}/minutes/approve", response_model=CouncilMinutesOut)
def approve_minutes(code: str, body: CouncilApproveMinutesIn, db: DbDep, device: CurrentDevice,
                    _: Secretary, actor: CurrentActor) -> CouncilMinutesOut:
    row = sessions.get(db, code, lock=True)
    m = acta.approve_minutes(db=db, who=_who(actor, device), session=row,
                                 at=sessions.get(db, body.in_session))
    db.commit()
    return _minutes_out(db, row, m)


# -- anyone, no device: the minutes once approved, the live feed, open formats ---------------
@public_router.get("/sessions/{code}/minutes", response_model=CouncilMinutesOut)
def minutes(code: str, db: DbDep) -> CouncilMinutesOut:
    """The approved minutes; a draft is never public."""
    row = sessions.get(db, code)
    m = acta.minutes_of(db, row)
    if m.state != "aprobada":
        raise Problem(404, "council_minutes_not_approved",
                      "El acta de esta sesión aún no está aprobada.",
                      "The minutes of this session are not approved yet.")
    return _minutes_out(db, row, m)


def _sse(e: live.LiveEvent) -> str:
    return f"id: {e.seq}\nevent: {e.kind}\ndata: {json.dumps(e.data, ensure_ascii=False)}\n\n"


@public_router.get("/sessions/{code}/live", response_class=StreamingResponse,
                   responses={200: {"content": {"text/event-stream": {}}}})
async def follow(code: str, request: Request,
                 last_event_id: Annotated[str | None, Header()] = None,
                 since: Annotated[int | None, Query(ge=0)] = None) -> StreamingResponse:
    """The session as it happens, as server-sent events (`id` is the event's number:
    reconnect with `Last-Event-ID` to get exactly what was missed)."""
    database = request.app.state.database
    code = code.strip().upper()

    def read(after: int) -> list[live.LiveEvent]:
        with database.reader() as db:
            return live.read_after(db, code, after)

    def exists() -> bool:
        with database.reader() as db:
            sessions.get(db, code)
            return True

    await anyio.to_thread.run_sync(exists)
    try:
        start = int(last_event_id) if last_event_id else (since or 0)
    except ValueError:
        start = since or 0
    pool = database.engine.pool

    async def stream():
        last, idle = start, 0
        echoed, _ = live.HUB.echoes_after(pool, code, None)
        yield "retry: 1000\n\n"
        while True:
            waker = live.HUB.waiter()
            echoed, echoes = live.HUB.echoes_after(pool, code, echoed)
            if echoes:
                yield "".join(f"event: echo\ndata: {json.dumps(e)}\n\n" for e in echoes)
            events = live.HUB.after(pool, code, last)
            if events is None:
                events = await anyio.to_thread.run_sync(read, last)
            if events:
                idle = 0
                yield "".join(_sse(e) for e in events)
                last = events[-1].seq
                continue
            try:
                await asyncio.wait_for(waker.wait(), POLL_SECONDS)
            except TimeoutError:
                events = await anyio.to_thread.run_sync(read, last)
                if events:
                    yield "".join(_sse(e) for e in events)
                    last = events[-1].seq
                idle += 1
                if idle % KEEPALIVE == 0:
                    yield ": keepalive\n\n"

    return StreamingResponse(stream(), media_type="text/event-stream", headers={
        "Cache-Control": "no-cache", "X-Accel-Buffering": "no", "Connection": "keep-alive"})


@router.post("/sessions/{code}/echo", status_code=204)
def echo(code: str, body: dict, request: Request, settings: SettingsDep, _: Secretary) -> None:
    """On a demo server only: the same frame to every follower, written nowhere (the
    benchmark's baseline for the vote-to-kiosk latency)."""
    if not settings.demo:
        raise Problem(404, "not_found", "No existe.", "Not found.")
    live.HUB.echo(request.app.state.database.engine.pool, code.strip().upper(), body)


@public_router.get("/calendar.ics", response_class=Response,
                   responses={200: {"content": {"text/calendar": {}}}})
def calendar_ics(db: PublicReadDbDep, settings: SettingsDep, start: IsoDate | None = None,
                 days: Annotated[int, Query(ge=1, le=MAX_DAYS)] = 92) -> Response:
    body = views.calendar_ics(db, start=_span(start, days)[0], end=_span(start, days)[1],
                              base_url=settings.public_base_url)
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'inline; filename="concejo.ics"'})


@public_router.get("/ocd/organizations")
def ocd_organizations(db: PublicReadDbDep) -> dict:
    return {"results": [views.ocd_organization(db)]}


@public_router.get("/ocd/people")
def ocd_people(db: PublicReadDbDep) -> dict:
    return {"results": views.ocd_people(db)}


@public_router.get("/ocd/events")
def ocd_events(db: PublicReadDbDep, start: IsoDate | None = None,
               days: Annotated[int, Query(ge=1, le=MAX_DAYS)] = 92) -> dict:
    first, last = _span(start or today() - timedelta(days=31), days)
    return {"results": [views.ocd_event(db, s) for s in views.calendar(db, first, last)]}


@public_router.get("/ocd/events/{code}")
def ocd_event(code: str, db: PublicReadDbDep) -> dict:
    return views.ocd_event(db, sessions.get(db, code))


@public_router.get("/ocd/votes")
def ocd_votes(db: PublicReadDbDep, session: str) -> dict:
    return {"results": views.ocd_votes(db, sessions.get(db, session))}


