"""Demo register: the registry's signing CA and certificate (under the data directory, like
the demo card CA), the copy fee in the TUPA, and actas of the demo residents — one only on
paper, one reserved by adoption, one with annotations, a minor's, a marriage of this year
(first copy free) and one overdue for RENIEC. Idempotent."""

import io
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.audit.service import SYSTEM
from server.demo.card_ca import DemoCA
from server.identity import service as identity
from server.registry import fees, keeping, register, signing
from server.registry.models import Acta, CopyFee
from server.registry.schemas import ActaIn, AnnotationIn, PersonIn
from server.timeutil import today

ORDER = 70
SIGNER_NAME = "Lucía Vega Montes - Registro Civil de Miraflores (DEMO)"


def _write_key(path: Path, key) -> None:
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                       serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    path.chmod(0o600)


def signing_set_up(data_dir: Path) -> Path:
    """The demo registry CA and its signing certificate (made once)."""
    folder = data_dir / signing.DEMO_DIR
    if (folder / "signer.pem").exists() and (folder / "ca.pem").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    ca = DemoCA.create(name="Miraflores DEMO Registro Civil CA (no válida / not valid)")
    _write_key(folder / "ca.key", ca.key)
    (folder / "ca.pem").write_bytes(ca.cert.public_bytes(serialization.Encoding.PEM))
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    subject = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "PE"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Municipalidad de Miraflores (DEMO)"),
        x509.NameAttribute(NameOID.COMMON_NAME, SIGNER_NAME)])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(ca.cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=1825))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False,
                                         False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                ca.key.public_key()), critical=False)
            .sign(ca.key, hashes.SHA256()))
    _write_key(folder / "signer.key", key)
    (folder / "signer.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return folder


def _p(role: str, given: str, surnames: str, dni: str | None = None,
       born: date | None = None) -> PersonIn:
    return PersonIn(role=role, given_names=given, surnames=surnames, dni=dni, birth_date=born)


def _scan(ref: str) -> bytes:
    """A stand-in for the scanned page: a PNG (checked by content like any scan)."""
    import segno

    buffer = io.BytesIO()
    segno.make(f"DEMO {ref}").save(buffer, kind="png", scale=3)
    return buffer.getvalue()


def _paper(db, registrar, kind, year, number, book, day, place, persons, scanned=True):
    body = ActaIn(kind=kind, book=book, event_date=day, event_place=place, persons=persons,
                  paper_year=year, paper_number=number)
    acta = register.register(db=db, by=SYSTEM, staff=registrar, body=body)
    if scanned:
        keeping.attach_image(db=db, by=SYSTEM, acta=acta, filename=f"{acta.ref}.png",
                             content=_scan(acta.ref))
    return acta


def _summary(db: Session) -> list[str]:
    """The demo actas a newcomer tries, read back: the same lines on every run (idempotent)."""
    def ref(*where) -> str:
        return db.scalar(select(Acta.ref).where(*where).order_by(Acta.id).limit(1)) or "-"
    return [f"  {ref(Acta.kind == 'birth', Acta.year == 1956)} solo en papel / paper only; "
            f"{ref(Acta.kind == 'marriage', Acta.year == 1979)} con anotaciones / annotated; "
            f"{ref(Acta.reserved)} reservada / reserved; "
            f"{ref(Acta.ceremony == 'DEMO-CEREMONIA-1')} primera copia gratis / first copy free; "
            f"{ref(Acta.kind == 'birth', Acta.sent_at.is_(None), Acta.year == today().year)} "
            "vencida para RENIEC / overdue"]


def _actas(db: Session, registrar) -> None:
    lima = "Miraflores, Lima"
    _paper(db, registrar, "birth", 1956, 345, "Nacimientos 1956-II", date(1956, 3, 14),
                  "Hospital Arzobispo Loayza, Lima",
                  [_p("inscrito", "Rosa", "Quispe Mamani", "40123456"),
                   _p("madre", "Martina", "Mamani Ccori"), _p("padre", "Juan", "Quispe Huanca")],
                  scanned=False)  # only on paper: a copy is a request
    wedding = _paper(db, registrar, "marriage", 1979, 88, "Matrimonios 1979", date(1979, 6, 21),
                     lima, [_p("contrayente", "Rosa", "Quispe Mamani", "40123456"),
                            _p("contrayente", "Alberto", "Ccori Salas"),
                            _p("testigo", "Teresa", "Gutiérrez de Paredes", "08123456"),
                            _p("testigo", "Julio César", "Chávez Llosa", "05432198")])
    for kind, text, ref in [
            ("rectificacion", "Se rectifica el segundo apellido del contrayente: dice "
             "«Salas», debe decir «Sáenz».", "Res. Registral 045-2010-SGRC/MM"),
            ("defuncion_conyuge", "Falleció el contrayente Alberto Ccori Sáenz el 02/09/2018.",
             "Acta DEF-2018-000077")]:
        keeping.annotate(db=db, by=SYSTEM, staff=registrar, acta=wedding,
                         body=AnnotationIn(kind=kind, text=text, reference=ref))
    _paper(db, registrar, "birth", 1990, 812, "Nacimientos 1990-III", date(1990, 9, 17),
           "Clínica Angloamericana, San Isidro",
           [_p("inscrito", "Luis Fernando", "Castillo Vargas", "45678123"),
            _p("madre", "Carmen Rosa", "Vargas Díaz"), _p("padre", "Luis", "Castillo Ruiz")])
    _paper(db, registrar, "birth", 2019, 402, "Nacimientos 2019-II", date(2019, 5, 10),
           "Clínica Good Hope, Miraflores",
           [_p("inscrito", "Valentina", "Mendoza Torres"),
            _p("madre", "Gabriela", "Torres Villanueva", "44556677"),
            _p("padre", "Carlos Alberto", "Mendoza Ríos", "41234987")])  # a minor's
    adopted = _paper(db, registrar, "birth", 2016, 97, "Nacimientos 2016-I", date(2016, 9, 12),
                     "Hospital Casimiro Ulloa, Miraflores",
                     [_p("inscrito", "Sebastián", "Ramírez Soto"),
                      _p("madre", "Elena", "Soto Quispe")])
    keeping.annotate(db=db, by=SYSTEM, staff=registrar, acta=adopted, body=AnnotationIn(
        kind="adopcion", text="Adopción por Miguel Ángel Ramírez Soto.",
        reference="Exp. 1203-2021, 2.º Juzgado de Familia de Lima"))
    _paper(db, registrar, "death", 2025, 61, "Defunciones 2025", date(2025, 8, 3), lima,
           [_p("fallecido", "Ernesto", "Salas Medina", "07123456", date(1940, 2, 2)),
            _p("declarante", "Víctor Hugo", "Salas Medina", "07890123")])
    register.register_marriage(
        db=db, by=SYSTEM, ceremony="DEMO-CEREMONIA-1",
        spouses=[_p("contrayente", "Luis Fernando", "Castillo Vargas", "45678123"),
                 _p("contrayente", "Patricia", "Morales Cárdenas", "43210987")],
        witnesses=[_p("testigo", "Diego Alonso", "Paredes Núñez", "46789012"),
                   _p("testigo", "Ana Lucía", "Flores Chávez", "09876543")],
        officiant="Lucía Vega Montes", celebrated_on=today() - timedelta(days=3),
        place="Salón de Actos, Palacio Municipal")
    late = register.register(db=db, by=SYSTEM, staff=registrar, body=ActaIn(
        kind="birth", book=f"Nacimientos {today().year}-I", event_date=today() - timedelta(days=25),
        event_place="Clínica Good Hope, Miraflores",
        persons=[_p("inscrito", "Camila", "Ramírez Torres"),
                 _p("madre", "Gabriela", "Torres Villanueva", "44556677"),
                 _p("declarante", "Gabriela", "Torres Villanueva", "44556677")]))
    late.registered_on = today() - timedelta(days=20)  # registered 20 days ago, not yet sent
    db.flush()


def seed(*, db: Session, data_dir: Path) -> list[str]:
    folder = signing_set_up(data_dir)
    if db.execute(select(CopyFee.id)).first() is None:
        fees.publish(db=db, by=SYSTEM, valid_from=date(2026, 1, 1), fee_uit=Decimal("0.0019"),
                     tupa_code="RC-01", legal_basis="TUPA de Miraflores, Registro Civil: copia "
                     "certificada de acta (demo)")
    lines = ["Registro civil / civil registry (registrador, Miraflores2026):"]
    if db.execute(select(func.count()).select_from(Acta)).scalar_one() == 0:
        registrar = identity.get_staff_by_username(db=db, username="registrador")
        _actas(db, registrar)
    lines += _summary(db)
    lines.append(f"  CA de firma demo / demo signing CA: {folder / 'ca.pem'}")
    return lines
