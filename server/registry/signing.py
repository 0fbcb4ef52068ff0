"""The registry's PAdES signature (pyHanko): sign a copy's PDF with the registry's signing
certificate, and validate a PDF against the configured trust anchors only.

Settings (`KIOSK_SERVER_REGISTRY_…`, or the demo's files under the data directory):
`SIGNING_CERT` (PEM), `SIGNING_KEY` (PEM, PKCS#8; `SIGNING_KEY_PASSWORD` if encrypted),
`SIGNING_CHAIN` (PEM bundle of the intermediate CAs up to the root) and `TRUST_ANCHORS` (PEM
bundle of the roots a copy is validated against; no system trust store is ever used).
"""

import io
import logging
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

from server.errors import Problem

DEMO_DIR = "demo-registry-ca"  # under the data directory: ca.pem, ca.key, signer.pem, signer.key


class RegistrySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KIOSK_SERVER_REGISTRY_", env_file=".env",
                                      extra="ignore")

    signing_cert: Path | None = None
    signing_key: Path | None = None
    signing_key_password: str | None = None
    signing_chain: Path | None = None
    trust_anchors: Path | None = None


@dataclass(frozen=True)
class SigningPaths:
    cert: Path
    key: Path
    chain: Path
    anchors: Path
    password: str | None = None


def paths(data_dir: Path) -> SigningPaths:
    """The configured files, each falling back to the demo's under `data_dir`."""
    s = RegistrySettings()
    demo = data_dir / DEMO_DIR
    return SigningPaths(cert=s.signing_cert or demo / "signer.pem",
                        key=s.signing_key or demo / "signer.key",
                        chain=s.signing_chain or demo / "ca.pem",
                        anchors=s.trust_anchors or demo / "ca.pem",
                        password=s.signing_key_password)


UNAVAILABLE = Problem(
    500, "registry_signing_unavailable",
    "La firma digital del registro no está configurada: no se emitió ni se cobró nada.",
    "The registry's digital signature is not configured: nothing was issued or charged.")


@lru_cache(maxsize=4)
def _signer(cert: Path, key: Path, chain: Path, password: str | None, _mtime: float):
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load(
        str(key), str(cert), ca_chain_files=(str(chain),),
        key_passphrase=password.encode() if password else None)
    if signer is None:
        raise UNAVAILABLE
    return signer


def signer_for(p: SigningPaths):
    if not (p.cert.exists() and p.key.exists() and p.chain.exists()):
        raise UNAVAILABLE
    return _signer(p.cert, p.key, p.chain, p.password, p.cert.stat().st_mtime)


def signer_name(p: SigningPaths) -> str:
    """Whom the signing certificate names (its common name), as a copy prints it."""
    signer = signer_for(p)
    return signer.signing_cert.subject.native.get("common_name", "-")


def sign(pdf: bytes, p: SigningPaths, *, reason: str) -> bytes:
    """The PDF with a PAdES B-B signature over the whole file (an incremental update)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    meta = signers.PdfSignatureMetadata(
        field_name="FirmaRegistroCivil", subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256", reason=reason, location="Miraflores, Lima, PE")
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta,
                           signer=signer_for(p))
    return out.getvalue()


@dataclass(frozen=True)
class PdfCheck:
    valid: bool
    signer: str | None = None
    signed_at: datetime | None = None
    reason_es: str = ""
    reason_en: str = ""


def _anchors(path: Path) -> list:
    from asn1crypto import pem
    from asn1crypto import x509 as ax509

    data = path.read_bytes()
    if not pem.detect(data):
        return [ax509.Certificate.load(data)]
    return [ax509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]


def verify(pdf: bytes, anchors: Path) -> PdfCheck:
    """Is every signature of `pdf` intact, covering the whole file, and chained to one of
    `anchors`? (Only those: ValidationContext gets them as its trust roots.)"""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko_certvalidator import ValidationContext

    if not anchors.exists():
        return PdfCheck(False, reason_es="No hay anclas de confianza configuradas.",
                        reason_en="No trust anchors are configured.")
    context = ValidationContext(trust_roots=_anchors(anchors), allow_fetching=False)
    logging.getLogger("pyhanko").setLevel(logging.ERROR)  # its tracebacks are our "invalid"
    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except Exception:  # a damaged file is simply not a valid copy
        return PdfCheck(False, reason_es="El archivo no es un PDF legible.",
                        reason_en="The file is not a readable PDF.")
    if not signatures:
        return PdfCheck(False, reason_es="El PDF no tiene firma digital.",
                        reason_en="The PDF has no digital signature.")
    for sig in signatures:
        try:
            status = validate_pdf_signature(sig, context)
        except (SignatureValidationError, ValueError, KeyError) as exc:
            return PdfCheck(False, reason_es=f"Firma ilegible: {exc}",
                            reason_en=f"Unreadable signature: {exc}")
        name = status.signing_cert.subject.native.get("common_name")
        if not status.intact or not status.valid:
            return PdfCheck(False, name, reason_es="El documento fue modificado después de "
                            "firmarse.", reason_en="The document was changed after signing.")
        if not status.trusted:
            return PdfCheck(False, name, reason_es="La firma no proviene de una autoridad de "
                            "confianza configurada.",
                            reason_en="The signature does not chain to a configured trust "
                            "anchor.")
        if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
            return PdfCheck(False, name, reason_es="Hay contenido añadido después de la firma.",
                            reason_en="Content was added after the signature.")
    return PdfCheck(True, name, status.signer_reported_dt,
                    reason_es="Firma válida del registro civil.",
                    reason_en="Valid signature of the civil registry.")
