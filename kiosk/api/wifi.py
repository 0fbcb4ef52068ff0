"""Ciudad inalámbrica (server/wifi): hotspots and their status, a resident's voucher (10
digits, allowance, expiry, Wi-Fi join string), my vouchers; staff: batches, revocation,
hotspot registry, usage per hotspot and day."""

from datetime import date, datetime
from typing import ClassVar

from pydantic import BaseModel

from kiosk.api.text import Text
from kiosk.api.transport import Domain

W = "/api/v1/wifi"


class WifiRules(BaseModel):
    server_schema: ClassVar[str] = "WifiRulesOut"

    vouchers_per_day: int
    issued_today: int | None = None
    minutes: int
    megabytes: int
    up_kbps: int
    down_kbps: int
    valid_hours: int
    ssid: str


class Hotspot(BaseModel):
    server_schema: ClassVar[str] = "WifiHotspotOut"

    code: str
    name: str
    place: str
    zone_id: int
    status: str
    status_text: Text
    busy: int
    map_x: int
    map_y: int


class HotspotIn(BaseModel):
    server_schema: ClassVar[str] = "WifiHotspotIn"

    code: str
    name: str
    place: str
    zone_id: int
    ip: str
    secret: str | None = None
    coa_port: int = 3799
    map_x: int = 500
    map_y: int = 500
    in_service: bool = True


class HotspotSaved(BaseModel):
    server_schema: ClassVar[str] = "WifiHotspotSaved"

    code: str
    name: str
    ip: str
    coa_port: int
    secret: str
    in_service: bool


class Voucher(BaseModel):
    server_schema: ClassVar[str] = "WifiVoucherOut"

    code: str
    shown: str
    state: str
    state_text: Text
    issued_on: date
    expires_at: datetime
    minutes: int
    megabytes: int
    up_kbps: int
    down_kbps: int
    seconds_left: int | None
    megabytes_left: int | None
    sessions: int
    ssid: str
    join: str
    batch: str | None = None
    revoke_reason: str | None = None


class BatchIn(BaseModel):
    server_schema: ClassVar[str] = "WifiBatchIn"

    count: int
    minutes: int = 120
    megabytes: int = 1000
    up_kbps: int = 2000
    down_kbps: int = 10000
    valid_hours: int = 48
    note: str


class Batch(BaseModel):
    server_schema: ClassVar[str] = "WifiBatchOut"

    number: str
    count: int
    note: str
    created_at: datetime
    vouchers: list[Voucher] = []


class RevokeIn(BaseModel):
    server_schema: ClassVar[str] = "WifiRevokeIn"

    reason: str


class Revoked(BaseModel):
    server_schema: ClassVar[str] = "WifiRevokedOut"

    revoked: int


class Usage(BaseModel):
    server_schema: ClassVar[str] = "WifiUsageOut"

    hotspot: str
    day: date
    sessions: int
    seconds: int
    octets: int


class API(Domain):
    # -- anyone at a kiosk -------------------------------------------------------------------
    async def hotspots(self) -> list[Hotspot]:
        return await self.transport.get_list(f"{W}/hotspots", Hotspot)

    async def rules(self) -> WifiRules:
        return await self.transport.get(f"{W}/rules", WifiRules)

    # -- a resident, or staff serving one ------------------------------------------------------
    async def my_rules(self) -> WifiRules:
        return await self.transport.get(f"{W}/rules/mine", WifiRules)

    async def get_voucher(self, *, idempotency_key: str) -> Voucher:
        return await self.transport.post(f"{W}/vouchers", Voucher, None,
                                         idempotency_key=idempotency_key)

    async def mine(self) -> list[Voucher]:
        return await self.transport.get_list(f"{W}/vouchers/mine", Voucher)

    # -- staff with Wi-Fi rights -----------------------------------------------------------------
    async def create_batch(self, batch: BatchIn | dict) -> Batch:
        return await self.transport.post(f"{W}/batches", Batch, BatchIn.model_validate(batch))

    async def batches(self) -> list[Batch]:
        return await self.transport.get_list(f"{W}/batches", Batch)

    async def batch(self, number: str) -> Batch:
        return await self.transport.get(f"{W}/batches/{number}", Batch)

    async def revoke_batch(self, number: str, *, reason: str) -> Revoked:
        return await self.transport.post(f"{W}/batches/{number}/revoke", Revoked,
                                         RevokeIn(reason=reason))

    async def voucher(self, code: str) -> Voucher:
        return await self.transport.get(f"{W}/vouchers/{code}", Voucher)

    async def revoke(self, code: str, *, reason: str) -> Voucher:
        return await self.transport.post(f"{W}/vouchers/{code}/revoke", Voucher,
                                         RevokeIn(reason=reason))

    async def save_hotspot(self, hotspot: HotspotIn | dict) -> HotspotSaved:
        return await self.transport.post(f"{W}/hotspots", HotspotSaved,
                                         HotspotIn.model_validate(hotspot))

    async def usage(self, *, start: date | None = None, days: int = 14) -> list[Usage]:
        params = {"days": str(days)}
        if start:
            params["start"] = start.isoformat()
        return await self.transport.get_list(f"{W}/usage", Usage, params=params)
