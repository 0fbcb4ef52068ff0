from typing import Annotated

from fastapi import APIRouter, Query

from server.deps import CurrentActor, CurrentDevice, CurrentSession, CurrentStaff, DbDep
from server.errors import Problem, problem_responses
from server.identity import service as identity
from server.info import finder, open311, reports
from server.info.models import ServiceRequest
from server.info.schemas import ReportIn, ReportOut, ReportStatusIn, SearchOut, ServiceTypeOut
from server.offices import service as offices

# The refusals this domain's services, and those of the domains it reaches, may answer.
REFUSALS = problem_responses(401, 402, 403, 404, 409, 413, 415, 422, 503)
router = APIRouter(prefix="/info", tags=["info"], responses=REFUSALS)
# Open311 GeoReport v2: its POST carries a device credential as `api_key` instead.
public_router = open311.router


@router.get("/search", response_model=SearchOut)
def search(db: DbDep, q: Annotated[str, Query(max_length=200)]) -> SearchOut:
    """Procedures, offices, FAQ and news for a few words, best first."""
    return finder.search(db=db, query=q)


@router.get("/service-types", response_model=list[ServiceTypeOut])
def service_types(db: DbDep) -> list[ServiceTypeOut]:
    return [ServiceTypeOut(code=t.code, name={"es": t.name_es, "en": t.name_en},
                           description=t.description,
                           office=offices.get_by_id(db=db, office_id=t.office_id).name_es)
            for t in reports.service_types(db=db)]


@router.post("/reports", response_model=ReportOut)
def report(body: ReportIn, db: DbDep, device: CurrentDevice, session: CurrentSession,
           actor: CurrentActor) -> ReportOut:
    """A resident reports a problem at a kiosk; it is theirs to follow in "Mis reportes"."""
    resident = (identity.get_resident(db=db, resident_id=session.resident_id)
                if session.kind == "resident" else None)
    row = reports.report(db=db, by=actor, device_id=device.id, resident=resident, body=body)
    db.commit()
    return reports.report_out(db=db, row=row)


@router.get("/reports/mine", response_model=list[ReportOut])
def my_reports(db: DbDep, session: CurrentSession) -> list[ReportOut]:
    if session.kind != "resident":
        return []
    resident = identity.get_resident(db=db, resident_id=session.resident_id)
    return [reports.report_out(db=db, row=r) for r in reports.my_reports(db=db,
                                                                         resident=resident)]


@router.post("/reports/{report_id}/status", response_model=ReportOut)
def set_status(report_id: int, body: ReportStatusIn, db: DbDep, staff: CurrentStaff,
               actor: CurrentActor) -> ReportOut:
    """The office that handles the report updates it (open/closed, with notes)."""
    row = db.get(ServiceRequest, report_id)
    if row is None:
        raise Problem(404, "report_not_found", "No existe ese reporte.", "No such report.")
    if not offices.in_scope(db=db, staff=staff, office_id=row.office_id):
        raise Problem(403, "office_scope", "Ese reporte es de otra oficina.",
                      "That report belongs to another office.")
    reports.set_status(db=db, by=actor, row=row, status=body.status, notes=body.notes)
    db.commit()
    return reports.report_out(db=db, row=row)
