"""Sesión de Concejo (server/council): the council and its members, the calendar of sessions
with their agenda, each session's roll call and votes, the agreements and ordinances
(searchable, printable as verifiable documents), the live feed (server-sent events,
resumable with Last-Event-ID); the council secretary's steps."""

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from pydantic import BaseModel

from kiosk.api.text import Text
from kiosk.api.transport import Domain

C = "/api/v1/council"


class Member(BaseModel):
    server_schema: ClassVar[str] = "CouncilMemberOut"

    code: str
    name: str
    role: str
    party: str
    committees: list[str] = []
    able: bool
    absence: str | None = None


class Council(BaseModel):
    server_schema: ClassVar[str] = "CouncilOut"

    term: str
    regidores: int
    legal_number: int
    able: int
    quorum: int
    members: list[Member]


class AbsenceIn(BaseModel):
    server_schema: ClassVar[str] = "CouncilAbsenceIn"

    kind: str
    starts_on: date
    ends_on: date
    reason: str


class ItemIn(BaseModel):
    server_schema: ClassVar[str] = "CouncilItemIn"

    section: str
    title: str
    kind: str = "none"
    majority: str = "simple"


class SessionIn(BaseModel):
    server_schema: ClassVar[str] = "CouncilSessionIn"

    kind: str
    title: str
    starts_at: datetime
    place: str = "Salón de Sesiones, Palacio Municipal"
    stream_url: str | None = None
    items: list[ItemIn] = []


class PostponeIn(BaseModel):
    server_schema: ClassVar[str] = "CouncilPostponeIn"

    starts_at: datetime
    requested_by: list[str]


class RollCallIn(BaseModel):
    server_schema: ClassVar[str] = "CouncilRollCallIn"

    present: list[str]


class VoteIn(BaseModel):
    server_schema: ClassVar[str] = "CouncilVoteIn"

    member: str
    option: str


class MinutesIn(BaseModel):
    server_schema: ClassVar[str] = "CouncilMinutesIn"

    text: str


class ApproveMinutesIn(BaseModel):
    server_schema: ClassVar[str] = "CouncilApproveMinutesIn"

    in_session: str


class VoteCast(BaseModel):
    server_schema: ClassVar[str] = "CouncilVoteOut"

    member: str
    name: str
    option: str


class Item(BaseModel):
    server_schema: ClassVar[str] = "CouncilItemOut"

    seq: int
    section: str
    section_text: Text
    title: str
    kind: str
    majority: str
    majority_text: Text
    state: str
    offset_seconds: int | None = None
    result: str | None = None
    counts: dict[str, int] | None = None
    needed: int | None = None
    agreement: str | None = None
    votes: list[VoteCast] = []


class Attendance(BaseModel):
    server_schema: ClassVar[str] = "CouncilAttendanceOut"

    member: str
    name: str
    status: str


class Session(BaseModel):
    server_schema: ClassVar[str] = "CouncilSessionOut"

    code: str
    kind: str
    kind_text: Text
    title: str
    place: str
    stream_url: str | None = None
    convened_on: date
    starts_at: datetime
    postponed_from: datetime | None = None
    state: str
    state_text: Text
    second_call_at: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    legal_number: int
    able: int
    quorum: int
    present: int | None = None
    current_item: int | None = None
    last_event: int
    items: list[Item]
    attendance: list[Attendance]
    minutes_approved: bool

    def item(self, seq: int | None) -> Item | None:
        return next((i for i in self.items if i.seq == seq), None)


class Agreement(BaseModel):
    server_schema: ClassVar[str] = "CouncilAgreementOut"

    number: str
    kind: str
    kind_text: Text
    title: str
    session: str
    adopted_on: date
    document_code: str
    verify_url: str


class Minutes(BaseModel):
    server_schema: ClassVar[str] = "CouncilMinutesOut"

    session: str
    state: str
    text: str
    approved_in: str | None = None


@dataclass(frozen=True)
class LiveEvent:
    """One server-sent event of a session (the stream's frames, not an OpenAPI schema)."""

    id: int
    kind: str
    data: dict


def parse_sse(lines: list[str]) -> LiveEvent | None:
    """One SSE frame (its lines, without the blank one) as an event; comments and the
    retry hint give None."""
    fields: dict[str, str] = {}
    for line in lines:
        if not line or line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        fields[name] = value[1:] if value.startswith(" ") else value
    if "id" not in fields or "data" not in fields:
        return None
    return LiveEvent(id=int(fields["id"]), kind=fields.get("event", "message"),
                     data=json.loads(fields["data"]))


