from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

Language = Literal["es", "en"]
CommandKind = Literal["refresh_config", "print_test", "restart"]
AlertKind = Literal["silent", "paper_out", "outbox_growing"]
FleetStatus = Literal["ok", "alert", "silent"]
# A printer SPEC the kiosk can open (devices/printer/spec.py): refused here, at the
# administrator's terminal, rather than ignored at every kiosk.
PRINTER_SPEC = (r"^(none|file:.+|tcp:[A-Za-z0-9.\-]+(:[0-9]{1,5})?"
                r"|usb:(0x)?[0-9A-Fa-f]{1,4}:(0x)?[0-9A-Fa-f]{1,4}|serial:[^:]+(:[0-9]{1,7})?)$")


class FleetConfigIn(BaseModel):
    """One layer of configuration; a field left out is inherited (device from site, site
    from the kiosk's own settings)."""

    model_config = ConfigDict(extra="forbid")

    idle_seconds: int | None = Field(default=None, ge=20, le=3600)
    idle_warning_seconds: int | None = Field(default=None, ge=20, le=600)
    printer: str | None = Field(default=None, max_length=120, pattern=PRINTER_SPEC)
    languages: list[Language] | None = Field(default=None, min_length=1, max_length=2)
    services: list[str] | None = Field(default=None, max_length=60)
    home_message_es: str | None = Field(default=None, max_length=300)
    home_message_en: str | None = Field(default=None, max_length=300)


class FleetConfigOut(BaseModel):
    """The configuration a device runs with (site's overlaid by its own) and its hash: the
    SHA-256 of its canonical JSON (sorted keys, no spaces, UTF-8)."""

    hash: str
    config: FleetConfigIn


INT32 = 2**31 - 1  # the columns' range


def _whole(value: object) -> object:
    # JSON's 3.0 is the integer 3 (JSON Schema says so, and some clients write counts so);
    # a `true` or a "3" stays refused by the strict check after this.
    return int(value) if isinstance(value, float) and value.is_integer() else value


# strict: a `true` is not a count (pydantic's lax mode would take it as 1)
Count = Annotated[int, Field(ge=0, le=INT32, strict=True), BeforeValidator(_whole)]


class FleetBeatIn(BaseModel):
    software_version: str = Field(max_length=32)
    reader_status: str = Field(max_length=32)
    printer_status: str = Field(max_length=32)
    paper_status: str = Field(max_length=32)
    last_error: str | None = Field(default=None, max_length=300)
    disk_free_mb: Count | None = None
    uptime_seconds: Count | None = None
    outbox: Count = 0  # waiting in its outbox
    config_hash: str | None = Field(default=None, max_length=64)  # the one it applied


class FleetCommandOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    device_id: int
    kind: CommandKind
    issued_at: datetime
    issued_by: str
    delivered_at: datetime | None
    acked_at: datetime | None
    outcome: str | None
    detail: str | None


class PendingCommand(BaseModel):
    id: int
    kind: CommandKind


class FleetBeatOut(BaseModel):
    config_hash: str
    commands: list[PendingCommand]


class FleetCommandIn(BaseModel):
    kind: CommandKind


class FleetAckIn(BaseModel):
    outcome: Literal["done", "failed"]
    detail: str | None = Field(default=None, max_length=300)


class FleetAlertOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    device_id: int
    kind: AlertKind
    opened_at: datetime
    closed_at: datetime | None
    details: dict


class SitePositionIn(BaseModel):
    map_x: int = Field(ge=0, le=1000)
    map_y: int = Field(ge=0, le=1000)


class FleetDeviceOut(BaseModel):
    id: int
    name: str
    kind: str
    status: FleetStatus
    alerts: list[AlertKind]
    last_heartbeat_at: datetime | None
    software_version: str | None
    reader_status: str | None
    printer_status: str | None
    paper_status: str | None
    outbox: int
    disk_free_mb: int | None
    uptime_seconds: int | None
    last_error: str | None
    config_hash: str | None


class FleetSiteOut(BaseModel):
    code: str
    name: str
    map_x: int | None
    map_y: int | None
    status: FleetStatus
    devices: list[FleetDeviceOut]


class FleetOut(BaseModel):
    sites: list[FleetSiteOut]
