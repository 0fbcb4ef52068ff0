"""Elections (server/elections): the officer's steps, the voter's ballot, the public board.

Ballot encryption and the trustees' work happen on the kiosk, in kiosk/api/voting.py.
"""

from datetime import date, datetime
from typing import Any, ClassVar

from pydantic import BaseModel, PrivateAttr

from kiosk.api.text import Text
from kiosk.api.transport import Domain

P = "/api/v1/elections"


class Candidate(BaseModel):
    server_schema: ClassVar[str] = "CandidateOut"

    id: int
    zone: int
    list_number: int
    full_name: str
    status: str


class ChallengeInfo(BaseModel):
    server_schema: ClassVar[str] = "server__elections__schemas__ChallengeOut"

    id: int
    candidate_id: int
    filed_by: str
    grounds: str
    status: str
    resolution: str | None


class RollZone(BaseModel):
    server_schema: ClassVar[str] = "RollZone"

    zone: int
    count: int
    root: str


class Election(BaseModel):
    server_schema: ClassVar[str] = "ElectionOut"

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
    server_schema: ClassVar[str] = "InclusionOut"

    included: bool
    zone: int | None = None
    leaf: str | None = None
    path: list[tuple[str, str]] = []
    root: str | None = None
    message: Text


class BallotStyle(BaseModel):
    server_schema: ClassVar[str] = "BallotStyleOut"

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
    tracker_url: str  # the tracker's public page, the tracker to be appended


class BoardReceipt(BaseModel):
    server_schema: ClassVar[str] = "BoardReceipt"

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


class TrackerStatus(BaseModel):
    server_schema: ClassVar[str] = "TrackerOut"

    found: bool
    tracker: str
    kind: str | None = None
    position: int | None = None
    status: str | None = None
    tallied: bool = False
    message: Text


class ZoneSums(BaseModel):
    server_schema: ClassVar[str] = "ZoneSums"

    zone: int
    ballots: int
    sums: list[list[str]]


class Elected(BaseModel):
    server_schema: ClassVar[str] = "ElectedOut"

    candidate: str
    list_number: int
    seat: str
    votes: int


class ZoneResult(BaseModel):
    server_schema: ClassVar[str] = "ZoneResult"

    zone: int
    zone_name: str
    on_roll: int
    ballots: int
    candidates: list[dict]
    elected: list[Elected]
    acta_code: str | None


class Results(BaseModel):
    server_schema: ClassVar[str] = "ResultsOut"

    election_id: int
    name: str
    phase: str
    zones: list[ZoneResult]


class RecordHead(BaseModel):
    """The signed head of the board, as the record carries it."""

    server_schema: ClassVar[None] = None

    election: str
    position: int
    hash: str
    signature: str
    server_key: str


class ElectionRecord(BaseModel):
    """The public record of a tallied election, its top level typed.

    The record is checked by `election_crypto.verify` on the JSON exactly as downloaded:
    `raw`, never a re-serialisation of this model.
    """

    server_schema: ClassVar[None] = None  # the route has no response model (see the test)

    format: str
    manifest: dict[str, Any]
    base_hash: str
    board: list[dict[str, Any]]
    head: RecordHead
    tally: list[dict[str, Any]]
    _raw: dict = PrivateAttr(default_factory=dict)

    @property
    def raw(self) -> dict:
        return self._raw


class ElectionIn(BaseModel):
    """A new election, as the officer drafts it (the server checks the dates' order)."""

    server_schema: ClassVar[str] = "ElectionIn"

    name: str
    zones: list[int]
    delegates: int = 3
    alternates: int = 1
    max_choices: int = 1
    tie_rule: str = "draw"
    threshold: int = 3
    trustees: list[str]
    roll_closes_on: date
    candidacies_close_on: date
    challenges_close_on: date
    voting_opens_at: datetime
    voting_closes_at: datetime


class AdvanceIn(BaseModel):
    server_schema: ClassVar[str] = "AdvanceIn"

    to: str


class CandidateIn(BaseModel):
    server_schema: ClassVar[str] = "CandidateIn"

    zone: int
    list_number: int
    dni: str
    full_name: str


class ChallengeIn(BaseModel):
    server_schema: ClassVar[str] = "ChallengeIn"

    candidate_id: int
    filed_by: str
    grounds: str


class ResolveIn(BaseModel):
    server_schema: ClassVar[str] = "ResolveIn"

    upheld: bool
    resolution: str


class KeyIn(BaseModel):
    server_schema: ClassVar[str] = "KeyIn"

    commitments: list[str]
    proof: dict[str, Any]
    verification_keys: list[str]