class API(Domain):
    # -- anyone at a kiosk -------------------------------------------------------------------
    async def council(self) -> Council:
        return await self.transport.get(C, Council)

    async def sessions(self, *, start: date | None = None, days: int = 62) -> list[Session]:
        params = {"days": str(days)}
        if start:
            params["start"] = start.isoformat()
        return await self.transport.get_list(f"{C}/sessions", Session, params=params)

    async def session(self, code: str) -> Session:
        return await self.transport.get(f"{C}/sessions/{code}", Session)

    async def agreements(self, q: str | None = None) -> list[Agreement]:
        return await self.transport.get_list(f"{C}/agreements", Agreement,
                                             params={"q": q} if q else None)

    async def minutes(self, code: str) -> Minutes:
        return await self.transport.get(f"{C}/sessions/{code}/minutes", Minutes)

    async def follow(self, code: str, *, last_event_id: int = 0
                     ) -> AsyncIterator[LiveEvent]:
        """The session's live events after `last_event_id`, as they happen (until the caller
        stops iterating or the connection drops: then resume with the last id seen)."""
        headers = self.transport._headers(None, None)
        if last_event_id:
            headers["Last-Event-ID"] = str(last_event_id)
        headers["Accept"] = "text/event-stream"
        async with self.transport._http.stream("GET", f"{C}/sessions/{code}/live",
                                               headers=headers, timeout=None) as response:
            if response.status_code >= 400:
                from kiosk.api.errors import problem

                await response.aread()
                raise problem(response.status_code, response.json())
            frame: list[str] = []
            async for line in response.aiter_lines():
                if line:
                    frame.append(line)
                    continue
                event = parse_sse(frame)
                frame = []
                if event is not None:
                    yield event

    # -- the council secretary -----------------------------------------------------------------
    async def add_absence(self, member: str, *, kind: str, starts_on: date, ends_on: date,
                          reason: str) -> Council:
        return await self.transport.post(f"{C}/members/{member}/absences", Council, AbsenceIn(
            kind=kind, starts_on=starts_on, ends_on=ends_on, reason=reason))

    async def convene(self, body: SessionIn | dict) -> Session:
        return await self.transport.post(f"{C}/sessions", Session,
                                         SessionIn.model_validate(body))

    async def add_items(self, code: str, items: list[ItemIn | dict]) -> Session:
        response = await self.transport.request(
            "POST", f"{C}/sessions/{code}/items",
            json=[ItemIn.model_validate(i).model_dump(mode="json") for i in items])
        return Session.model_validate(response.json())

    async def postpone(self, code: str, *, starts_at: datetime, requested_by: list[str]
                       ) -> Session:
        return await self.transport.post(f"{C}/sessions/{code}/postpone", Session,
                                         PostponeIn(starts_at=starts_at,
                                                    requested_by=requested_by))

    async def roll_call(self, code: str, present: list[str]) -> Session:
        return await self.transport.post(f"{C}/sessions/{code}/roll-call", Session,
                                         RollCallIn(present=present))

    async def open_item(self, code: str, seq: int) -> Session:
        return await self.transport.post(f"{C}/sessions/{code}/items/{seq}/open", Session)

    async def vote(self, code: str, seq: int, *, member: str, option: str,
                   idempotency_key: str) -> Session:
        return await self.transport.post(f"{C}/sessions/{code}/items/{seq}/votes", Session,
                                         VoteIn(member=member, option=option),
                                         idempotency_key=idempotency_key)

    async def close_vote(self, code: str, seq: int) -> Session:
        return await self.transport.post(f"{C}/sessions/{code}/items/{seq}/close", Session)

    async def end(self, code: str) -> Session:
        return await self.transport.post(f"{C}/sessions/{code}/end", Session)

    async def draft_minutes(self, code: str) -> Minutes:
        return await self.transport.get(f"{C}/sessions/{code}/minutes/draft", Minutes)

    async def edit_minutes(self, code: str, text: str) -> Minutes:
        response = await self.transport.request("PUT", f"{C}/sessions/{code}/minutes",
                                                json=MinutesIn(text=text).model_dump())
        return Minutes.model_validate(response.json())

    async def approve_minutes(self, code: str, *, in_session: str) -> Minutes:
        return await self.transport.post(f"{C}/sessions/{code}/minutes/approve", Minutes,
                                         ApproveMinutesIn(in_session=in_session))
