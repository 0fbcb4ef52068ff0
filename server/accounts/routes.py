from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from server.accounts import service
from server.accounts.schemas import (
    NoDebtIn,
    PlanDecisionIn,
    PlanOut,
    PlanSimulationIn,
    PropertyOut,
    Quote,
    QuoteIn,
    Statement,
)
from server.deps import (
    CurrentActor,
    CurrentDevice,
    DbDep,
    IdempotencyKey,
    SettingsDep,
    SubjectResident,
    require_roles,
)
from server.documents import service as documents
from server.documents.service import DocumentOut
from server.errors import Problem, problem_responses
from server.identity.service import Role
from server.timeutil import today

# The refusals this domain's services, and those of the domains it reaches, may answer.
REFUSALS = problem_responses(401, 403, 404, 409, 422, 423, 503)
router = APIRouter(prefix="/accounts", tags=["accounts"], responses=REFUSALS)
MAX_DAYS_AHEAD = 120


def _as_of(value: date | None) -> date:
    """Interest 'as of today' by default, or as of a chosen payment date (never in the past)."""
    now = today()
    if value is None:
        return now
    if value < now or value > now + timedelta(days=MAX_DAYS_AHEAD):
        raise Problem(422, "date_out_of_range",
                      f"Elija una fecha de pago entre hoy y los próximos {MAX_DAYS_AHEAD} días.",
                      f"Choose a payment date between today and the next {MAX_DAYS_AHEAD} days.")
    return value


@router.get("/statement", response_model=Statement)
def statement(db: DbDep, resident: SubjectResident,
              as_of: Annotated[date | None, Query()] = None) -> Statement:
    """Estado de cuenta of the resident (their own, or the one staff act for)."""
    return service.statement(db=db, resident=resident, as_of=_as_of(as_of))


@router.get("/properties", response_model=list[PropertyOut])
def properties(db: DbDep, resident: SubjectResident) -> list[PropertyOut]:
    return service.properties_of(db=db, resident=resident, year=today().year)


@router.post("/quote", response_model=Quote)
def quote(body: QuoteIn, db: DbDep, resident: SubjectResident) -> Quote:
    """What paying the chosen debts costs on `paid_on` (today by default); nothing is written."""
    return service.quote(db=db, resident=resident, debt_ids=body.debt_ids,
                         as_of=_as_of(body.paid_on))


@router.post("/no-debt-certificate", response_model=DocumentOut)
def no_debt_certificate(
    body: NoDebtIn, db: DbDep, device: CurrentDevice, resident: SubjectResident,
    actor: CurrentActor, settings: SettingsDep, once: IdempotencyKey,
) -> DocumentOut:
    def issue() -> DocumentOut:
        doc = service.issue_no_debt_certificate(db=db, by=actor, device=device,
                                                resident=resident,
                                                property_code=body.property_code, as_of=today())
        return documents.document_out(db=db, code=doc.code, base_url=settings.public_base_url)

    return once.run(scope="no_debt", payload={"resident": resident.id, **body.model_dump()},
                    model=DocumentOut, action=issue)


@router.post("/plans/simulate", response_model=PlanOut)
def simulate_plan(body: PlanSimulationIn, db: DbDep, resident: SubjectResident) -> PlanOut:
    return service.simulate_plan(db=db, resident=resident, debt_ids=body.debt_ids,
                                 instalments=body.instalments, initial=body.initial,
                                 as_of=today())


@router.post("/plans", response_model=PlanOut)
def request_plan(body: PlanSimulationIn, db: DbDep, resident: SubjectResident,
                 actor: CurrentActor, once: IdempotencyKey) -> PlanOut:
    def request() -> PlanOut:
        return service.request_plan(db=db, by=actor, resident=resident,
                                    debt_ids=body.debt_ids, instalments=body.instalments,
                                    initial=body.initial, as_of=today())

    return once.run(scope="plan_request",
                    payload={"resident": resident.id, **body.model_dump()},
                    model=PlanOut, action=request)


@router.get("/plans", response_model=list[PlanOut])
def my_plans(db: DbDep, resident: SubjectResident) -> list[PlanOut]:
    return service.list_plans(db=db, resident=resident, status=None)


@router.get("/plans/pending", response_model=list[PlanOut],
            dependencies=[require_roles(Role.CASHIER)])
def pending_plans(db: DbDep) -> list[PlanOut]:
    return service.list_plans(db=db, resident=None, status="requested")


@router.post("/plans/{plan_id}/decision", response_model=PlanOut,
             dependencies=[require_roles(Role.CASHIER)])
def decide_plan(plan_id: int, body: PlanDecisionIn, db: DbDep, actor: CurrentActor) -> PlanOut:
    result = service.decide_plan(db=db, by=actor, plan_id=plan_id, approve=body.approve,
                                 note=body.note, as_of=today())
    db.commit()
    return result
