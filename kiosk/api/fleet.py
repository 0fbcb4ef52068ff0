"""The fleet (server/fleet): heartbeat with health, configuration by hash, remote commands,
and the administrator's view of every site and device (docs/fleet.md)."""

from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel

from kiosk.api.transport import Domain, dump

P = "/api/v1/fleet"


class FleetConfig(BaseModel):
    """A layer of configuration, or the one a device runs with; None: not set here."""

    server_schema: ClassVar[str] = "FleetConfigIn"

    idle_seconds: int | None = None
    idle_warning_seconds: int | None = None
    printer: str | None = None
    languages: list[str] | None = None
    services: list[str] | None = None
    home_message_es: str | None = None
    home_message_en: str | None = None


class DeviceConfig(BaseModel):
    server_schema: ClassVar[str] = "FleetConfigOut"

    hash: str
    config: FleetConfig


class Beat(BaseModel):
    server_schema: ClassVar[str] = "FleetBeatIn"

    software_version: str
    reader_status: str
    printer_status: str
    paper_status: str
    last_error: str | None
    disk_free_mb: int | None = None
    uptime_seconds: int | None = None
    outbox: int = 0
    config_hash: str | None = None


class Pending(BaseModel):
    server_schema: ClassVar[str] = "PendingCommand"

    id: int
    kind: str


class BeatAnswer(BaseModel):
    server_schema: ClassVar[str] = "FleetBeatOut"

    config_hash: str
    commands: list[Pending]


class CommandIn(BaseModel):
    server_schema: ClassVar[str] = "FleetCommandIn"

    kind: str


class AckIn(BaseModel):
    server_schema: ClassVar[str] = "FleetAckIn"

    outcome: str
    detail: str | None = None


class Command(BaseModel):
    server_schema: ClassVar[str] = "FleetCommandOut"

    id: int
    device_id: int
    kind: str
    issued_at: datetime
    issued_by: str
    delivered_at: datetime | None
    acked_at: datetime | None
    outcome: str | None
    detail: str | None


class Alert(BaseModel):
    server_schema: ClassVar[str] = "FleetAlertOut"

    id: int
    device_id: int
    kind: str
    opened_at: datetime
    closed_at: datetime | None
    details: dict


class FleetDevice(BaseModel):
    server_schema: ClassVar[str] = "FleetDeviceOut"

    id: int
    name: str
    kind: str
    status: str
    alerts: list[str]
    last_heartbeat_at: datetime | None
    software_version: str | None
    paper_status: str | None
    outbox: int
    last_error: str | None
    config_hash: str | None  # the configuration the device says it applied


class FleetSite(BaseModel):
    server_schema: ClassVar[str] = "FleetSiteOut"

    code: str
    name: str
    map_x: int | None
    map_y: int | None
    status: str
    devices: list[FleetDevice]


class FleetView(BaseModel):
    server_schema: ClassVar[str] = "FleetOut"

    sites: list[FleetSite]


class Fleet(Domain):
    # -- the device's own --------------------------------------------------------------------
    async def heartbeat(self, beat: Beat) -> BeatAnswer:
        return await self.transport.post(f"{P}/heartbeat", BeatAnswer, beat)

    async def config(self) -> DeviceConfig:
        return await self.transport.get(f"{P}/config", DeviceConfig)

    async def ack(self, command_id: int, *, outcome: str, detail: str | None = None) -> Command:
        return await self.transport.post(f"{P}/commands/{command_id}/ack", Command,
                                         AckIn(outcome=outcome, detail=detail))

    # -- the administrator's -----------------------------------------------------------------
    async def view(self) -> FleetView:
        return await self.transport.get(P, FleetView)

    async def alerts(self, *, only_open: bool = False) -> list[Alert]:
        return await self.transport.get_list(f"{P}/alerts", Alert,
                                             params={"open": "true"} if only_open else None)

    async def site_config(self, site_code: str) -> FleetConfig:
        """The site's layer as set (what is not set is the kiosks' own settings)."""
        return await self.transport.get(f"{P}/sites/{site_code}/config", FleetConfig)

    async def device_config(self, device_id: int) -> FleetConfig:
        """The device's own layer (what it sets over its site's)."""
        return await self.transport.get(f"{P}/devices/{device_id}/config", FleetConfig)

    async def set_site_config(self, site_code: str, config: FleetConfig) -> FleetConfig:
        response = await self.transport.request("PUT", f"{P}/sites/{site_code}/config",
                                                json=dump(config))
        return FleetConfig.model_validate(response.json())

    async def set_device_config(self, device_id: int, config: FleetConfig) -> FleetConfig:
        response = await self.transport.request("PUT", f"{P}/devices/{device_id}/config",
                                                json=dump(config))
        return FleetConfig.model_validate(response.json())

    async def issue(self, device_id: int, kind: str) -> Command:
        return await self.transport.post(f"{P}/devices/{device_id}/commands", Command,
                                         CommandIn(kind=kind))

    async def commands(self, *, device_id: int | None = None) -> list[Command]:
        return await self.transport.get_list(
            f"{P}/commands", Command,
            params={"device_id": device_id} if device_id is not None else None)
