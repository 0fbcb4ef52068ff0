"""Wire models of the Wi-Fi service (the kiosk's twins in kiosk/api/wifi.py)."""

from datetime import date, datetime

from pydantic import BaseModel, Field

from server.kernel.text import Text


class WifiRulesOut(BaseModel):
    vouchers_per_day: int
    issued_today: int | None = None  # the resident's, when one is served
    minutes: int
    megabytes: int
    up_kbps: int
    down_kbps: int
    valid_hours: int
    ssid: str


class WifiHotspotOut(BaseModel):
    code: str
    name: str
    place: str
    zone_id: int
    status: str  # en_servicio | fuera_de_servicio | sin_datos
    status_text: Text
    busy: int
    map_x: int
    map_y: int


class WifiHotspotIn(BaseModel):
    code: str = Field(min_length=1, max_length=32)
    name: str = Field(min_length=1, max_length=120)
    place: str = Field(max_length=200)
    zone_id: int
    ip: str = Field(max_length=45)
    secret: str | None = Field(default=None, max_length=64)
    coa_port: int = 3799
    map_x: int = 500
    map_y: int = 500
    in_service: bool = True


class WifiHotspotSaved(BaseModel):
    code: str
    name: str
    ip: str
    coa_port: int
    secret: str  # the shared secret, for the NAS's configuration
    in_service: bool


class WifiVoucherOut(BaseModel):
    code: str  # 10 digits
    shown: str  # 12345-67890
    state: str  # vigente | anulada | vencida | agotada
    state_text: Text
    issued_on: date
    expires_at: datetime
    minutes: int  # 0: no time limit
    megabytes: int  # 0: no data limit
    up_kbps: int
    down_kbps: int
    seconds_left: int | None
    megabytes_left: int | None
    sessions: int
    ssid: str
    join: str  # the Wi-Fi join string for the QR (WIFI:S:...;T:nopass;;)
    batch: str | None = None
    revoke_reason: str | None = None


class WifiBatchIn(BaseModel):
    count: int
    minutes: int = 120
    megabytes: int = 1000
    up_kbps: int = 2000
    down_kbps: int = 10000
    valid_hours: int = 48
    note: str = Field(max_length=200)


class WifiBatchOut(BaseModel):
    number: str
    count: int
    note: str
    created_at: datetime
    vouchers: list[WifiVoucherOut] = []


class WifiRevokeIn(BaseModel):
    reason: str = Field(max_length=200)


class WifiRevokedOut(BaseModel):
    revoked: int


class WifiUsageOut(BaseModel):
    hotspot: str
    day: date
    sessions: int
    seconds: int
    octets: int
