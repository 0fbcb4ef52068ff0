from typing import Annotated

from fastapi import APIRouter, Query

from server.deps import CurrentActor, CurrentDevice, CurrentSession, CurrentStaff, DbDep
from server.errors import Problem
from server.identity.service import Resident, Role
from server.info import service
from server.info.models import ServiceRequest
from server.info.schemas import ReportIn, ReportOut, ReportStatusIn, SearchOut, ServiceTypeOut
from server.procedures import service as procedures

router = APIRouter(prefix="/info", tags=["info"])


@router.get("/search", response_model=SearchOut)
def search(db: DbDep, q: Annotated[str, Query(max_length=200)]) -> SearchOut:
    """Procedures, offices, FAQ and news for a few words, best first."""
    return service.search(db=db, query=q)


@router.get("/service-types", response_model=list[ServiceTypeOut])
def service_types(db: DbDep) -> list[ServiceTypeOut]:
    return [ServiceTypeOut(code=t.code, name={"es": t.name_es, "en": t.name_en},
                           description=t.description,
                           office=procedures.catalogue.office_by_id(db=db, office_id=t.office_id)
                           .name_es)
            for t in service.service_types(db=db)]


@router.post("/reports", response_model=ReportOut)
def report(body: ReportIn, db: DbDep, device: CurrentDevice, session: CurrentSession,
           actor: CurrentActor) -> ReportOut:
    """A resident reports a problem at a kiosk; it is theirs to follow in "Mis reportes"."""
    resident = db.get(Resident, session.resident_id) if session.kind == "resident" else None
    row = service.report(db=db, by=actor, device_id=device.id, resident=resident, body=body)
    db.commit()
    return service.report_out(db=db, row=row)


@router.get("/reports/mine", response_model=list[ReportOut])
def my_reports(db: DbDep, session: CurrentSession) -> list[ReportOut]:
    if session.kind != "resident":
        return []
    resident = db.get(Resident, session.resident_id)
    return [service.report_out(db=db, row=r) for r in service.my_reports(db=db,
                                                                         resident=resident)]


@router.post("/reports/{report_id}/status", response_model=ReportOut)
def set_status(report_id: int, body: ReportStatusIn, db: DbDep, staff: CurrentStaff,
               actor: CurrentActor) -> ReportOut:
    """The office that handles the report updates it (open/closed, with notes)."""
    row = db.get(ServiceRequest, report_id)
    if row is None:
        raise Problem(404, "report_not_found", "No existe ese reporte.", "No such report.")
    if (staff.role != Role.ADMINISTRATOR
            and row.office_id not in procedures.workflow.office_ids(db, staff)):
        raise Problem(403, "office_scope", "Ese reporte es de otra oficina.",
                      "That report belongs to another office.")
    service.set_status(db=db, by=actor, row=row, status=body.status, notes=body.notes)
    db.commit()
    return service.report_out(db=db, row=row)
