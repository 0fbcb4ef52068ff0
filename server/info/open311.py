"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): the services residents may
report, POST a request, GET requests and their status. JSON only; errors as the
specification's list of {code, description}. POST needs an `api_key`: a device credential.
"""

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.deps import DbDep, SettingsDep, check_device_certificate, limited
from server.errors import Problem
from server.info import reports as service
from server.info.models import ServiceRequest, ServiceType
from server.info.schemas import ReportIn
from server.kernel.clean import clean_text
from server.kernel.ids import parse_id
from server.offices import service as offices
from server.sites import service as sites
from server.timeutil import lima

router = APIRouter(prefix="/open311/v2", tags=["open311"])
JURISDICTION = "miraflores.gob.pe"


OPEN311_ERROR = {"type": "array", "items": {
    "type": "object", "required": ["code", "description"],
    "properties": {"code": {"type": "integer"}, "description": {"type": "string"}}}}


def errors(*statuses: int) -> dict[int | str, dict]:
    """OpenAPI `responses`: Open311's own error list (JSON) for these statuses."""
    return {status: {"description": "Open311 error",
                     "content": {"application/json": {"schema": OPEN311_ERROR}}}
            for status in statuses}


# What the server takes, documented for clients (it checks them itself and answers 400 in
# Open311's format): a year 2000-2100, ids separated by commas.
DATE_RANGE = {"pattern": "^(20[0-9]{2}|2100)-"}
IDS = {"pattern": "^([1-9][0-9]{0,8}(,[1-9][0-9]{0,8})*)?$"}
STATUS = {"enum": ["open", "closed"]}


def error(status: int, description: str) -> JSONResponse:
    return JSONResponse([{"code": status, "description": description}], status_code=status)


def _when(value: datetime | None) -> str | None:
    return lima(value).isoformat(timespec="seconds") if value else None


# What a resident may have typed about themselves: e-mail addresses, and runs of digits long
# enough to be a DNI, a RUC or a phone number (a house number is shorter).
PERSONAL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d(?:[\d .-]{5,}\d)")


def public_text(text: str | None) -> str | None:
    """Free text as the public feed shows it: personal data masked."""
    return PERSONAL.sub("[dato personal]", text) if text else text


def _media_url(value: str | None) -> str | None:
    """A photo's address: http(s), at most 400 characters, a host, no user or password."""
    if not value:
        return None
    if len(value) > 400 or not value.isascii() or not value.isprintable():
        raise ValueError("media_url must be an http(s) URL of at most 400 characters")
    url = urlsplit(value)
    if url.scheme not in ("http", "https") or not url.hostname or url.username or url.password:
        raise ValueError("media_url must be an http(s) URL with a host and no credentials")
    return value


def _request_json(db: Session, row: ServiceRequest) -> dict:
    kind = db.get(ServiceType, row.service_type_id)
    office = offices.get_by_id(db=db, office_id=row.office_id)
    return {
        "service_request_id": str(row.id), "status": row.status,
        "status_notes": row.status_notes, "service_name": kind.name_es,
        "service_code": kind.code, "description": public_text(row.description),
        "agency_responsible": office.name_es, "service_notice": None,
        "requested_datetime": _when(row.requested_at), "updated_datetime": _when(row.updated_at),
        "expected_datetime": _when(row.expected_at), "address": public_text(row.address),
        "address_id": None,
        "zipcode": "15074", "lat": float(row.lat) if row.lat is not None else None,
        "long": float(row.long) if row.long is not None else None, "media_url": row.media_url,
    }


def _check_jurisdiction(jurisdiction_id: str | None) -> JSONResponse | None:
    if jurisdiction_id not in (None, "", JURISDICTION):
        return error(404, f"jurisdiction_id not found: use {JURISDICTION}")
    return None


@router.get("/services.json", responses=errors(404))
def services(db: DbDep, jurisdiction_id: str | None = None):
    if (wrong := _check_jurisdiction(jurisdiction_id)) is not None:
        return wrong
    return [{"service_code": t.code, "service_name": t.name_es, "description": t.description,
             "metadata": False, "type": "realtime", "keywords": t.keywords, "group": t.group}
            for t in service.service_types(db=db)]


