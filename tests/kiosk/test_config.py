"""Kiosk settings: defaults < the TOML file < KIOSK_* environment < the command line."""

import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from kiosk.config import KioskSettings


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for name in list(os.environ):
        if name.upper().startswith("KIOSK_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("KIOSK_CONFIG_FILE", str(tmp_path / "kiosk.toml"))
    return tmp_path / "kiosk.toml"


def test_each_source_overrides_the_one_before(clean_env, monkeypatch):
    assert KioskSettings().server == "https://127.0.0.1:8765"  # no file: the defaults
    clean_env.write_text('server = "https://toml:1"\nprinter = "file:/tmp/p"\n'
                         'idle_seconds = 45\nlarge_text = true\n')
    settings = KioskSettings()
    assert (settings.server, settings.printer, settings.idle_seconds,
            settings.large_text) == ("https://toml:1", "file:/tmp/p", 45, True)
    monkeypatch.setenv("KIOSK_SERVER", "https://env:2")
    monkeypatch.setenv("kiosk_idle_seconds", "60")  # any case
    monkeypatch.setenv("KIOSK_STATE_DIR", "/tmp/state")
    monkeypatch.setenv("KIOSK_DEMO", "1")
    settings = KioskSettings()
    assert (settings.server, settings.idle_seconds, settings.state_dir, settings.demo,
            settings.printer) == ("https://env:2", 60, Path("/tmp/state"), True, "file:/tmp/p")
    assert "state_dir" in settings.model_fields_set  # set by a source, not defaulted
    settings = KioskSettings(server="https://cli:3")
    assert settings.server == "https://cli:3" and settings.idle_seconds == 60
    assert "log_file" not in settings.model_fields_set


def test_a_bad_value_is_refused_by_name(clean_env, monkeypatch):
    monkeypatch.setenv("KIOSK_IDLE_SECONDS", "5")
    with pytest.raises(ValidationError, match="idle_seconds"):
        KioskSettings()
    monkeypatch.delenv("KIOSK_IDLE_SECONDS")
    clean_env.write_text('reader = "usb"\n')
    with pytest.raises(ValidationError, match="reader"):
        KioskSettings()


@pytest.mark.parametrize("value", [
    "1", "0", "true", "TRUE", "Yes", "off", "t", "F", "no", " 1", "60", "060", "5", "20", "2.5",
    "2", "4.0", "4.5", "1e3", "-5", "abc", "", None, True, False, 0, 1, 60, 2.5, 7.0, 4.5,
    "/tmp/x", "simulated", "pcsc", "usb", "es", "EN", "high-contrast"])
def test_the_plain_reader_agrees_with_pydantic(clean_env, value):
    """Whatever value the small reader takes without pydantic, pydantic makes the same of it;
    whatever pydantic refuses, the settings refuse by name."""
    from kiosk.settings_schema import SettingsSchema

    for name in KioskSettings.model_fields:
        try:
            expected = getattr(SettingsSchema(**{name: value}), name)
        except ValidationError:
            with pytest.raises(ValidationError, match=name):
                KioskSettings(**{name: value})
            continue
        got = getattr(KioskSettings(**{name: value}), name)
        assert (got, type(got)) == (expected, type(expected)), name
