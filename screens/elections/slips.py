"""What the printer gets for a vote: the tracker slip, the vote receipt, the check slip."""

from datetime import datetime

from devices.printer.receipt import Receipt
from kiosk.api.elections import BallotStyle, BoardReceipt
from kiosk.api.voting import tracker_digits
from kiosk.clock import LIMA


def _now() -> str:
    return datetime.now(LIMA).strftime("%d/%m/%Y %H:%M")


def tracker_slip(style: BallotStyle, tracker: str, site: str) -> Receipt:
    return Receipt(title="CÓDIGO DE SEGUIMIENTO / Ballot tracker", number=tracker,
                   issued_at=_now(), site=site, lines=[("Elección / Election", style.name),
                                                      ("Zona / Zone", str(style.zone))],
                   code=tracker, verify_url=style.tracker_url + tracker,
                   code_digits=tracker_digits(tracker), notes=[
                       "Aún no ha votado: elija Emitir o Verificar en la pantalla.",
                       "You have not voted yet: choose Cast or Check on the screen."])


def vote_receipt(receipt: BoardReceipt, site: str) -> Receipt:
    return Receipt(
        title="CONSTANCIA DE VOTO / Vote receipt", number=str(receipt.position),
        issued_at=_now(), site=site, lines=[
            ("Elección / Election", receipt.election_name),
            ("Zona / Zone", str(receipt.zone)),
            ("Posición en el tablero / Board position", str(receipt.position)),
            ("Hash anterior / Previous hash", receipt.previous_hash[:32]),
            ("Hash de su papeleta / Entry hash", receipt.entry_hash[:32]),
            ("Firma del servidor / Server signature", receipt.head_signature[:32])],
        code=receipt.tracker, verify_url=receipt.verify_url, code_digits=receipt.tracker_digits,
        notes=[
            "Este código permite comprobar que su voto fue contado; no muestra su voto.",
            "This code lets you check that your vote was counted; it does not show your vote."])


def check_slip(style: BallotStyle, receipt: BoardReceipt, selections: list[int],
               randomness: list[str], site: str) -> Receipt:
    lines = [("Elección / Election", style.name), ("Zona / Zone", str(style.zone))]
    for c, m, r in zip(style.candidates, selections, randomness, strict=True):
        lines.append((f"{c.list_number}. {c.full_name}", "X" if m else "-"))
        lines.append(("r", r))
    return Receipt(title="VERIFICACIÓN - VOTO NO EMITIDO / Check - ballot NOT cast",
                   number=str(receipt.position), issued_at=_now(), site=site, lines=lines,
                   code=receipt.tracker, verify_url=receipt.verify_url,
                   code_digits=receipt.tracker_digits, notes=[
                       "Esta papeleta se publicó abierta y NO se cuenta.",
                       "This ballot was published open and is NOT counted."])
