from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from server.auth.service import SessionRef
from server.deps import (
    CurrentActor,
    CurrentDevice,
    CurrentSession,
    DbDep,
    IdempotencyKey,
    PublicReadDbDep,
    SettingsDep,
    require_roles,
)
from server.elections import pages, service
from server.elections.schemas import (
    BallotStyleOut,
    BoardReceipt,
    CandidateIn,
    CandidateOut,
    CastIn,
    ChallengeIn,
    ChallengeOut,
    ElectionIn,
    ElectionOut,
    InclusionOut,
    KeyIn,
    PartialIn,
    ResolveIn,
    ResultsOut,
    SpoilIn,
    TrackerOut,
    ZoneSums,
)
from server.errors import Problem, problem_responses
from server.identity.service import Role
from server.kernel.ids import MAX_ID

# The refusals this domain's services, and those of the domains it reaches, may answer.
REFUSALS = problem_responses(401, 403, 404, 409, 422, 423)
router = APIRouter(prefix="/elections", tags=["elections"], responses=REFUSALS)
public_router = APIRouter(prefix="/elections", tags=["elections"], responses=REFUSALS)
root_router = APIRouter(tags=["verify"], responses=REFUSALS)  # the page a vote receipt's QR opens
Officer = require_roles(Role.ELECTION_OFFICER)


class AdvanceIn(BaseModel):
    to: Literal["roll", "candidacies", "challenges", "ready", "voting", "closed"]


def _voter(session: CurrentSession) -> SessionRef:
    """Only residents vote, at a kiosk with their own card: staff never vote for anyone."""
    if session.kind != "resident":
        raise Problem(403, "vote_in_person",
                      "Cada vecino vota personalmente en un quiosco con su DNI.",
                      "Each resident votes in person at a kiosk with their ID card.")
    if session.method != "card":
        raise Problem(403, "vote_needs_card",
                      "Para votar, identifíquese con su DNI electrónico en el lector del "
                      "quiosco (tarjeta y PIN).",
                      "To vote, identify yourself with your electronic ID card in the kiosk's "
                      "reader (card and PIN).")
    return session


# The voter's own session: a resident identified by their ID card (never a PIN, never staff).
Voter = Annotated[SessionRef, Depends(_voter)]


@router.get("", response_model=list[ElectionOut])
def list_elections(db: DbDep) -> list[ElectionOut]:
    return [service.election_out(db=db, election=e) for e in service.list_all(db=db)]


@router.post("", response_model=ElectionOut, dependencies=[Officer])
def create(body: ElectionIn, db: DbDep, actor: CurrentActor) -> ElectionOut:
    election = service.create(db=db, by=actor, data=body)
    db.commit()
    return service.election_out(db=db, election=election)


@router.get("/{election_id}", response_model=ElectionOut)
def get(election_id: int, db: DbDep) -> ElectionOut:
    return service.election_out(db=db, election=service.get(db=db, election_id=election_id))


@router.post("/{election_id}/advance", response_model=ElectionOut, dependencies=[Officer])
def advance(election_id: int, body: AdvanceIn, db: DbDep, actor: CurrentActor,
            settings: SettingsDep) -> ElectionOut:
    election = service.advance(db=db, by=actor, election_id=election_id, to=body.to,
                               data_dir=settings.data_dir)
    db.commit()
    return service.election_out(db=db, election=election)


@router.post("/{election_id}/candidates", response_model=CandidateOut, dependencies=[Officer])
def add_candidate(election_id: int, body: CandidateIn, db: DbDep,
                  actor: CurrentActor) -> CandidateOut:
    c = service.add_candidate(db=db, by=actor, election_id=election_id, data=body)
    db.commit()
    return CandidateOut.model_validate(c)


@router.post("/{election_id}/challenges", response_model=ChallengeOut, dependencies=[Officer])
def file_challenge(election_id: int, body: ChallengeIn, db: DbDep,
                   actor: CurrentActor) -> ChallengeOut:
    challenge = service.file_challenge(db=db, by=actor, election_id=election_id, data=body)
    db.commit()
    return ChallengeOut.model_validate(challenge)


@router.post("/{election_id}/challenges/{challenge_id}/resolve", response_model=ChallengeOut,
             dependencies=[Officer])
def resolve_challenge(election_id: int, challenge_id: int, body: ResolveIn, db: DbDep,
                      actor: CurrentActor) -> ChallengeOut:
    challenge = service.resolve_challenge(db=db, by=actor, election_id=election_id,
                                          challenge_id=challenge_id, data=body)
    db.commit()
    return ChallengeOut.model_validate(challenge)


