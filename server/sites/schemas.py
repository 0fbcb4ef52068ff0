from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DeviceKind = Literal["kiosk", "terminal"]


class EnrollIn(BaseModel):
    token: str = Field(min_length=8, max_length=128)
    name: str = Field(min_length=1, max_length=80)
    kind: DeviceKind


class EnrollOut(BaseModel):
    device_id: int
    credential: str  # "<device id>.<secret>": sent as a bearer token from now on
    site_code: str
    site_name: str


class HeartbeatIn(BaseModel):
    software_version: str = Field(max_length=32)
    reader_status: str = Field(max_length=32)
    printer_status: str = Field(max_length=32)
    paper_status: str = Field(max_length=32)
    last_error: str | None = Field(default=None, max_length=300)


class DeviceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    kind: str
    site_code: str
    site_name: str
    last_heartbeat_at: datetime | None
    software_version: str | None
    reader_status: str | None
    printer_status: str | None
    paper_status: str | None
    last_error: str | None
    online: bool
