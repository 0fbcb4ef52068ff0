from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from server.audit import service as audit
from server.deps import CurrentDevice, DbDep, SettingsDep
from server.documents import issuing
from server.documents.schemas import DocumentOut, VerificationOut
from server.errors import problem_responses
from server.timeutil import lima

# The refusals this domain's services, and those of the domains it reaches, may answer.
REFUSALS = problem_responses(401, 403, 404, 409, 422)
router = APIRouter(prefix="/documents", tags=["documents"], responses=REFUSALS)
# At the site root: the QR on every receipt.
root_router = APIRouter(tags=["verify"], responses=REFUSALS)


@router.get("/{code}", response_model=DocumentOut)
def get_document(code: str, db: DbDep, device: CurrentDevice, settings: SettingsDep
                 ) -> DocumentOut:
    """The whole document, for a reprint at any kiosk or terminal."""
    doc = issuing.get_by_code(db=db, code=code)
    audit.record(db=db, by=audit.Actor(f"device:{device.id}", device.id), action="document.reprint",
                 target=f"document:{doc.number}")
    db.commit()
    return issuing.out(doc=doc, base_url=settings.public_base_url)


@root_router.get("/verify/{code}", response_model=VerificationOut)
def verify(code: str, db: DbDep, request: Request):
    """Anyone may check a code (the QR on every receipt points here)."""
    result = issuing.verify(db=db, code=code)
    if "text/html" in request.headers.get("accept", ""):
        return HTMLResponse(_html(result), status_code=200 if result.valid else 404)
    return result


@root_router.get("/verify/{code}/pdf", response_class=Response,
                 responses={200: {"content": {"application/pdf": {}}}})
def verify_pdf(code: str, db: DbDep) -> Response:
    """The signed PDF a document publishes (a certified copy), for anyone with its code."""
    found = issuing.published_file(db=db, code=code)
    return Response(found.content, media_type=found.media_type,
                    headers={"Content-Disposition": f'inline; filename="{found.filename}"',
                             "X-Content-SHA256": found.sha256})


def _html(result: VerificationOut) -> str:
    from html import escape

    rows = ""
    if result.number:
        rows = (f"<p>{escape(result.title.es)} / {escape(result.title.en)}</p>"
                f"<p>N.º {escape(result.number)} · {lima(result.issued_at):%d/%m/%Y %H:%M} "
                "(hora de Lima / Lima time)</p>"
                f"<p>Titular / Holder: {escape(result.holder_initials or '-')}</p>")
    if result.lines:
        rows += "<table>" + "".join(
            f"<tr><th>{escape(x.label.es)} / {escape(x.label.en)}</th>"
            f"<td>{escape(x.value)}</td></tr>" for x in result.lines) + "</table>"
    if result.pdf_url:
        rows += (f"<p><a href='{escape(result.pdf_url)}'>PDF firmado digitalmente / "
                 "digitally signed PDF</a></p>")
    return (f"<!doctype html><html lang='es'><meta charset='utf-8'><title>Verificación</title>"
            f"<h1>{escape(result.message.es)}</h1><p lang='en'>{escape(result.message.en)}</p>"
            f"<p>Código / Code: {escape(result.code)}</p>{rows}</html>")
