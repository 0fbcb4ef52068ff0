from datetime import datetime

from pydantic import BaseModel

from server.kernel.text import Text


class DocumentLine(BaseModel):
    label: Text
    value: str


class DocumentOut(BaseModel):
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


class VerificationOut(BaseModel):
    """What anyone may learn from a code: that the document exists and is valid, not its data."""

    valid: bool
    code: str
    kind: str | None = None
    number: str | None = None
    title: Text | None = None
    issued_at: datetime | None = None
    holder_initials: str | None = None
    message: Text
    # Only for a document whose issuer published its file (a certified copy): its lines, as
    # printed, and where its signed PDF is.
    lines: list[DocumentLine] = []
    pdf_url: str | None = None
