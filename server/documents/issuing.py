"""Issue, fetch and verify documents. Numbers come from locked series; codes are random."""

import hashlib
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from stdnum.iso7064 import mod_97_10

from server.audit import service as audit
from server.documents.models import Document, DocumentFile, NumberSeries
from server.documents.schemas import DocumentLine, DocumentOut, VerificationOut
from server.errors import Problem
from server.kernel.text import Text
from server.sites import service as sites
from server.timeutil import lima, utcnow

# Crockford base32 without I, L, O, U: readable aloud and typeable on a keypad-less screen.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class Holder(Protocol):
    """Whom a document is issued to (an identity ResidentRef)."""

    @property
    def id(self) -> int: ...

    @property
    def full_name(self) -> str: ...


@dataclass(frozen=True)
class IssuedDocument:
    """A document just issued, as written: enough to print it without reading it again."""

    code: str  # the verification code printed on it
    number: str  # its correlative, e.g. RP-PM-2026-000123
    kind: str
    title_es: str
    title_en: str
    issued_at: datetime
    site_name: str
    holder_name: str | None
    lines: list[dict]
    voided_at: None = None  # just issued, so not voided (`out` reads it as of a stored one)


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))  # 60 bits
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


# The code's digits-only form, for a 12-key keypad: its 60 bits as 19 decimal digits and two
# ISO 7064 MOD 97-10 check digits (any one digit wrong or two swapped is caught).
CODE_DIGITS = 21


class CheckDigitMismatch(ValueError):
    """A digits-only code whose check digits do not match: mistyped."""


MISTYPED = Text(es="El código numérico no es correcto (no cuadran sus dígitos de control): "
                   "revise cada dígito.",
                en="The numeric code is not right (its check digits do not match): check "
                   "each digit.")


def code_digits(code: str) -> str:
    value = 0
    for ch in code.replace("-", ""):
        value = value * 32 + ALPHABET.index(ch)
    body = f"{value:019d}"
    return body + mod_97_10.calc_check_digits(body)


def code_from_digits(digits: str) -> str:
    if not mod_97_10.is_valid(digits) or int(digits[:-2]) >= 32 ** 12:
        raise CheckDigitMismatch(digits)
    value, chars = int(digits[:-2]), []
    for _ in range(12):
        value, rest = divmod(value, 32)
        chars.append(ALPHABET[rest])
    raw = "".join(reversed(chars))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def mistyped(code: str) -> bool:
    """A digits-only code whose check digits do not match."""
    cleaned = code.replace("-", "").replace(" ", "")
    if not (cleaned.isdigit() and len(cleaned) == CODE_DIGITS):
        return False
    try:
        code_from_digits(cleaned)
    except CheckDigitMismatch:
        return True
    return False


def normalise_code(code: str) -> str:
    """The stored form of a typed code: letters and digits (any case, dashes, spaces, O/I/L
    for 0/1) or the digits-only form (a mistyped one matches nothing: see `mistyped`)."""
    cleaned = code.upper().replace("-", "").replace(" ", "")
    if cleaned.isdigit() and len(cleaned) == CODE_DIGITS:
        try:
            return code_from_digits(cleaned)
        except CheckDigitMismatch:
            return cleaned
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    return f"{cleaned[:4]}-{cleaned[4:8]}-{cleaned[8:12]}" if len(cleaned) == 12 else cleaned


# Built once, run on the table: every receipt takes a number (building the statement costs
# more than running it).
_SERIES = NumberSeries.__table__
_TAKE_NUMBER = update(_SERIES).where(_SERIES.c.series == bindparam("name")).values(
    last=_SERIES.c.last + 1).returning(_SERIES.c.last)


def next_number(*, db: Session, series: str, fmt: str = "{series}-{n:06d}") -> str:
    """The series' next number, taken in one statement (the UPDATE locks the row until the
    caller's transaction ends, so numbers are never repeated or skipped)."""
    number = db.execute(_TAKE_NUMBER, {"name": series}).scalar()
    if number is None:
        # The first number of a series: two terminals may both try to create it; the loser's
        # savepoint rolls back and it then waits on the winner's row lock like everyone else.
        try:
            with db.begin_nested():
                db.add(NumberSeries(series=series, last=0))
        except IntegrityError:
            pass
        number = db.execute(_TAKE_NUMBER, {"name": series}).scalar_one()
    return fmt.format(series=series, n=number)


# Built once: payments issue a receipt each, and building the statement costs more than
# running it.
_INSERT = insert(Document.__table__)


