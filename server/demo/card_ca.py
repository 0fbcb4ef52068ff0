"""The demo certification authority and the demo ID cards it personalises.

A card image is the JSON file the card emulator (devices/card/emulator.py) serves: format
`miraflores-demo-card/1`, documented in docs/card.md. It holds the card's private key, so it
exists only for demo cards; real DNIe keys never leave the chip.
"""

import base64
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

CARD_FORMAT = "miraflores-demo-card/1"
CA_DIR = "demo-ca"  # under the data directory: ca.pem (the demo trust anchor) and ca.key
CARDS_DIR = "demo-cards"  # under the data directory: one <dni>.card.json per demo resident


@dataclass
class DemoCA:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @classmethod
    def create(cls, name: str = "Miraflores DEMO ID CA (no válida / not valid)") -> "DemoCA":
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([
            x509.NameAttribute(NameOID.COUNTRY_NAME, "PE"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Municipalidad de Miraflores (DEMO)"),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ])
        now = datetime.now(UTC)
        cert = (
            x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False,
                                         False), critical=True)
            .sign(key, hashes.SHA256())
        )
        return cls(key, cert)

    @classmethod
    def load_or_create(cls, directory: Path) -> "DemoCA":
        cert_path, key_path = directory / "ca.pem", directory / "ca.key"
        if cert_path.exists() and key_path.exists():
            key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
            return cls(key, x509.load_pem_x509_certificate(cert_path.read_bytes()))
        ca = cls.create()
        directory.mkdir(parents=True, exist_ok=True)
        key_path.write_bytes(ca.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
        key_path.chmod(0o600)
        cert_path.write_bytes(ca.cert.public_bytes(serialization.Encoding.PEM))
        return ca

    def issue_card(self, *, dni: str, given_names: str, surnames: str, birth_date: date,
                   pin: str, valid_days: int = 1825, not_before: datetime | None = None) -> dict:
        key = ec.generate_private_key(ec.SECP256R1())
        start = not_before or datetime.now(UTC) - timedelta(days=1)
        subject = x509.Name([
            x509.NameAttribute(NameOID.COUNTRY_NAME, "PE"),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, f"PNOPE-{dni}"),
            x509.NameAttribute(NameOID.GIVEN_NAME, given_names),
            x509.NameAttribute(NameOID.SURNAME, surnames),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{given_names} {surnames}"),
        ])
        cert = (
            x509.CertificateBuilder().subject_name(subject).issuer_name(self.cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(start + timedelta(days=valid_days))
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False,
                                         False), critical=True)
            .sign(self.key, hashes.SHA256())
        )
        return {
            "format": CARD_FORMAT,
            "pin": pin,
            "identity": {"dni": dni, "given_names": given_names, "surnames": surnames,
                         "birth_date": birth_date.isoformat()},
            "certificate": base64.b64encode(cert.public_bytes(serialization.Encoding.DER)
                                            ).decode(),
            "private_key": key.private_bytes(serialization.Encoding.PEM,
                                             serialization.PrivateFormat.PKCS8,
                                             serialization.NoEncryption()).decode(),
        }


def write_card(directory: Path, image: dict) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{image['identity']['dni']}.card.json"
    path.write_text(json.dumps(image, ensure_ascii=False, indent=1), encoding="utf-8")
    path.chmod(0o600)
    return path


def card_matches_ca(path: Path, ca: DemoCA) -> bool:
    try:
        image = json.loads(path.read_text(encoding="utf-8"))
        cert = x509.load_der_x509_certificate(base64.b64decode(image["certificate"]))
        cert.verify_directly_issued_by(ca.cert)
    except Exception:
        return False
    return True
