"""Trámites (TUPA, expedientes) and Consultas endpoints, one method each (mixed into
ApiClient)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kiosk import procedures_schemas as ps

if TYPE_CHECKING:
    from kiosk.client import ApiClient

    Base = ApiClient
else:
    Base = object

P = "/api/v1/procedures"


class ProcedureCalls(Base):
    async def catalogue(self) -> list[ps.Procedure]:
        response = await self._request("GET", f"{P}/catalogue")
        return [ps.Procedure.model_validate(x) for x in response.json()]

    async def procedure(self, code: str) -> ps.Procedure:
        return await self._get(f"{P}/catalogue/{code}", ps.Procedure)

    async def publish_procedure(self, data: dict[str, Any]) -> ps.Procedure:
        return await self._post(f"{P}/catalogue", ps.Procedure, json=data)

    async def offices(self) -> list[ps.Office]:
        response = await self._request("GET", f"{P}/offices")
        return [ps.Office.model_validate(x) for x in response.json()]

    async def file_procedure(self, *, code: str, idempotency_key: str,
                             data: dict[str, str] | None = None, checked: list[int] = (),
                             ruc: str | None = None, amount: Decimal | None = None,
                             method: str = "card", card: dict | None = None,
                             fee_receipt: str | None = None) -> ps.Filing:
        payment = ({"method": method, "amount": str(amount), "card": card}
                   if amount is not None else None)
        return await self._post(f"{P}/expedientes", ps.Filing, {
            "procedure_code": code, "data": data or {}, "checked": list(checked), "ruc": ruc,
            "payment": payment, "fee_receipt": fee_receipt}, idempotency_key=idempotency_key)

    async def fee_debt(self, code: str) -> dict:
        response = await self._request("POST", f"{P}/fees", json={"procedure_code": code})
        return response.json()

    async def my_files(self) -> list[ps.Expediente]:
        response = await self._request("GET", f"{P}/expedientes/mine")
        return [ps.Expediente.model_validate(x) for x in response.json()]

    async def my_file(self, ref: str) -> ps.Expediente:
        return await self._get(f"{P}/expedientes/mine/{ref.strip()}", ps.Expediente)

    async def correct_file(self, ref: str, *, note: str) -> ps.Expediente:
        return await self._post(f"{P}/expedientes/mine/{ref.strip()}/correct", ps.Expediente,
                                {"note": note})

    async def follow_file(self, *, number: str, document: str) -> ps.PublicStatus:
        return await self._post(f"{P}/follow", ps.PublicStatus,
                                {"number": number.strip(), "document": document.strip()})

    async def staff_file(self, ref: str) -> ps.Expediente:
        return await self._get(f"{P}/expedientes/{ref.strip()}", ps.Expediente)

    async def file_action(self, ref: str, *, action: str, note: str,
                          to_office: str | None = None, outcome: str | None = None,
                          correct_days: int = 10) -> ps.Expediente:
        return await self._post(f"{P}/expedientes/{ref.strip()}/actions", ps.Expediente, {
            "action": action, "note": note, "to_office": to_office, "outcome": outcome,
            "correct_days": correct_days})

    async def attach(self, ref: str, *, requirement: int, filename: str,
                     content: bytes) -> ps.Attachment:
        response = await self._request(
            "POST", f"{P}/expedientes/{ref.strip()}/attachments",
            data={"requirement": str(requirement)}, files={"upload": (filename, content)})
        return ps.Attachment.model_validate(response.json())

    async def register_started(self, start_code: str) -> ps.Filing:
        return await self._post(f"{P}/expedientes/{start_code.strip()}/register", ps.Filing)

    async def inbox(self, office: str) -> ps.Inbox:
        return await self._get(f"{P}/inbox/{office}", ps.Inbox)

    async def my_offices(self) -> list[ps.Office]:
        response = await self._request("GET", f"{P}/my-offices")
        return [ps.Office.model_validate(x) for x in response.json()]

    async def dashboard(self) -> ps.Dashboard:
        return await self._get(f"{P}/dashboard", ps.Dashboard)

    async def search(self, query: str) -> ps.SearchResult:
        response = await self._request("GET", "/api/v1/info/search", params={"q": query})
        return ps.SearchResult.model_validate(response.json())

    async def service_types(self) -> list[ps.ServiceType]:
        response = await self._request("GET", "/api/v1/info/service-types")
        return [ps.ServiceType.model_validate(x) for x in response.json()]

    async def report_problem(self, *, service_code: str, description: str,
                             address: str) -> ps.Report:
        return await self._post("/api/v1/info/reports", ps.Report, {
            "service_code": service_code, "description": description, "address": address})

    async def my_reports(self) -> list[ps.Report]:
        response = await self._request("GET", "/api/v1/info/reports/mine")
        return [ps.Report.model_validate(x) for x in response.json()]

    async def set_report_status(self, report_id: str, *, status: str,
                                notes: str) -> ps.Report:
        return await self._post(f"/api/v1/info/reports/{report_id}/status", ps.Report,
                                {"status": status, "notes": notes})
