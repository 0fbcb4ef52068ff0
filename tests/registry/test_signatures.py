"""Real PAdES signatures: a copy's PDF validates with pyHanko against the demo registry CA and
nothing else (no system trust); one flipped byte, or a PDF signed by another CA, fails. The
public verification page shows what the copy shows and offers the signed PDF; the
`kiosk-server registry verify-pdf` command says the same."""

import asyncio
import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from server.cli import main
from server.registry import signing
from tests.registry.rig import ROSA, acta_id, card, key, resident

FEE = Decimal("10.45")


async def _copy_pdf(make_client, cards_dir, database, server_app):
    rosa = await resident(make_client, cards_dir, ROSA)
    copy = await rosa.registry.copy(acta_id(database, "MAT-1979-000088"),
                                    idempotency_key=key(), amount=FEE, card=card())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=server_app),
                                 base_url="http://kiosk.test") as anyone:  # no credential
        pdf = await anyone.get(f"/verify/{copy.document.code}/pdf")
        page = await anyone.get(f"/verify/{copy.document.code}")
        html = await anyone.get(f"/verify/{copy.document.code}",
                                headers={"accept": "text/html"})
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    return copy, pdf.content, page.json(), html.text


def _another_ca(tmp_path):
    """A CA and a signer of our own, not the registry's: what a forger would have."""
    now = datetime.now(UTC)

    def name(cn):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    ca_key, key_ = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name("Otra CA")).issuer_name(name("Otra CA"))
          .public_key(ca_key.public_key()).serial_number(1).not_valid_before(now - timedelta(1))
          .not_valid_after(now + timedelta(30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .sign(ca_key, hashes.SHA256()))
    cert = (x509.CertificateBuilder()
            .subject_name(name("Lucía Vega Montes - Registro Civil de Miraflores (DEMO)"))
            .issuer_name(ca.subject).public_key(key_.public_key()).serial_number(2)
            .not_valid_before(now - timedelta(1)).not_valid_after(now + timedelta(30))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False,
                                         False), critical=True)
            .sign(ca_key, hashes.SHA256()))
    pem = serialization.Encoding.PEM
    (tmp_path / "ca.pem").write_bytes(ca.public_bytes(pem))
    (tmp_path / "signer.pem").write_bytes(cert.public_bytes(pem))
    (tmp_path / "signer.key").write_bytes(key_.private_bytes(
        pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return signing.SigningPaths(cert=tmp_path / "signer.pem", key=tmp_path / "signer.key",
                                chain=tmp_path / "ca.pem", anchors=tmp_path / "ca.pem")


async def check_pdf(pdf: bytes, anchors):
    # pyHanko's validation runs its own event loop: off the test's, as off the server's.
    return await asyncio.to_thread(signing.verify, pdf, anchors)


def _flip(data: bytes, at: int) -> bytes:
    changed = bytearray(data)
    changed[at] ^= 0x01
    return bytes(changed)


async def test_a_copys_pdf_validates_against_the_demo_ca_only(
        make_client, cards_dir, database, server_app, shared_data_dir, tmp_path):
    copy, pdf, _, _ = await _copy_pdf(make_client, cards_dir, database, server_app)
    demo = signing.paths(shared_data_dir)
    check = await check_pdf(pdf, demo.anchors)
    assert check.valid and check.signer.startswith("Lucía Vega Montes")
    from pyhanko.pdf_utils.reader import PdfFileReader

    embedded = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    assert len(embedded) == 1 and embedded[0].field_name == "FirmaRegistroCivil"
    assert embedded[0].sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert copy.document.number in embedded[0].sig_object["/Reason"]
    # One flipped byte in what was signed (the page, early in the file): not valid.
    flipped = await check_pdf(_flip(pdf, 400), demo.anchors)
    assert not flipped.valid
    # The demo CA is not trusted by anything else: against another anchor it fails.
    forger = _another_ca(tmp_path)
    assert not (await check_pdf(pdf, forger.anchors)).valid
    # A PDF signed by another CA, even naming the registrar, fails against the demo CA.
    forged = await asyncio.to_thread(signing.sign, _plain_pdf(), forger,
                                   reason="copia falsa")
    assert (await check_pdf(forged, forger.anchors)).valid  # a good signature…
    refused = await check_pdf(forged, demo.anchors)
    assert not refused.valid and "autoridad de confianza" in refused.reason_es  # …not ours


def _plain_pdf() -> bytes:
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.set_font("Helvetica", size=12)
    doc.cell(0, 10, "COPIA CERTIFICADA DE ACTA DE MATRIMONIO")
    return bytes(doc.output())


async def test_public_verification_shows_what_the_copy_shows_and_offers_the_signed_pdf(
        make_client, cards_dir, database, server_app):
    copy, _, page, html = await _copy_pdf(make_client, cards_dir, database, server_app)
    assert page["valid"] and page["pdf_url"] == f"/verify/{copy.document.code}/pdf"
    assert [(x["label"]["es"], x["value"]) for x in page["lines"]] == \
        [(x.label.es, x.value) for x in copy.document.lines]
    assert page["holder_initials"] == "R.Q.M."  # the requester as initials, as before
    assert "holder_name" not in page and "image" not in str(page)
    assert "Alberto Ccori Salas" in html and "PDF firmado" in html
    # A receipt of another domain still tells only that it is valid.
    rosa = await resident(make_client, cards_dir, ROSA)
    record = await rosa.residents.record_certificate(idempotency_key=key())
    other = (await rosa.documents.verify(record.code))
    assert other.valid and other.lines == [] and other.pdf_url is None
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=server_app),
                                 base_url="http://kiosk.test") as anyone:
        missing = await anyone.get(f"/verify/{record.code}/pdf")
    assert missing.status_code == 404


