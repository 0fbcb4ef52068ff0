"""The device's own key and client certificate (mutual TLS behind nginx, docs/fleet.md).

The key is made here and never leaves the state dir (mode 0600); the server's device CA
signs a request for it at enrolment and again before the certificate expires. The kiosk
renews when less than a third of the certificate's lifetime is left.
"""

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

RENEW_WHEN_LEFT = 1 / 3


@dataclass(frozen=True)
class CertFiles:
    # The key and its certificate in one file (mode 0600), replaced at once: a renewal
    # interrupted halfway never leaves a key beside another key's certificate.
    identity: Path
    ca: Path

    @classmethod
    def under(cls, state_dir: Path) -> "CertFiles":
        return cls(state_dir / "device-identity.pem", state_dir / "device-ca.pem")

    def present(self) -> bool:
        return self.identity.is_file()


def new_key_and_csr(device_name: str) -> tuple[bytes, str]:
    """A fresh EC P-256 key (PEM) and a certificate request for it (PEM). The server puts
    the device id and site in the certificate; the name here is only informative."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    csr = (x509.CertificateSigningRequestBuilder()
           .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, device_name[:64])]))
           .sign(key, hashes.SHA256()))
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return key_pem, csr.public_bytes(serialization.Encoding.PEM).decode()


def _write(path: Path, data: bytes, mode: int) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(tmp, mode)  # the umask may have taken bits away; never added any
    os.replace(tmp, path)  # atomic: a crash never leaves a key without its certificate


def save(files: CertFiles, *, key_pem: bytes, cert_pem: str, ca_pem: str) -> None:
    """Keep a new key with its certificate."""
    files.identity.parent.mkdir(parents=True, exist_ok=True)
    _write(files.ca, ca_pem.encode(), 0o644)
    _write(files.identity, key_pem + cert_pem.encode(), 0o600)


def _stored(files: CertFiles):
    from cryptography import x509

    try:
        return x509.load_pem_x509_certificate(files.identity.read_bytes())
    except (OSError, ValueError):
        return None


def expired(files: CertFiles, *, now: datetime | None = None) -> bool:
    """Whether a stored certificate is past its end (the kiosk was off longer than its
    lifetime): nginx refuses it, and only a new enrolment helps."""
    cert = _stored(files)
    return cert is not None and cert.not_valid_after_utc <= (now or datetime.now(UTC))


def renewal_due(files: CertFiles, *, now: datetime | None = None) -> bool:
    """Whether the stored certificate has less than a third of its lifetime left."""
    cert = _stored(files)
    if cert is None:
        return False  # nothing to renew (a device enrolled without a certificate)
    now = now or datetime.now(UTC)
    start, end = cert.not_valid_before_utc, cert.not_valid_after_utc
    return end - now < (end - start) * RENEW_WHEN_LEFT
