"""A certified copy as an A4 PDF (fpdf2, the QR from segno): the same lines as the printed
certificate, the verification code and its QR. Signing is signing.py's."""

import io
from dataclasses import dataclass
from datetime import datetime

from server.documents.service import DocumentLine
from server.kernel.text import Text


@dataclass(frozen=True)
class CopyPage:
    title: Text
    number: str
    code: str
    verify_url: str
    issued_at: datetime  # in Lima
    site: str
    holder: str | None
    lines: list[DocumentLine]


def _latin1(text: str) -> str:
    # The PDF's core fonts speak Latin-1 (every Spanish letter); anything else becomes "?".
    text = text.replace("–", "-").replace("—", "-").replace("’", "'")
    return text.encode("latin-1", "replace").decode("latin-1")


def _qr_png(url: str) -> io.BytesIO:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    return buffer


def render(page: CopyPage) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(page.issued_at)
    pdf.set_title(_latin1(f"{page.title.es} {page.number}"))
    pdf.set_author("Municipalidad de Miraflores - Registro Civil")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    width = pdf.epw
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(width, 6, "MUNICIPALIDAD DE MIRAFLORES - REGISTRO CIVIL", align="C",
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(width, 5, _latin1(page.site), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(width, 7, _latin1(page.title.es.upper()), align="C",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "I", 10)
    pdf.multi_cell(width, 5, _latin1(page.title.en), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "", 10)
    header = [("N.º / No.", page.number),
              ("Emitida / Issued", page.issued_at.strftime("%d/%m/%Y %H:%M")),
              ("Solicitante / Requester", page.holder or "-")]
    for label, value in header:
        _row(pdf, label, value, width)
    pdf.ln(2)
    for line in page.lines:
        label = line.label.es if line.label.es == line.label.en else \
            f"{line.label.es} / {line.label.en}"
        _row(pdf, label, line.value, width)
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 9)
    top = pdf.get_y()
    pdf.image(_qr_png(page.verify_url), x=pdf.l_margin, y=top, w=35, h=35)
    pdf.set_xy(pdf.l_margin + 40, top)
    pdf.multi_cell(width - 40, 5, _latin1(
        f"Código de verificación / Verification code: {page.code}\n"
        f"Verifique en / Verify at: {page.verify_url}\n"
        "Documento firmado digitalmente por el Registro Civil (PAdES). La firma se valida "
        "en cualquier lector de PDF que confíe en la autoridad de certificación municipal. / "
        "Digitally signed by the Civil Registry (PAdES)."), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _row(pdf, label: str, value: str, width: float) -> None:
    """A label and its value side by side; the next row starts below the taller one."""
    top = pdf.get_y()
    pdf.set_font("Helvetica", "B", 9)
    tall = pdf.multi_cell(width * 0.38, 5, _latin1(label), dry_run=True, output="HEIGHT")
    pdf.multi_cell(width * 0.38, 5, _latin1(label), new_x="RIGHT", new_y="TOP")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(width * 0.62, 5, _latin1(value), new_x="LMARGIN", new_y="NEXT")
    if pdf.get_y() < top + tall:
        pdf.set_y(top + tall)
