from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from server.kernel.clean import clean_text
from server.kernel.text import Text

FreeText = Annotated[str, AfterValidator(clean_text)]  # no NUL, ANSI escapes, bidi overrides


class SearchHit(BaseModel):
    kind: str  # procedure | office | faq | news
    ref: str  # the procedure or office code, the FAQ or news id
    title: Text
    body: Text
    score: float


class SearchOut(BaseModel):
    query: str
    hits: list[SearchHit]
    hint: Text | None = None  # e.g. a file number typed into the search box


class ReportIn(BaseModel):
    service_code: str = Field(max_length=24)
    description: FreeText = Field(min_length=5, max_length=4000)
    address: FreeText | None = Field(default=None, max_length=250)
    lat: Decimal | None = Field(default=None, ge=-90, le=90)
    long: Decimal | None = Field(default=None, ge=-180, le=180)


class ServiceTypeOut(BaseModel):
    code: str
    name: Text
    description: str
    office: str


class ReportOut(BaseModel):
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


class ReportStatusIn(BaseModel):
    status: str = Field(pattern="^(open|closed)$")
    notes: str = Field(min_length=3, max_length=1000)
