from fastapi import APIRouter

from server.auth import service
from server.auth.schemas import (
    ActForIn,
    CardLoginIn,
    ChallengeOut,
    PinLoginIn,
    SessionOut,
    StaffLoginIn,
)
from server.deps import (
    ActsForResidents,
    CurrentActor,
    CurrentDevice,
    CurrentSession,
    DbDep,
    SettingsDep,
    limited,
)
from server.errors import problem_responses

# The refusals this domain's services, and those of the domains it reaches, may answer.
REFUSALS = problem_responses(401, 403, 404, 409, 422, 423)
router = APIRouter(prefix="/auth", tags=["auth"], responses=REFUSALS)


@router.post("/card/challenge", response_model=ChallengeOut)
def card_challenge(db: DbDep, device: CurrentDevice, settings: SettingsDep) -> ChallengeOut:
    return service.issue_challenge(db=db, device=device, settings=settings)


@router.post("/card/login", response_model=SessionOut, dependencies=[limited("login.card")])
def card_login(body: CardLoginIn, db: DbDep, device: CurrentDevice, settings: SettingsDep
               ) -> SessionOut:
    return service.card_login(db=db, device=device, settings=settings,
                              challenge_id=body.challenge_id, certificate_b64=body.certificate,
                              signature_b64=body.signature)


@router.post("/pin/login", response_model=SessionOut, dependencies=[limited("login.pin")])
def pin_login(body: PinLoginIn, db: DbDep, device: CurrentDevice, settings: SettingsDep
              ) -> SessionOut:
    return service.pin_login(db=db, device=device, settings=settings, dni=body.dni, pin=body.pin)


@router.post("/staff/login", response_model=SessionOut,
             dependencies=[limited("login.staff")])
def staff_login(body: StaffLoginIn, db: DbDep, device: CurrentDevice, settings: SettingsDep
                ) -> SessionOut:
    return service.staff_login(db=db, device=device, settings=settings,
                               username=body.username, password=body.password)


@router.get("/session", response_model=SessionOut)
def current(db: DbDep, session: CurrentSession) -> SessionOut:
    return service.session_out(db=db, session=session)


@router.post("/logout", status_code=204)
def logout(db: DbDep, session: CurrentSession, actor: CurrentActor, reason: str = "logout"
           ) -> None:
    service.logout(db=db, session=session, actor=actor, reason=reason)


@router.post("/act-for", response_model=SessionOut, dependencies=[ActsForResidents])
def act_for(body: ActForIn, db: DbDep, session: CurrentSession, actor: CurrentActor
            ) -> SessionOut:
    service.act_for(db=db, session=session, actor=actor, dni=body.dni, reason=body.reason)
    return service.session_out(db=db, session=session)


@router.delete("/act-for", response_model=SessionOut, dependencies=[ActsForResidents])
def stop_acting(db: DbDep, session: CurrentSession, actor: CurrentActor) -> SessionOut:
    service.stop_acting(db=db, session=session, actor=actor)
    return service.session_out(db=db, session=session)
