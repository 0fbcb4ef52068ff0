"""Consultas (server/info): search across procedures, offices and FAQ; reports of problems in
the street (the Open311-like service requests)."""

from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel

from kiosk.api.text import Text
from kiosk.api.transport import Domain

P = "/api/v1/info"


class SearchHit(BaseModel):
    server_schema: ClassVar[str] = "SearchHit"

    kind: str
    ref: str
    title: Text
    body: Text
    score: float


class SearchResult(BaseModel):
    server_schema: ClassVar[str] = "SearchOut"

    query: str
    hits: list[SearchHit]
    hint: Text | None = None


class ServiceType(BaseModel):
    server_schema: ClassVar[str] = "ServiceTypeOut"

    code: str
    name: Text
    description: str
    office: str


class Report(BaseModel):
    server_schema: ClassVar[str] = "ReportOut"

    id: str
    service_code: str
    service_name: Text
    description: str
    address: str | None
    status: str
    status_notes: str | None
    office: str
    requested_at: datetime
    updated_at: datetime
    expected_at: datetime | None


class ReportIn(BaseModel):
    server_schema: ClassVar[str] = "ReportIn"

    service_code: str
    description: str
    address: str | None


class ReportStatusIn(BaseModel):
    server_schema: ClassVar[str] = "ReportStatusIn"

    status: str
    notes: str


class Info(Domain):
    async def search(self, query: str) -> SearchResult:
        return await self.transport.get(f"{P}/search", SearchResult, params={"q": query})

    async def service_types(self) -> list[ServiceType]:
        """What can be reported (broken light, rubbish...), and which office takes it."""
        return await self.transport.get_list(f"{P}/service-types", ServiceType)

    async def report(self, *, service_code: str, description: str,
                     address: str | None) -> Report:
        return await self.transport.post(f"{P}/reports", Report, ReportIn(
            service_code=service_code, description=description, address=address))

    async def my_reports(self) -> list[Report]:
        return await self.transport.get_list(f"{P}/reports/mine", Report)

    async def set_report_status(self, report_id: str, *, status: str,
                                notes: str) -> Report:
        """Staff of the office in charge: move a report along (and say why)."""
        return await self.transport.post(f"{P}/reports/{report_id}/status", Report,
                                         ReportStatusIn(status=status, notes=notes))
