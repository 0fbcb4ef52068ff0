"""Documents (server/documents): reprint one by its code, verify one anyone holds."""

from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel

from kiosk.api.text import Text
from kiosk.api.transport import Domain


class DocumentLine(BaseModel):
    server_schema: ClassVar[str] = "DocumentLine"

    label: Text
    value: str


class Document(BaseModel):
    server_schema: ClassVar[str] = "DocumentOut"

    code: str
    kind: str
    number: str
    title: Text
    issued_at: datetime
    site_name: str
    holder_name: str | None
    lines: list[DocumentLine]
    verify_url: str
    voided: bool
    code_digits: str  # the code's digits-only form (typeable on a 12-key keypad)


class Verification(BaseModel):
    server_schema: ClassVar[str] = "VerificationOut"

    valid: bool
    code: str
    kind: str | None = None
    number: str | None = None
    title: Text | None = None
    issued_at: datetime | None = None
    holder_initials: str | None = None
    message: Text
    lines: list[DocumentLine] = []  # a certified copy's, as printed on it
    pdf_url: str | None = None  # its signed PDF, under the server's address


class Documents(Domain):
    async def get(self, code: str) -> Document:
        """A document issued before (to reprint it), by its verification code."""
        return await self.transport.get(f"/api/v1/documents/{code.strip()}", Document)

    async def verify(self, code: str) -> Verification:
        """What the public verification page says about a code (valid, voided, unknown)."""
        return await self.transport.get(f"/verify/{code.strip()}", Verification)
