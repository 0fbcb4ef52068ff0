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
    HEARTBEAT_SECONDS,
    DeviceRef,
    SiteRef,
    authenticate,
    create_enrolment_token,
    device_out,
    enroll,
    ensure_system_device,
    find_device,
    find_site,
    get_device,
    heartbeat,
    list_devices,
    list_sites,
    upsert_site,
)

__all__ = ["BAD_DEVICE_SIGNATURE", "HEARTBEAT_SECONDS", "DeviceRef", "SiteRef", "authenticate",
           "check_client_certificate", "create_enrolment_token", "crl_pem", "device_out",
           "enroll", "ensure_system_device", "find_device", "find_site",
           "forwarded_certificate", "get_device", "heartbeat", "list_devices", "list_sites",
           "publish_crl", "renew", "revoke_device", "upsert_site", "verify_device_signature"]
