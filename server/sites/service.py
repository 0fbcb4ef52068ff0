"""Interconexión de locales, as other domains see it: sites, and enrolled devices as refs."""

from server.sites.certificates import (
    BAD_DEVICE_SIGNATURE,
    check_client_certificate,
    crl_pem,
    forwarded_certificate,
    publish_crl,
    renew,
    revoke_device,
    verify_device_signature,
)
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

__all__ = ["BAD_DEVICE_SIGNATURE", "DeviceRef", "authenticate", "check_client_certificate",
           "create_enrolment_token",
           "crl_pem", "device_out", "enroll", "ensure_system_device", "forwarded_certificate",
           "get_device", "heartbeat", "list_devices", "publish_crl", "renew", "revoke_device",
           "upsert_site", "verify_device_signature"]
