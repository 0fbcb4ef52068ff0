"""The device CA: the municipality's own small CA that signs the kiosks' client certificates.

Its key and certificate live in `<data_dir>/device-ca/` (made on first use, key mode 0600);
the CRL it signs is written beside them (`crl.pem`) for nginx's `ssl_crl`. Pure
cryptography, no database: which certificates exist and which are revoked is kept in the
`device_certificates` table (server/sites/certificates.py).
"""

import os
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from server.errors import Problem

CA_DAYS = 3650
# nginx refuses every client once the CRL it holds is past its next update: the CRL is
# written again at every issue and revocation (the fleet renews weekly), and `kiosk-server
# publish-crl` from a daily timer covers a quiet fleet.
CRL_DAYS = 30
DEVICE_URN = "urn:kiosk:device:"
SITE_URN = "urn:kiosk:site:"

BAD_CSR = Problem(
    422, "csr_invalid",
    "La solicitud de certificado del equipo no es válida (firma o clave no aceptada).",
    "The device's certificate request is not valid (bad signature or key not accepted).",
)


@dataclass(frozen=True)
class Issued:
    certificate: x509.Certificate

    @property
    def pem(self) -> str:
        return self.certificate.public_bytes(serialization.Encoding.PEM).decode()

    @property
    def serial(self) -> str:
        return format(self.certificate.serial_number, "x")


def _write_new(path: Path, data: bytes, mode: int) -> bool:
    """Write a file only if it does not exist yet (two servers starting at once: one wins)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return True


def write_atomic(path: Path, data: bytes) -> None:
    """nginx may read the file at any moment (a reload): it never sees half of it."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


class DeviceCA:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.key_path, self.cert_path = directory / "ca-key.pem", directory / "ca.pem"
        self.crl_path = directory / "crl.pem"
        if not self.cert_path.exists():
            self._create()
        for _ in range(50):  # another process made the key: its certificate follows at once
            if self.cert_path.exists():
                break
            time.sleep(0.1)
        self.key = serialization.load_pem_private_key(self.key_path.read_bytes(), None)
        self.certificate = x509.load_pem_x509_certificate(self.cert_path.read_bytes())

    def _create(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        key = ec.generate_private_key(ec.SECP256R1())
        key_pem = key.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
        if not _write_new(self.key_path, key_pem, 0o600):
            return  # another process made it; its certificate follows the key
        name = x509.Name([
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Municipalidad"),
            x509.NameAttribute(NameOID.COMMON_NAME, "CA de equipos / Device CA"),
        ])
        now = datetime.now().astimezone()
        cert = (
            x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=CA_DAYS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False,
                                         False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .sign(key, hashes.SHA256())
        )
        write_atomic(self.cert_path, cert.public_bytes(serialization.Encoding.PEM))

    @property
    def pem(self) -> str:
        return self.certificate.public_bytes(serialization.Encoding.PEM).decode()

    def issue(self, *, csr_pem: str, device_id: int, site_code: str, days: int,
              now: datetime) -> Issued:
        """A client certificate for the key in `csr_pem`; subject and SAN are the server's
        (device id, site), never what the request asked for."""
        try:
            csr = x509.load_pem_x509_csr(csr_pem.encode())
            valid = csr.is_signature_valid
            public = csr.public_key()
        except (ValueError, TypeError) as exc:
            raise BAD_CSR from exc
        strong = (isinstance(public, ec.EllipticCurvePublicKey) and public.curve.key_size >= 256
                  ) or (isinstance(public, rsa.RSAPublicKey) and public.key_size >= 2048)
        if not valid or not strong:
            raise BAD_CSR
        subject = x509.Name([
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Municipalidad"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, site_code),
            x509.NameAttribute(NameOID.COMMON_NAME, f"device-{device_id}"),
        ])
        cert = (
            x509.CertificateBuilder().subject_name(subject)
            .issuer_name(self.certificate.subject).public_key(public)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))  # a device clock a little behind
            .not_valid_after(now + timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False,
                                         False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.ExtendedKeyUsageOID.CLIENT_AUTH]),
                           critical=False)
            .add_extension(x509.SubjectAlternativeName([
                x509.UniformResourceIdentifier(f"{DEVICE_URN}{device_id}"),
                x509.UniformResourceIdentifier(f"{SITE_URN}{site_code}"),
            ]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                self.certificate.public_key()), critical=False)
            .sign(self.key, hashes.SHA256())
        )
        return Issued(cert)

    def crl(self, *, revoked: list[tuple[str, datetime]], now: datetime) -> bytes:
        """A CRL listing (serial in hex, revocation time), valid CRL_DAYS."""
        builder = (x509.CertificateRevocationListBuilder()
                   .issuer_name(self.certificate.subject)
                   .last_update(now - timedelta(minutes=5))
                   .next_update(now + timedelta(days=CRL_DAYS)))
        for serial, when in revoked:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(int(serial, 16))
                .revocation_date(when).build())
        return builder.sign(self.key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)

    def issued_here(self, certificate: x509.Certificate) -> bool:
        try:
            certificate.verify_directly_issued_by(self.certificate)
        except (InvalidSignature, ValueError, TypeError):
            return False
        return True


def device_id_of(certificate: x509.Certificate) -> int | None:
    """The device id a certificate was issued to (its SAN URI), None if it names none."""
    try:
        names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except x509.ExtensionNotFound:
        return None
    for uri in names.value.get_values_for_type(x509.UniformResourceIdentifier):
        if uri.startswith(DEVICE_URN) and uri[len(DEVICE_URN):].isdigit():
            return int(uri[len(DEVICE_URN):])
    return None
