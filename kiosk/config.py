"""Kiosk settings: defaults < /etc/kiosk/kiosk.toml < KIOSK_... environment < command line.

Read by a small TOML + environment reader (the TOML file named by KIOSK_CONFIG_FILE, then
every KIOSK_<FIELD> variable, names in any case) and checked by pydantic: start-up does not
pay for pydantic-settings.
"""

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

CONFIG_FILE = Path("/etc/kiosk/kiosk.toml")
ENV_PREFIX = "KIOSK_"


def config_file() -> Path:
    return Path(os.environ.get("KIOSK_CONFIG_FILE", CONFIG_FILE))


class KioskSettings(BaseModel):
    model_config = ConfigDict(extra="ignore", validate_default=True)

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

    def __init__(self, **values: Any) -> None:
        """`values` (the command line) over the environment over the TOML file."""
        super().__init__(**{**_from_toml(), **_from_env(), **values})

    @property
    def credential_file(self) -> Path:
        return self.state_dir / "device.json"


def _from_toml() -> dict[str, Any]:
    path = config_file()
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        return tomllib.load(f)


def _from_env() -> dict[str, str]:
    fields = KioskSettings.model_fields
    found = {}
    for name, value in os.environ.items():
        key = name.upper()
        if key.startswith(ENV_PREFIX) and key[len(ENV_PREFIX):].lower() in fields:
            found[key[len(ENV_PREFIX):].lower()] = value
    return found
