"""Kiosk settings: defaults < /etc/kiosk/kiosk.toml < KIOSK_... environment < command line.

Read by a small TOML + environment reader (the TOML file named by KIOSK_CONFIG_FILE, then
every KIOSK_<FIELD> variable, names in any case). Start-up pays for neither pydantic-settings
nor pydantic: values in their plain form (a str for a str, "60" or 60 for an int, "1"/"true"
for a bool, a listed word for a choice) are taken here; any other value goes to pydantic
(kiosk/settings_schema.py, the same fields), which converts it or refuses it by name exactly as
before, with its ValidationError.
"""

import os
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

CONFIG_FILE = Path("/etc/kiosk/kiosk.toml")
ENV_PREFIX = "KIOSK_"


def config_file() -> Path:
    return Path(os.environ.get("KIOSK_CONFIG_FILE", CONFIG_FILE))


@dataclass(frozen=True)
class Bounds:
    """A number's limits, as pydantic's Field(ge=..., le=...) puts them."""

    ge: float | None = None
    le: float | None = None


class KioskSettings:
    """The kiosk's settings: one attribute per field below, set as plain attributes."""

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
    speech_idle_factor: float = 2.0  # idle time with speech on
    lang: Literal["es", "en"] = "es"
    theme: Literal["normal", "high-contrast"] = "normal"
    large_text: bool = False
    idle_seconds: int = 90
    idle_warning_seconds: int = 30
    heartbeat_seconds: int = 30
    state_dir: Path = Path("/var/lib/kiosk")  # where the device credential is kept
    device_name: str  # default: this machine's name (DEFAULT_FACTORIES)
    enrolment_token: str | None = None
    demo: bool = False
    demo_cards_dir: Path = Path("var/demo/demo-cards")
    log_file: Path | None = None

    BOUNDS: typing.ClassVar[dict[str, Bounds]] = {
        "speech_idle_factor": Bounds(ge=1.0, le=4.0),
        "idle_seconds": Bounds(ge=20),
        "idle_warning_seconds": Bounds(ge=20),
        "heartbeat_seconds": Bounds(ge=5),
    }
    DEFAULT_FACTORIES: typing.ClassVar[dict[str, Callable[[], Any]]] = {
        "device_name": lambda: os.uname().nodename,
    }

    def __init__(self, **values: Any) -> None:
        """`values` (the command line) over the environment over the TOML file; names that are
        not fields are ignored."""
        given = {name: value for name, value in {**_from_toml(), **_from_env(), **values}.items()
                 if name in FIELDS}
        self.model_fields_set: set[str] = set(given)
        checked = _check_plain({**_defaults(), **given})
        if checked is None:  # a value not in its plain form: pydantic converts or refuses it
            from kiosk.settings_schema import SettingsSchema

            checked = dict(SettingsSchema(**given))
        self.__dict__.update(checked)

    def __repr__(self) -> str:
        fields = " ".join(f"{name}={getattr(self, name)!r}" for name in FIELDS)
        return f"KioskSettings({fields})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, KioskSettings):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in FIELDS)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the pydantic model was

    @property
    def credential_file(self) -> Path:
        return self.state_dir / "device.json"


# Every field's type, in order (the class's annotations, without the class variables).
FIELDS: dict[str, Any] = {name: kind for name, kind in KioskSettings.__annotations__.items()
                          if typing.get_origin(kind) is not typing.ClassVar}
# `model_fields`: the fields by the name the pydantic model gave them (callers and tests read it).
KioskSettings.model_fields = FIELDS  # type: ignore[attr-defined]


def _defaults() -> dict[str, Any]:
    factories = KioskSettings.DEFAULT_FACTORIES
    return {name: factories[name]() if name in factories else getattr(KioskSettings, name)
            for name in FIELDS}


_TRUE = {"1", "on", "t", "true", "y", "yes"}
_FALSE = {"0", "off", "f", "false", "n", "no"}
_INT = re.compile(r"0|[1-9][0-9]{0,8}")
_FLOAT = re.compile(r"(0|[1-9][0-9]{0,8})(\.[0-9]{1,9})?")
_REFUSED = object()  # not a plain value: pydantic decides


def _plain(kind: Any, value: Any) -> Any:
    """`value` as a `kind`, when it is in a form whose conversion is beyond doubt (the same as
    pydantic's); otherwise _REFUSED."""
    if typing.get_origin(kind) in (types.UnionType, typing.Union):  # X | None
        if value is None:
            return None
        (kind,) = [k for k in typing.get_args(kind) if k is not type(None)]
    if typing.get_origin(kind) is Literal:
        return value if type(value) is str and value in typing.get_args(kind) else _REFUSED
    if kind is str:
        return value if type(value) is str else _REFUSED
    if kind is bool:
        if type(value) is bool:
            return value
        word = value.lower() if type(value) is str else None
        return True if word in _TRUE else False if word in _FALSE else _REFUSED
    if kind is int:
        if type(value) is str and _INT.fullmatch(value):
            return int(value)
        return value if type(value) is int else _REFUSED
    if kind is float:
        if type(value) is str and _FLOAT.fullmatch(value):
            return float(value)
        return float(value) if type(value) in (int, float) else _REFUSED
    if kind is Path:
        return Path(value) if isinstance(value, str | Path) else _REFUSED
    return _REFUSED


def _check_plain(values: dict[str, Any]) -> dict[str, Any] | None:
    """Every field converted, or None when one needs pydantic (to convert or to refuse)."""
    checked = {}
    for name, kind in FIELDS.items():
        value = _plain(kind, values[name])
        bounds = KioskSettings.BOUNDS.get(name)
        if value is _REFUSED or (bounds is not None and not (
                (bounds.ge is None or value >= bounds.ge)
                and (bounds.le is None or value <= bounds.le))):
            return None
        checked[name] = value
    return checked


def _from_toml() -> dict[str, Any]:
    path = config_file()
    if not path.is_file():
        return {}
    import tomllib  # only when there is a file to read

    with path.open("rb") as f:
        return tomllib.load(f)


def _from_env() -> dict[str, str]:
    found = {}
    for name, value in os.environ.items():
        key = name.upper()
        if key.startswith(ENV_PREFIX) and key[len(ENV_PREFIX):].lower() in FIELDS:
            found[key[len(ENV_PREFIX):].lower()] = value
    return found