@router.post("/{election_id}/key", response_model=ElectionOut, dependencies=[Officer])
def publish_key(election_id: int, body: KeyIn, db: DbDep, actor: CurrentActor) -> ElectionOut:
    election = service.publish_key(db=db, by=actor, election_id=election_id, data=body)
    db.commit()
    return service.election_out(db=db, election=election)


@router.get("/{election_id}/roll/me", response_model=InclusionOut)
def my_inclusion(election_id: int, db: DbDep, voter: Voter) -> InclusionOut:
    return service.inclusion(db=db, election_id=election_id, resident_id=voter.resident_id)


@router.get("/{election_id}/ballot", response_model=BallotStyleOut)
def ballot(election_id: int, db: DbDep, voter: Voter, settings: SettingsDep
           ) -> BallotStyleOut:
    return service.ballot_style(db=db, election_id=election_id, resident_id=voter.resident_id,
                                session_id=voter.id, base_url=settings.public_base_url)


@router.post("/{election_id}/ballots", response_model=BoardReceipt)
def cast(election_id: int, body: CastIn, db: DbDep, voter: Voter, actor: CurrentActor,
         settings: SettingsDep, once: IdempotencyKey) -> BoardReceipt:
    """Cast a ballot once: a retry with the same key returns the same receipt."""
    return once.run(
        scope="ballot",
        payload={"election": election_id, "session": voter.id, **body.model_dump()},
        model=BoardReceipt, action=lambda: service.cast(
            db=db, by=actor, election_id=election_id, resident_id=voter.resident_id,
            session_id=voter.id, ballot=body.ballot, data_dir=settings.data_dir,
            base_url=settings.public_base_url))


@router.post("/{election_id}/spoiled", response_model=BoardReceipt)
def spoil(election_id: int, body: SpoilIn, db: DbDep, voter: Voter, actor: CurrentActor,
          settings: SettingsDep, once: IdempotencyKey) -> BoardReceipt:
    return once.run(
        scope="spoiled",
        payload={"election": election_id, "session": voter.id, **body.model_dump()},
        model=BoardReceipt, action=lambda: service.spoil(
            db=db, by=actor, election_id=election_id, resident_id=voter.resident_id,
            session_id=voter.id, ballot=body.ballot, reveal=body.reveal,
            data_dir=settings.data_dir, base_url=settings.public_base_url))


@router.get("/{election_id}/tally-input", response_model=list[ZoneSums],
            dependencies=[Officer])
def tally_input(election_id: int, db: DbDep) -> list[ZoneSums]:
    sums = service.zone_sums(db=db, election=service.get(db=db, election_id=election_id))
    db.commit()  # computed once, kept for every trustee
    return sums


@router.post("/{election_id}/partials", response_model=ElectionOut, dependencies=[Officer])
def submit_partial(election_id: int, body: PartialIn, db: DbDep, device: CurrentDevice,
                   actor: CurrentActor) -> ElectionOut:
    election = service.submit_partial(db=db, by=actor, election_id=election_id, data=body,
                                      acta_device=device)
    db.commit()
    return service.election_out(db=db, election=election)


# Public: anyone may check a tracker, read the results and download the record.
# Anyone may type any number for the election: one past the columns' range is refused as
# invalid input (422), as the schema says, not by the database.
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]


@public_router.get("/{election_id}/trackers/{tracker}", response_model=TrackerOut)
def find_tracker(election_id: PathId, tracker: str, db: PublicReadDbDep) -> TrackerOut:
    return service.find_tracker(db=db, election_id=election_id, tracker=tracker)


@public_router.get("/{election_id}/results", response_model=ResultsOut)
def results(election_id: PathId, db: PublicReadDbDep) -> ResultsOut:
    return service.results(db=db, election_id=election_id)


@public_router.get("/{election_id}/record")
def record(election_id: PathId, db: DbDep, settings: SettingsDep) -> dict:
    return service.record(db=db, election_id=election_id, data_dir=settings.data_dir)


@root_router.get("/verify/vote/{election_id}/{tracker}", response_model=TrackerOut)
def tracker_page(election_id: PathId, tracker: str, db: DbDep, request: Request):
    """The tracker's status for people (HTML) or programs (JSON), by the Accept header."""
    found = service.find_tracker(db=db, election_id=election_id, tracker=tracker)
    if "text/html" in request.headers.get("accept", ""):
        return HTMLResponse(pages.tracker_html(found), status_code=200 if found.found else 404)
    return found
