"""The kiosk's settings as a pydantic model, built from the fields of kiosk/config.py.

Imported only when a setting is not in its plain form (kiosk/config.py takes those without
pydantic): pydantic converts it, or refuses it with a ValidationError that names the field.
"""

from typing import Any

from pydantic import ConfigDict, Field, create_model

from kiosk.config import FIELDS, KioskSettings


def _field(name: str) -> Any:
    bounds = KioskSettings.BOUNDS.get(name)
    limits = {} if bounds is None else {"ge": bounds.ge, "le": bounds.le}
    factory = KioskSettings.DEFAULT_FACTORIES.get(name)
    if factory is not None:
        return Field(default_factory=factory, **limits)
    return Field(default=getattr(KioskSettings, name), **limits)


# Named as the settings class was, so its errors read "validation error for KioskSettings".
SettingsSchema = create_model(  # type: ignore[call-overload]
    "KioskSettings", __config__=ConfigDict(extra="ignore", validate_default=True),
    **{name: (kind, _field(name)) for name, kind in FIELDS.items()})
