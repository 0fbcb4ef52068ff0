"""Residents (server/identity): who the served resident is, and their record certificate."""

from datetime import date
from typing import ClassVar

from pydantic import BaseModel

from kiosk.api.documents import Document
from kiosk.api.transport import Domain

P = "/api/v1/residents"


class Resident(BaseModel):
    server_schema: ClassVar[str] = "ResidentOut"

    dni: str
    given_names: str
    surnames: str
    full_name: str
    birth_date: date
    address: str
    zone_id: int
    zone_name: str


class Residents(Domain):
    async def me(self) -> Resident:
        """The resident being served (the one logged in, or the one staff act for)."""
        return await self.transport.get(f"{P}/me", Resident)

    async def by_dni(self, dni: str) -> Resident:
        return await self.transport.get(f"{P}/by-dni/{dni}", Resident)

    async def record_certificate(self, *, idempotency_key: str) -> Document:
        """Issue the resident's certificate of their record (a numbered document)."""
        return await self.transport.post(f"{P}/me/record-certificate", Document,
                                         idempotency_key=idempotency_key)
