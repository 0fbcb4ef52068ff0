"""Devices and sites (server/sites): enrolment, the device's own record, heartbeats."""

from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel

from kiosk.api.transport import Domain, dump

P = "/api/v1/devices"


class Enrolment(BaseModel):
    server_schema: ClassVar[str] = "EnrollOut"

    device_id: int
    credential: str
    site_code: str
    site_name: str
    certificate: str | None = None  # PEM client certificate, when the request carried a CSR
    ca_chain: str | None = None


class Certificate(BaseModel):
    server_schema: ClassVar[str] = "CertificateOut"

    certificate: str
    ca_chain: str
    not_after: datetime


class RenewIn(BaseModel):
    server_schema: ClassVar[str] = "RenewIn"

    csr: str


class RevokeIn(BaseModel):
    server_schema: ClassVar[str] = "RevokeIn"

    reason: str


class DeviceInfo(BaseModel):
    server_schema: ClassVar[str] = "DeviceOut"

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


class EnrollIn(BaseModel):
    server_schema: ClassVar[str] = "EnrollIn"

    token: str
    name: str
    kind: str
    csr: str | None = None


class HeartbeatIn(BaseModel):
    server_schema: ClassVar[str] = "HeartbeatIn"

    software_version: str
    reader_status: str
    printer_status: str
    paper_status: str
    last_error: str | None


class Devices(Domain):
    async def enroll(self, *, token: str, name: str, kind: str, csr: str | None = None
                     ) -> Enrolment:
        """Trade a one-time enrolment token for this device's credential (kept from now on),
        and with a certificate request also for its first client certificate."""
        enrolment = await self.transport.post(f"{P}/enroll", Enrolment,
                                              EnrollIn(token=token, name=name, kind=kind,
                                                       csr=csr),
                                              enrolling=True)
        self.transport.credential = enrolment.credential
        return enrolment

    async def me(self) -> DeviceInfo:
        return await self.transport.get(f"{P}/self", DeviceInfo)

    async def heartbeat(self, *, software_version: str, reader_status: str,
                        printer_status: str, paper_status: str, last_error: str | None) -> None:
        body = HeartbeatIn(software_version=software_version, reader_status=reader_status,
                           printer_status=printer_status, paper_status=paper_status,
                           last_error=last_error)
        await self.transport.request("POST", f"{P}/heartbeat", json=dump(body))

    async def renew_certificate(self, *, csr: str) -> Certificate:
        """A new client certificate for a new key, asked with the current one."""
        return await self.transport.post(f"{P}/certificate", Certificate, RenewIn(csr=csr))

    async def retire(self, device_id: int, *, reason: str) -> bool:
        """Retire a device (administrators): credential off, certificates on the CRL."""
        await self.transport.request("POST", f"{P}/{device_id}/revoke",
                                     json=dump(RevokeIn(reason=reason)))
        return True

    async def all(self) -> list[DeviceInfo]:
        return await self.transport.get_list(P, DeviceInfo)
