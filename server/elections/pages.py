"""The public pages people open from a vote receipt's QR (Spanish first, English second)."""

from html import escape

from server.elections.schemas import TrackerOut

STATUS = {  # status -> (es, en)
    "counted": ("CONTADO", "COUNTED"),
    "superseded": ("REEMPLAZADO", "SUPERSEDED"),
    "spoiled": ("VERIFICACIÓN, NO SE CUENTA", "CHECK, NOT COUNTED"),
}


def tracker_html(found: TrackerOut) -> str:
    rows = ""
    if found.found:
        es, en = STATUS.get(found.status or "", (found.status or "-", found.status or "-"))
        rows = (f"<p>Posición en el tablero / Board position: {found.position}</p>"
                f"<p>Estado / Status: <strong>{escape(es)}</strong> / {escape(en)}</p>")
    return ("<!doctype html><html lang='es'><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width'>"
            "<title>Verificación de voto / Vote check</title>"
            f"<h1>{escape(found.message.es)}</h1><p lang='en'>{escape(found.message.en)}</p>"
            f"<p>Código de seguimiento / Tracker: {escape(found.tracker)}</p>{rows}"
            "<p>Este código no muestra su voto. / This code does not show your vote.</p></html>")