class CastIn(BaseModel):
    server_schema: ClassVar[str] = "CastIn"

    ballot: dict[str, Any]


class SpoilIn(BaseModel):
    server_schema: ClassVar[str] = "SpoilIn"

    ballot: dict[str, Any]
    reveal: dict[str, Any]


class PartialIn(BaseModel):
    server_schema: ClassVar[str] = "PartialIn"

    trustee: int
    zones: list[dict[str, Any]]


class Elections(Domain):
    async def all(self) -> list[Election]:
        return await self.transport.get_list(P, Election)

    async def get(self, election_id: int) -> Election:
        return await self.transport.get(f"{P}/{election_id}", Election)

    # -- the electoral officer ------------------------------------------------------------------
    async def create(self, draft: ElectionIn | dict[str, Any]) -> Election:
        body = ElectionIn.model_validate(draft)
        return await self.transport.post(P, Election, body)

    async def advance(self, election_id: int, to: str) -> Election:
        return await self.transport.post(f"{P}/{election_id}/advance", Election,
                                         AdvanceIn(to=to))

    async def add_candidate(self, election_id: int, *, zone: int, list_number: int, dni: str,
                            full_name: str) -> Candidate:
        return await self.transport.post(f"{P}/{election_id}/candidates", Candidate,
                                         CandidateIn(zone=zone, list_number=list_number,
                                                     dni=dni, full_name=full_name))

    async def file_challenge(self, election_id: int, *, candidate_id: int, filed_by: str,
                             grounds: str) -> ChallengeInfo:
        return await self.transport.post(f"{P}/{election_id}/challenges", ChallengeInfo,
                                         ChallengeIn(candidate_id=candidate_id,
                                                     filed_by=filed_by, grounds=grounds))

    async def resolve_challenge(self, election_id: int, challenge_id: int, *, upheld: bool,
                                resolution: str) -> ChallengeInfo:
        return await self.transport.post(
            f"{P}/{election_id}/challenges/{challenge_id}/resolve", ChallengeInfo,
            ResolveIn(upheld=upheld, resolution=resolution))

    async def publish_key(self, election_id: int, *, commitments: list[str], proof: dict,
                          verification_keys: list[str]) -> Election:
        """The public parts of the trustees' key ceremony (voting.hold_ceremony)."""
        return await self.transport.post(f"{P}/{election_id}/key", Election, KeyIn(
            commitments=commitments, proof=proof, verification_keys=verification_keys))

    async def tally_input(self, election_id: int) -> list[ZoneSums]:
        return await self.transport.get_list(f"{P}/{election_id}/tally-input", ZoneSums)

    async def submit_partial(self, election_id: int, *, trustee: int,
                             zones: list[dict]) -> Election:
        """A trustee's partial decryptions (voting.partial_decryption)."""
        return await self.transport.post(f"{P}/{election_id}/partials", Election,
                                         PartialIn(trustee=trustee, zones=zones))

    # -- the voter --------------------------------------------------------------------------------
    async def my_inclusion(self, election_id: int) -> Inclusion:
        """Whether the resident is on the roll, with the Merkle path that proves it."""
        return await self.transport.get(f"{P}/{election_id}/roll/me", Inclusion)

    async def ballot_style(self, election_id: int) -> BallotStyle:
        return await self.transport.get(f"{P}/{election_id}/ballot", BallotStyle)

    async def cast(self, election_id: int, ballot: dict, *, idempotency_key: str
                   ) -> BoardReceipt:
        return await self.transport.post(f"{P}/{election_id}/ballots", BoardReceipt,
                                         CastIn(ballot=ballot),
                                         idempotency_key=idempotency_key)

    async def spoil(self, election_id: int, ballot: dict, reveal: dict, *,
                    idempotency_key: str) -> BoardReceipt:
        """Check a ballot instead of casting it: its randomness is revealed and posted."""
        return await self.transport.post(f"{P}/{election_id}/spoiled", BoardReceipt,
                                         SpoilIn(ballot=ballot, reveal=reveal),
                                         idempotency_key=idempotency_key)

    # -- anyone -----------------------------------------------------------------------------------
    async def tracker(self, election_id: int, tracker: str) -> TrackerStatus:
        return await self.transport.get(f"{P}/{election_id}/trackers/{tracker}", TrackerStatus)

    async def results(self, election_id: int) -> Results:
        return await self.transport.get(f"{P}/{election_id}/results", Results)

    async def record(self, election_id: int) -> ElectionRecord:
        """The public record; verify `record.raw` (the JSON as it came) with election_crypto."""
        raw = (await self.transport.request("GET", f"{P}/{election_id}/record")).json()
        record = ElectionRecord.model_validate(raw)
        record._raw = raw
        return record