@router.post("/requests.json", dependencies=[limited("open311.post")],
             responses=errors(400, 403, 404))
def post_request(request: Request, db: DbDep, settings: SettingsDep,
                 api_key: Annotated[str | None, Form()] = None,
                 service_code: Annotated[str | None, Form()] = None,
                 jurisdiction_id: Annotated[str | None, Form()] = None,
                 lat: Annotated[str | None, Form()] = None,
                 long: Annotated[str | None, Form()] = None,
                 address_string: Annotated[str | None, Form()] = None,
                 description: Annotated[str | None, Form()] = None,
                 media_url: Annotated[str | None, Form()] = None):
    if (wrong := _check_jurisdiction(jurisdiction_id)) is not None:
        return wrong
    try:
        device = sites.authenticate(db=db, credential=api_key)
        check_device_certificate(request=request, db=db, settings=settings,
                                 device_id=device.id)
    except Problem:
        return error(403, "api_key missing or not valid")
    if not service_code:
        return error(400, "service_code is required")
    try:
        media_url = _media_url(media_url)
        body = ReportIn(service_code=service_code, description=description or "",
                        address=address_string,
                        lat=Decimal(lat) if lat else None, long=Decimal(long) if long else None)
    except (ValidationError, InvalidOperation, ValueError) as exc:
        return error(400, f"invalid request: {clean_text(str(exc).splitlines()[0], 200)}")
    try:
        row = service.report(db=db, by=audit.Actor(f"device:{device.id}", device.id),
                             device_id=device.id, resident=None, body=body)
    except Problem as problem:
        return error(404 if problem.status == 404 else 400, problem.en)
    row.media_url = media_url
    db.commit()
    return [{"service_request_id": str(row.id), "service_notice": None, "account_id": None}]


def _ids(raw: str | None) -> list[int] | None:
    """The ids asked for; [] when one of them is not an id."""
    if not raw:
        return None
    if not re.fullmatch(IDS["pattern"], raw):
        return []
    ids = [parse_id(x) for x in raw.split(",")]
    return [] if None in ids else ids


def _date_problem(name: str, value: datetime | None) -> JSONResponse | None:
    """Open311 dates are ISO 8601 with a timezone (`Z` or an offset), in a sensible range."""
    if value is None:
        return None
    if value.tzinfo is None:
        return error(400, f"{name} needs a timezone (ISO 8601 with Z or an offset)")
    if not 2000 <= value.year <= 2100:
        return error(400, f"{name} must be between the years 2000 and 2100")
    return None


@router.get("/requests.json", responses=errors(400, 404))
def get_requests(db: DbDep,
                 service_request_id: Annotated[str | None, Query(json_schema_extra=IDS)] = None,
                 service_code: str | None = None,
                 start_date: Annotated[datetime | None, Query(json_schema_extra=DATE_RANGE)]
                 = None,
                 end_date: Annotated[datetime | None, Query(json_schema_extra=DATE_RANGE)]
                 = None,
                 status: Annotated[str | None, Query(json_schema_extra=STATUS)] = None,
                 jurisdiction_id: str | None = None):
    if (wrong := _check_jurisdiction(jurisdiction_id)) is not None:
        return wrong
    if status not in (None, "open", "closed"):
        return error(400, "status must be open or closed")
    for name, value in (("start_date", start_date), ("end_date", end_date)):
        if (wrong := _date_problem(name, value)) is not None:
            return wrong
    if (ids := _ids(service_request_id)) == []:
        return error(400, "service_request_id must be ids separated by commas")
    rows = service.find_requests(db=db, ids=ids, service_code=service_code,
                                 start=start_date, end=end_date, status=status)
    return [_request_json(db, r) for r in rows]


@router.get("/requests/{request_id}.json", responses=errors(404))
def get_request(request_id: str, db: DbDep, jurisdiction_id: str | None = None):
    if (wrong := _check_jurisdiction(jurisdiction_id)) is not None:
        return wrong
    row = db.get(ServiceRequest, number) if (number := parse_id(request_id)) else None
    if row is None:
        return error(404, f"service_request_id {request_id} not found")
    return [_request_json(db, row)]
