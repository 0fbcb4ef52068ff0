"""The council's wire models."""

from datetime import date, datetime

from pydantic import BaseModel, Field

from server.kernel.text import Text


class CouncilMemberOut(BaseModel):
    code: str
    name: str
    role: str
    party: str
    committees: list[str]
    able: bool  # not on leave nor suspended today
    absence: str | None = None  # licencia | suspension


class CouncilOut(BaseModel):
    term: str
    regidores: int
    legal_number: int
    able: int
    quorum: int
    members: list[CouncilMemberOut]


class CouncilAbsenceIn(BaseModel):
    kind: str = Field(pattern="^(licencia|suspension)$")
    starts_on: date
    ends_on: date
    reason: str = Field(min_length=3, max_length=300)


class CouncilItemIn(BaseModel):
    section: str = Field(pattern="^(acta|despacho|informes|pedidos|orden_del_dia)$")
    title: str = Field(min_length=3, max_length=300)
    kind: str = Field(default="none", pattern="^(acuerdo|ordenanza|none)$")
    majority: str = Field(default="simple", pattern="^(simple|absoluta|dos_tercios)$")


class CouncilSessionIn(BaseModel):
    kind: str = Field(pattern="^(ordinaria|extraordinaria|solemne)$")
    title: str = Field(min_length=3, max_length=200)
    starts_at: datetime
    place: str = Field(default="Salón de Sesiones, Palacio Municipal", max_length=200)
    stream_url: str | None = Field(default=None, max_length=300)
    items: list[CouncilItemIn] = Field(default_factory=list, max_length=60)


class CouncilPostponeIn(BaseModel):
    starts_at: datetime
    requested_by: list[str] = Field(max_length=40)  # member codes


class CouncilRollCallIn(BaseModel):
    present: list[str] = Field(max_length=40)  # member codes


class CouncilVoteIn(BaseModel):
    member: str
    option: str = Field(pattern="^(a_favor|en_contra|abstencion|ausente)$")


class CouncilMinutesIn(BaseModel):
    text: str = Field(min_length=3, max_length=100_000)


class CouncilApproveMinutesIn(BaseModel):
    in_session: str


class CouncilVoteOut(BaseModel):
    member: str
    name: str
    option: str


class CouncilItemOut(BaseModel):
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
    votes: list[CouncilVoteOut] = Field(default_factory=list)


class CouncilAttendanceOut(BaseModel):
    member: str
    name: str
    status: str


class CouncilSessionOut(BaseModel):
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
    items: list[CouncilItemOut]
    attendance: list[CouncilAttendanceOut]
    minutes_approved: bool


class CouncilAgreementOut(BaseModel):
    number: str
    kind: str
    kind_text: Text
    title: str
    session: str
    adopted_on: date
    document_code: str
    verify_url: str


class CouncilMinutesOut(BaseModel):
    session: str
    state: str
    text: str
    approved_in: str | None = None
