from fastapi import APIRouter
from pydantic_core import PydanticCustomError

from server.audit import service as audit
from server.deps import (
    ActsForResidents,
    CurrentActor,
    CurrentDevice,
    DbDep,
    IdempotencyKey,
    SettingsDep,
    SubjectResident,
)
from server.documents import service as documents
from server.documents.service import DocumentOut
from server.errors import VALIDATION_MESSAGES, Problem, problem_responses
from server.identity import service
from server.identity.dni import normalise_dni
from server.identity.schemas import ResidentOut
from server.kernel.text import Text

# The refusals this domain's services, and those of the domains it reaches, may answer.
REFUSALS = problem_responses(404, 409, 422)
router = APIRouter(prefix="/residents", tags=["residents"], responses=REFUSALS)


@router.get("/me", response_model=ResidentOut)
def me(resident: SubjectResident) -> ResidentOut:
    return service.resident_out(resident)


@router.get("/by-dni/{dni}", response_model=ResidentOut, dependencies=[ActsForResidents])
def by_dni(dni: str, db: DbDep, actor: CurrentActor) -> ResidentOut:
    try:
        number = normalise_dni(dni)
    except PydanticCustomError as exc:
        es, en = VALIDATION_MESSAGES["invalid_dni"]
        raise Problem(422, "invalid_dni", es, en) from exc
    resident = service.require_resident(db=db, dni=number)
    # Staff reading a resident's data is recorded, like any act on their behalf.
    audit.record(db=db, by=actor, action="staff.lookup", target=f"resident:{resident.id}")
    db.commit()
    return service.resident_out(resident)


@router.post("/me/record-certificate", response_model=DocumentOut)
def record_certificate(db: DbDep, device: CurrentDevice, resident: SubjectResident,
                       actor: CurrentActor, settings: SettingsDep,
                       once: IdempotencyKey) -> DocumentOut:
    """Issue a constancia de datos del vecino: what the municipal register holds on them."""

    def issue() -> DocumentOut:
        doc = documents.issue(
            db=db, by=actor, device=device, kind="resident_record", prefix="CDV",
            title=Text(es="Constancia de datos del vecino", en="Resident record certificate"),
            lines=service.record_certificate_lines(resident), resident=resident)
        return documents.document_out(db=db, code=doc.code, base_url=settings.public_base_url)

    return once.run(scope="resident_record", payload={"resident": resident.id},
                    model=DocumentOut, action=issue)
