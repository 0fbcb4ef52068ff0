"""Checks of a card login: the certificate chains to a trust anchor, the signature is good.

The card signs a 32-byte digest the server chose (`login_digest`), as a pre-hashed SHA-256
value: ECDSA for the demo card and RSA PKCS#1 v1.5 for the national DNIe.
"""

import hashlib
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from cryptography.x509.oid import NameOID

DOMAIN = b"MIRAFLORES-KIOSK-CARD-LOGIN/1"


class CardCheckError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def login_digest(*, challenge_id: str, device_id: int, nonce: bytes) -> bytes:
    return hashlib.sha256(
        DOMAIN + b"|" + challenge_id.encode() + b"|" + str(device_id).encode() + b"|" + nonce
    ).digest()


def load_anchors(path: Path) -> list[x509.Certificate]:
    if not path.exists():
        return []
    return x509.load_pem_x509_certificates(path.read_bytes())


def check_certificate(cert_der: bytes, anchors: list[x509.Certificate], now: datetime
                      ) -> x509.Certificate:
    try:
        cert = x509.load_der_x509_certificate(cert_der)
    except ValueError as exc:
        raise CardCheckError("certificate_malformed") from exc
    if not (cert.not_valid_before_utc <= now <= cert.not_valid_after_utc):
        raise CardCheckError("certificate_expired")
    for anchor in anchors:
        if anchor.subject != cert.issuer:
            continue
        try:
            cert.verify_directly_issued_by(anchor)
        except (ValueError, TypeError, InvalidSignature):
            continue
        if anchor.not_valid_before_utc <= now <= anchor.not_valid_after_utc:
            return cert
    raise CardCheckError("certificate_untrusted")


def check_signature(cert: x509.Certificate, digest: bytes, signature: bytes) -> None:
    key = cert.public_key()
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, digest, ec.ECDSA(Prehashed(hashes.SHA256())))
        elif isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, digest, padding.PKCS1v15(), Prehashed(hashes.SHA256()))
        else:
            raise CardCheckError("key_type_unsupported")
    except InvalidSignature as exc:
        raise CardCheckError("signature_invalid") from exc


def dni_of(cert: x509.Certificate) -> str:
    """DNI from the subject serialNumber: "PNOPE-40123456" (ETSI EN 319 412-1) or bare digits."""
    attrs = cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    value = str(attrs[0].value) if attrs else ""
    number = value.removeprefix("PNOPE-")
    if len(number) < 8 or not number[:8].isdigit():
        raise CardCheckError("certificate_without_dni")
    return number[:8]
