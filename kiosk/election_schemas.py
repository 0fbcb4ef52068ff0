"""The elections' wire contract as the kiosk sees it (mirrors server/elections/schemas.py)."""

from datetime import date, datetime

from pydantic import BaseModel

from kiosk.schemas import Text


class Candidate(BaseModel):
    id: int
    zone: int
    list_number: int
    full_name: str
    status: str


class ChallengeInfo(BaseModel):
    id: int
    candidate_id: int
    filed_by: str
    grounds: str
    status: str
    resolution: str | None


class RollZone(BaseModel):
    zone: int
    count: int
    root: str


class Election(BaseModel):
    id: int
    uid: str
    name: str
    phase: str
    zones: list[int]
    delegates: int
    alternates: int
    max_choices: int
    tie_rule: str
    threshold: int
    trustees: list[str]
    roll_closes_on: date
    candidacies_close_on: date
    challenges_close_on: date
    voting_opens_at: datetime
    voting_closes_at: datetime
    roll: list[RollZone] | None
    public_key: str | None
    base_hash: str | None
    board_size: int
    head_hash: str | None
    candidates: list[Candidate]
    challenges: list[ChallengeInfo]


class Inclusion(BaseModel):
    included: bool
    zone: int | None = None
    leaf: str | None = None
    path: list[tuple[str, str]] = []
    root: str | None = None
    message: Text


class BallotStyle(BaseModel):
    election_id: int
    name: str
    base_hash: str
    public_key: str
    zone: int
    zone_name: str
    max_choices: int
    nonce: str
    candidates: list[Candidate]
    voting_closes_at: datetime
    already_voted: bool


class BoardReceipt(BaseModel):
    kind: str
    tracker: str
    position: int
    previous_hash: str
    entry_hash: str
    head_signature: str
    server_key: str
    election_name: str
    zone: int
    verify_url: str


class TrackerStatus(BaseModel):
    found: bool
    tracker: str
    kind: str | None = None
    position: int | None = None
    status: str | None = None
    tallied: bool = False
    message: Text


class ZoneSums(BaseModel):
    zone: int
    ballots: int
    sums: list[list[str]]


class Elected(BaseModel):
    candidate: str
    list_number: int
    seat: str
    votes: int


class ZoneResult(BaseModel):
    zone: int
    zone_name: str
    on_roll: int
    ballots: int
    candidates: list[dict]
    elected: list[Elected]
    acta_code: str | None


class Results(BaseModel):
    election_id: int
    name: str
    phase: str
    zones: list[ZoneResult]
