from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DeviceKind = Literal["kiosk", "terminal"]


class EnrollIn(BaseModel):
    token: str = Field(min_length=8, max_length=128)
    name: str = Field(min_length=1, max_length=80)
    kind: DeviceKind
    # PEM certificate request for the device's own key (EC P-256); absent from older kiosks.
    csr: str | None = Field(default=None, max_length=8000)


class EnrollOut(BaseModel):
    device_id: int
    credential: str  # "<device id>.<secret>": sent as a bearer token from now on
    site_code: str
    site_name: str
    certificate: str | None = None  # PEM client certificate, when the request carried a CSR
    ca_chain: str | None = None  # PEM of the device CA


class RenewIn(BaseModel):
    csr: str = Field(min_length=100, max_length=8000)


class CertificateOut(BaseModel):
    certificate: str
    ca_chain: str
    not_after: datetime


class RevokeIn(BaseModel):
    reason: str = Field(min_length=3, max_length=200)


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
