from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from server.kernel.text import Text


class ElectionIn(BaseModel):
    name: str = Field(min_length=3, max_length=160)
    zones: list[int] = Field(min_length=1)
    delegates: int = Field(default=3, ge=1, le=10)
    alternates: int = Field(default=1, ge=0, le=10)
    max_choices: int = Field(default=1, ge=1, le=10)
    tie_rule: str = Field(default="draw", pattern="^(draw|list_order)$")
    threshold: int = Field(default=3, ge=1)
    trustees: list[str] = Field(min_length=1, max_length=15)
    roll_closes_on: date
    candidacies_close_on: date
    challenges_close_on: date
    voting_opens_at: datetime
    voting_closes_at: datetime

    @model_validator(mode="after")
    def _in_order(self) -> "ElectionIn":
        if self.threshold > len(self.trustees):
            raise ValueError("threshold above the number of trustees")
        if not (self.roll_closes_on <= self.candidacies_close_on <= self.challenges_close_on
                <= self.voting_opens_at.date() and self.voting_opens_at < self.voting_closes_at):
            raise ValueError("phase dates out of order")
        return self


class CandidateIn(BaseModel):
    zone: int
    list_number: int = Field(ge=1, le=99)
    dni: str = Field(pattern=r"^\d{8}$")
    full_name: str = Field(min_length=3, max_length=160)


class CandidateOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    zone: int
    list_number: int
    full_name: str
    status: str


class ChallengeIn(BaseModel):
    candidate_id: int
    filed_by: str = Field(min_length=3, max_length=160)
    grounds: str = Field(min_length=5, max_length=400)


class ResolveIn(BaseModel):
    upheld: bool
    resolution: str = Field(min_length=5, max_length=400)


class ChallengeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

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


class ElectionOut(BaseModel):
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
    candidates: list[CandidateOut]
    challenges: list[ChallengeOut]


class KeyIn(BaseModel):
    """The public parts of a key ceremony held at a staff terminal."""
    commitments: list[str]
    proof: dict
    verification_keys: list[str]


class InclusionOut(BaseModel):
    included: bool
    zone: int | None = None
    leaf: str | None = None
    path: list[tuple[str, str]] = []
    root: str | None = None
    message: Text


class BallotStyleOut(BaseModel):
    election_id: int
    name: str
    base_hash: str
    public_key: str
    zone: int
    zone_name: str
    max_choices: int
    nonce: str
    candidates: list[CandidateOut]
    voting_closes_at: datetime
    already_voted: bool
    tracker_url: str  # the tracker's public page, the tracker to be appended


class CastIn(BaseModel):
    ballot: dict


class SpoilIn(BaseModel):
    ballot: dict
    reveal: dict


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
    tracker_digits: str  # the tracker's digits-only form (typeable on a 12-key keypad)


class TrackerOut(BaseModel):
    found: bool
    tracker: str
    kind: str | None = None
    position: int | None = None
    status: str | None = None  # counted | superseded | spoiled
    tallied: bool = False
    message: Text


class ZoneSums(BaseModel):
    zone: int
    ballots: int
    sums: list[list[str]]


class PartialIn(BaseModel):
    trustee: int
    zones: list[dict]


class ElectedOut(BaseModel):
    candidate: str
    list_number: int
    seat: str
    votes: int


class ZoneResult(BaseModel):
    zone: int
    zone_name: str
    on_roll: int
    ballots: int
    candidates: list[dict]  # {name, list_number, votes}
    elected: list[ElectedOut]
    acta_code: str | None


class ResultsOut(BaseModel):
    election_id: int
    name: str
    phase: str
    zones: list[ZoneResult]
