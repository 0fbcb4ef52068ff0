"""Server settings from the environment (`KIOSK_SERVER_...`) or a `.env` file."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from server.replica import ReplicaPolicy


class ServerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KIOSK_SERVER_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///var/kiosk-server/kiosk.db"
    # A PostgreSQL streaming replica (hot standby) for the public reads that anyone may make
    # without a device (council calendar and OCD data, election trackers and results,
    # procurement releases): they may lag the primary by a moment. Unset: the primary.
    read_database_url: str | None = None
    # When the replica cannot be reached (or, with a maximum lag set, is further behind than
    # that), public reads come from the primary: a connection attempt gives up after
    # `read_database_connect_timeout` s, and the replica is tried again every
    # `read_database_retry_seconds` s (docs/scaling.md). No maximum lag: lag is not measured.
    read_database_connect_timeout: int = Field(default=2, ge=1, le=60)
    read_database_retry_seconds: float = Field(default=30, ge=1, le=3600)
    read_database_max_lag_seconds: float | None = Field(default=None, gt=0)
    data_dir: Path = Path("var/kiosk-server")
    # PEM bundle of the CAs whose card certificates are accepted (national identity CA in
    # production; the demo CA that `seed-demo` creates otherwise).
    card_trust_anchors: Path | None = None
    public_base_url: str = "http://127.0.0.1:8765"
    demo: bool = False
    demo_enrolment_token: str = "DEMO-MIRAFLORES"
    challenge_ttl_seconds: int = Field(default=120, ge=10)
    resident_session_minutes: int = Field(default=15, ge=1)
    staff_session_minutes: int = Field(default=480, ge=1)
    resident_pin_max_failures: int = 3
    staff_max_failures: int = 5
    lockout_minutes: int = 15
    log_level: str = "INFO"
    # Requests using the database at once (the rest wait their turn without holding a thread
    # or a connection); the pool keeps as many connections and the threadpool more threads.
    # Request bodies past these are refused before they are read (413); multipart carries the
    # scanned attachments (each checked against its own limit by its route).
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    max_upload_bytes: int = Field(default=11 * 1024 * 1024, ge=1024)
    # Attempt limits per client address (server/limits.py); off only where every client
    # shares one address on purpose (a load test on 127.0.0.1). Per device they always hold.
    limit_per_address: bool = True
    db_pool_size: int = Field(default=20, ge=1, le=200)
    # Hours a payment code (CIP) stays payable; its amount is frozen until then.
    payment_code_hours: int = Field(default=48, ge=1, le=24 * 30)
    # Shared secrets of the banks that notify payment codes: {"BCP": "..."} (JSON in the env).
    bank_secrets: dict[str, str] = Field(default_factory=dict)

    # Signed audit checkpoints are appended here: put it on another volume than the database
    # (a remote mount, write-once storage) in production.
    audit_checkpoint_file: Path | None = None
    audit_checkpoint_minutes: int = Field(default=60, ge=1, le=60)

    # Device certificates (server/sites/ca.py): lifetime of a kiosk's client certificate (the
    # kiosk renews it when a third is left), and whether device requests must come with one.
    device_cert_days: int = Field(default=7, ge=1, le=90)
    # On: a device request needs, besides its credential, a client certificate of that same
    # device, verified by nginx and forwarded by it (deploy/nginx/kiosk-server.conf).
    require_client_cert: bool = False
    # Addresses whose X-Client-Cert header is believed (the nginx in front); from any other
    # address the header is ignored, so a client talking to uvicorn directly cannot forge it.
    trusted_proxies: list[str] = Field(default_factory=lambda: ["127.0.0.1"])
    # Run after every CRL write, e.g. "systemctl reload nginx": nginx reads ssl_crl only at
    # start and reload. Empty: nobody is told (the administrator reloads).
    crl_reload_command: str = ""

    # Fleet alerts (server/fleet): a device is silent after this many missed heartbeats;
    # paper out and a growing outbox open an alert after that many beats in a row, and any
    # alert closes after `fleet_clear_beats` good beats in a row (no flapping).
    fleet_silent_beats: int = Field(default=3, ge=1, le=1000)
    fleet_paper_beats: int = Field(default=2, ge=1, le=1000)
    fleet_outbox_beats: int = Field(default=3, ge=1, le=1000)
    fleet_clear_beats: int = Field(default=2, ge=1, le=1000)

    @property
    def replica_policy(self) -> ReplicaPolicy:
        return ReplicaPolicy(self.read_database_connect_timeout,
                             self.read_database_retry_seconds,
                             self.read_database_max_lag_seconds)

    @property
    def device_ca_dir(self) -> Path:
        return self.data_dir / "device-ca"

    @property
    def checkpoint_path(self) -> Path:
        return self.audit_checkpoint_file or self.data_dir / "audit-checkpoints.jsonl"

    @property
    def trust_anchor_path(self) -> Path:
        return self.card_trust_anchors or self.data_dir / "demo-ca" / "ca.pem"


@lru_cache
def get_settings() -> ServerSettings:
    return ServerSettings()