async def test_the_verify_pdf_command_trusts_the_configured_anchors_only(
        make_client, cards_dir, database, server_app, shared_data_dir, tmp_path, monkeypatch,
        capsys):
    _, pdf, _, _ = await _copy_pdf(make_client, cards_dir, database, server_app)
    (tmp_path / "copia.pdf").write_bytes(pdf)
    (tmp_path / "alterada.pdf").write_bytes(_flip(pdf, 400))
    monkeypatch.setenv("KIOSK_SERVER_REGISTRY_TRUST_ANCHORS",
                       str(signing.paths(shared_data_dir).anchors))
    assert await asyncio.to_thread(main, ["registry", "verify-pdf", str(tmp_path / "copia.pdf")]) == 0
    assert "VÁLIDO / VALID" in capsys.readouterr().out
    assert await asyncio.to_thread(main, ["registry", "verify-pdf", str(tmp_path / "alterada.pdf")]) == 1
    assert "NO VÁLIDO" in capsys.readouterr().out
    other = _another_ca(tmp_path)
    monkeypatch.setenv("KIOSK_SERVER_REGISTRY_TRUST_ANCHORS", str(other.anchors))
    assert await asyncio.to_thread(main, ["registry", "verify-pdf", str(tmp_path / "copia.pdf")]) == 1
    assert "trust anchor" in capsys.readouterr().out


@pytest.mark.parametrize("missing", ["signer.pem", "signer.key"])
async def test_without_its_signing_set_up_no_copy_is_issued_or_charged(
        make_client, cards_dir, database, monkeypatch, tmp_path, shared_data_dir, missing):
    from tests.conftest import table_counts

    demo = signing.paths(shared_data_dir)
    for name, source in (("signer.pem", demo.cert), ("signer.key", demo.key)):
        if name != missing:
            (tmp_path / name).write_bytes(source.read_bytes())
    monkeypatch.setenv("KIOSK_SERVER_REGISTRY_SIGNING_CERT", str(tmp_path / "signer.pem"))
    monkeypatch.setenv("KIOSK_SERVER_REGISTRY_SIGNING_KEY", str(tmp_path / "signer.key"))
    rosa = await resident(make_client, cards_dir, ROSA)
    before = table_counts(database)
    with pytest.raises(Exception) as err:
        await rosa.registry.copy(acta_id(database, "MAT-1979-000088"), idempotency_key=key(),
                                 amount=FEE, card=card())
    assert getattr(err.value, "code", "") == "registry_signing_unavailable"
    after = table_counts(database)
    assert {t for t in after if after[t] != before[t]} <= {"audit_log"}
