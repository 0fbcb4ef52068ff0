"""Reports of problems in public spaces, routed to the office that fixes them (Open311
GeoReport v2 is built on these)."""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.errors import Problem
from server.identity import service as identity
from server.info.models import ServiceRequest, ServiceType
from server.info.schemas import ReportIn, ReportOut
from server.kernel.text import Text
from server.offices import service as offices
from server.timeutil import utcnow


def service_types(*, db: Session) -> list[ServiceType]:
    return list(db.execute(select(ServiceType).order_by(ServiceType.code)).scalars())


def report(*, db: Session, by: audit.Actor, device_id: int, resident: identity.ResidentRef | None,
           body: ReportIn) -> ServiceRequest:
    kind = db.execute(select(ServiceType).where(ServiceType.code == body.service_code)).scalar()
    if kind is None:
        raise Problem(404, "service_code_unknown",
                      "No conocemos ese tipo de problema. Elija uno de la lista.",
                      "We do not know that kind of problem. Choose one from the list.")
    if not body.address and (body.lat is None or body.long is None):
        raise Problem(422, "location_missing",
                      "Diga dónde está el problema: una dirección o coordenadas.",
                      "Say where the problem is: an address or coordinates.")
    now = utcnow()
    row = ServiceRequest(service_type_id=kind.id, office_id=kind.office_id,
                         description=body.description.strip(), address=body.address,
                         lat=body.lat, long=body.long, resident_id=resident and resident.id,
                         device_id=device_id, status="open", requested_at=now, updated_at=now,
                         expected_at=now + timedelta(days=kind.expected_days))
    db.add(row)
    db.flush()
    audit.record(db=db, by=by, action="info.report", target=f"service_request:{row.id}",
                 details={"service_code": kind.code, "office": kind.office_id})
    return row


def set_status(*, db: Session, by: audit.Actor, row: ServiceRequest, status: str,
               notes: str) -> None:
    row.status, row.status_notes, row.updated_at = status, notes, utcnow()
    audit.record(db=db, by=by, action="info.report_status", target=f"service_request:{row.id}",
                 details={"status": status})


def report_out(*, db: Session, row: ServiceRequest) -> ReportOut:
    kind = db.get(ServiceType, row.service_type_id)
    office = offices.get_by_id(db=db, office_id=row.office_id)
    return ReportOut(id=str(row.id), service_code=kind.code,
                     service_name=Text(es=kind.name_es, en=kind.name_en),
                     description=row.description, address=row.address, status=row.status,
                     status_notes=row.status_notes, office=office.name_es,
                     requested_at=row.requested_at, updated_at=row.updated_at,
                     expected_at=row.expected_at)


def my_reports(*, db: Session, resident: identity.ResidentRef) -> list[ServiceRequest]:
    return list(db.execute(select(ServiceRequest).where(
        ServiceRequest.resident_id == resident.id).order_by(ServiceRequest.id.desc())).scalars())


def find_requests(*, db: Session, ids: list[int] | None, service_code: str | None,
                  start: datetime | None, end: datetime | None, status: str | None,
                  limit: int = 1000) -> list[ServiceRequest]:
    query = select(ServiceRequest)
    if ids:
        query = query.where(ServiceRequest.id.in_(ids))
    else:  # GeoReport v2: without ids, the last 90 days by default
        end = end or utcnow()
        start = start or end - timedelta(days=90)
        query = query.where(ServiceRequest.requested_at >= start,
                            ServiceRequest.requested_at <= end)
    if service_code:
        query = query.join(ServiceType).where(ServiceType.code == service_code)
    if status:
        query = query.where(ServiceRequest.status == status)
    return list(db.execute(query.order_by(ServiceRequest.id.desc()).limit(limit)).scalars())