def issue(
    *, db: Session, by: audit.Actor, device: sites.DeviceRef, kind: str, prefix: str,
    title: Text, lines: list[DocumentLine], resident: Holder | None, number: str | None = None,
) -> IssuedDocument:
    """Write a document in the caller's transaction (the caller commits); the issuing
    device's site numbers the series, unless the caller brings a `number` reserved before
    (a receipt numbered offline from a device's own block, payments.offline)."""
    number = number or next_number(
        db=db, series=f"{prefix}-{device.site_code}-{lima(utcnow()).year}")
    doc = IssuedDocument(code=new_code(), kind=kind, number=number, title_es=title.es,
                         title_en=title.en, issued_at=utcnow(), site_name=device.site_name,
                         holder_name=resident.full_name if resident else None,
                         lines=[line.model_dump() for line in lines])
    db.flush()  # what the caller added before is written first, as it always was
    db.execute(_INSERT, {**asdict(doc), "resident_id": resident.id if resident else None,
                         "site_id": device.site_id, "device_id": device.id,
                         "issued_by": by.actor})
    audit.record(db=db, by=by, action=f"document.issue.{kind}", target=f"document:{doc.number}",
                 details={"code": doc.code})
    return doc


def document_out(*, db: Session, code: str, base_url: str) -> DocumentOut:
    """The whole document with this verification code, as kiosks print it."""
    return out(doc=get_by_code(db=db, code=code), base_url=base_url)


def issued_out(*, doc: IssuedDocument, base_url: str) -> DocumentOut:
    """A document just issued, as kiosks print it (not read again)."""
    return out(doc=doc, base_url=base_url)


def out(*, doc: Document | IssuedDocument, base_url: str) -> DocumentOut:
    return DocumentOut(
        code=doc.code, kind=doc.kind, number=doc.number,
        title=Text(es=doc.title_es, en=doc.title_en), issued_at=doc.issued_at,
        site_name=doc.site_name, holder_name=doc.holder_name,
        lines=[DocumentLine.model_validate(line) for line in doc.lines],
        verify_url=f"{base_url.rstrip('/')}/verify/{doc.code}", voided=doc.voided_at is not None,
        code_digits=code_digits(doc.code),
    )


def get_by_code(*, db: Session, code: str) -> Document:
    if mistyped(code):
        raise Problem(422, "code_mistyped", MISTYPED.es, MISTYPED.en)
    doc = db.execute(select(Document).where(Document.code == normalise_code(code))).scalar()
    if doc is None:
        raise Problem(404, "document_not_found",
                      "No existe ningún comprobante con ese código. Revise el código impreso.",
                      "No receipt has that code. Check the printed code.")
    return doc


def verify(*, db: Session, code: str) -> VerificationOut:
    if mistyped(code):
        return VerificationOut(valid=False, code=code, message=MISTYPED)
    doc = db.execute(select(Document).where(Document.code == normalise_code(code))).scalar()
    if doc is None:
        return VerificationOut(valid=False, code=code, message=Text(
            es="Código no encontrado: este documento no fue emitido por la municipalidad.",
            en="Code not found: this document was not issued by the municipality."))
    initials = ("".join(part[0] + "." for part in doc.holder_name.split())
                if doc.holder_name else None)
    voided = doc.voided_at is not None
    message = (Text(es="Documento ANULADO.", en="Document VOIDED.") if voided else
               Text(es="Documento válido emitido por la Municipalidad de Miraflores.",
                    en="Valid document issued by the Municipality of Miraflores."))
    published = db.get(DocumentFile, doc.id) is not None
    return VerificationOut(valid=not voided, code=doc.code, kind=doc.kind, number=doc.number,
                           title=Text(es=doc.title_es, en=doc.title_en), issued_at=doc.issued_at,
                           holder_initials=initials, message=message,
                           # A document that publishes its file shows what it shows, no more.
                           lines=([DocumentLine.model_validate(x) for x in doc.lines]
                                  if published else []),
                           pdf_url=f"/verify/{doc.code}/pdf" if published else None)


def void(*, db: Session, code: str) -> None:
    """Mark a document voided (its owner domain records why); it stays verifiable as such."""
    doc = get_by_code(db=db, code=code)
    doc.voided_at = utcnow()


def attach_pdf(*, db: Session, code: str, filename: str, content: bytes) -> None:
    """Publish a PDF of a document the caller issued (a certified copy, signed): anyone with
    its code may then read the document's lines at /verify/<code> and fetch the PDF at
    /verify/<code>/pdf. One file per document, written in the caller's transaction."""
    if not content.startswith(b"%PDF-"):
        raise ValueError("not a PDF")
    doc = get_by_code(db=db, code=code)
    db.add(DocumentFile(document_id=doc.id, filename=filename[:80],
                        media_type="application/pdf", size=len(content),
                        sha256=hashlib.sha256(content).hexdigest(), content=content))
    db.flush()


def published_file(*, db: Session, code: str) -> DocumentFile:
    """The file a document publishes (404 when there is none)."""
    found = db.execute(select(DocumentFile).join(Document, Document.id == DocumentFile.document_id)
                       .where(Document.code == normalise_code(code))).scalar()
    if found is None:
        raise Problem(404, "document_file_not_found",
                      "Ese documento no tiene un PDF publicado.",
                      "That document has no published PDF.")
    return found
