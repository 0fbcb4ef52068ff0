"""Kiosk settings: defaults < /etc/kiosk/kiosk.toml < KIOSK_... environment < command line."""

import os
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

CONFIG_FILE = Path(os.environ.get("KIOSK_CONFIG_FILE", "/etc/kiosk/kiosk.toml"))


class KioskSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KIOSK_", extra="ignore",
                                      toml_file=CONFIG_FILE)

    server: str = "https://127.0.0.1:8765"
    ca_bundle: Path | None = None  # the municipality's CA for the server's TLS certificate
    terminal: bool = False  # staff terminal instead of public kiosk
    reader: Literal["simulated", "pcsc"] = "pcsc"
    reader_name: str | None = None
    printer: str = "none"
    scanner: str = "none"  # QR scanner: none | simulated | hid:/dev/input/… | serial:DEV[:BAUD]
    payment: str = "none"  # card terminal: none | simulated[:approve|decline|timeout[:SECONDS]]
    # speech output: none | simulated | espeak[:ALSA_DEVICE] (the headphone jack) | wav:DIR
    speech: str = "none"
    speech_idle_factor: float = Field(default=2.0, ge=1.0, le=4.0)  # idle time with speech on
    lang: Literal["es", "en"] = "es"
    theme: Literal["normal", "high-contrast"] = "normal"
    large_text: bool = False
    idle_seconds: int = Field(default=90, ge=20)
    idle_warning_seconds: int = Field(default=30, ge=20)
    heartbeat_seconds: int = Field(default=30, ge=5)
    state_dir: Path = Path("/var/lib/kiosk")  # where the device credential is kept
    device_name: str = Field(default_factory=lambda: os.uname().nodename)
    enrolment_token: str | None = None
    demo: bool = False
    demo_cards_dir: Path = Path("var/demo/demo-cards")
    log_file: Path | None = None

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))

    @property
    def credential_file(self) -> Path:
        return self.state_dir / "device.json"
