"""Interconexión de locales, as other domains see it: sites, and enrolled devices as refs."""

from server.sites.devices import (
    DeviceRef,
    authenticate,
    create_enrolment_token,
    device_out,
    enroll,
    ensure_system_device,
    get_device,
    heartbeat,
    list_devices,
    upsert_site,
)

__all__ = ["DeviceRef", "authenticate", "create_enrolment_token", "device_out", "enroll",
           "ensure_system_device", "get_device", "heartbeat", "list_devices", "upsert_site"]
