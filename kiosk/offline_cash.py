"""Cash collected at a terminal while the server is away (docs/offline.md).

While online, the terminal reserves a block of receipt numbers of its own
(`client.payments.reserve_offline_block`) and keeps it here (`<state_dir>/receipt-block.json`).
Offline, each cash payment takes the next number (written to disk before the receipt is
printed: a number is never given twice), is signed with the device's key (the key of its
client certificate, kiosk/device_certificate.py) and waits in the outbox with the
Idempotency-Key `offline-<number>` until the server takes it, once.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.device_certificate import CertFiles
from kiosk.outbox import Item, Outbox

if TYPE_CHECKING:
    from devices.printer.receipt import Receipt

FILE = "receipt-block.json"
TILL = "till.json"  # the cashier's open till, as last seen online
LOW = 20  # fewer numbers left than this: the terminal reserves a new block while online
PATH = "/api/v1/payments/offline"
_lock = threading.Lock()  # one number at a time, whichever thread asks


class NoNumbersLeft(Exception):
    """The terminal has no reserved receipt number left: cash cannot be taken offline."""

    es = ("No quedan números de recibo reservados para cobrar sin conexión. Espere a que "
          "vuelva la conexión.")
    en = "No receipt numbers are reserved for collecting offline. Wait for the link to return."


@dataclass(frozen=True)
class OfflineReceipt:
    number: str
    item: Item  # what waits in the outbox


def canonical(*, number: str, resident_dni: str, debt_ids: list[int], amount: Decimal,
              tendered: Decimal | None, staff_username: str, cash_session_id: int,
              collected_at: datetime, online_key: str | None = None) -> bytes:
    """The bytes the device signs; the same function is server/payments/offline.py's (the
    kiosk does not import the server): amounts to the cent, the time in UTC."""
    record = {
        "number": number, "resident_dni": resident_dni, "debt_ids": list(debt_ids),
        "amount": f"{amount:.2f}", "tendered": None if tendered is None else f"{tendered:.2f}",
        "staff_username": staff_username, "cash_session_id": cash_session_id,
        "collected_at": collected_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "online_key": online_key,
    }
    return json.dumps(record, sort_keys=True, separators=(",", ":")).encode()


def keep_block(state_dir: Path, *, prefix: str, first: int, last: int) -> None:
    """Keep a newly reserved block (numbers left from an older block are given up: the
    server never sees them, which leaves gaps in the series but never a duplicate)."""
    _write(state_dir / FILE, {"prefix": prefix, "next": first, "last": last})


def numbers_left(state_dir: Path) -> int:
    block = _read(state_dir / FILE)
    return 0 if block is None else block["last"] - block["next"] + 1


def _read(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        return None


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w") as handle:
        json.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())  # the number is spent on disk before it is printed
    os.replace(tmp, path)


def keep_till(state_dir: Path, *, cash_session_id: int, staff_username: str) -> None:
    """Remember the till open at this terminal (seen online): offline cash goes into it."""
    _write(state_dir / TILL, {"id": cash_session_id, "staff": staff_username})


def till(state_dir: Path, staff_username: str) -> int | None:
    """The open till of this cashier at this terminal, if one was seen online."""
    kept = _read(state_dir / TILL)
    return kept["id"] if kept is not None and kept["staff"] == staff_username else None


def forget_till(state_dir: Path) -> None:
    (state_dir / TILL).unlink(missing_ok=True)


def waiting(outbox: Outbox) -> int:
    """Offline cash payments not yet taken by the server (the till may not close)."""
    return outbox.pending_count(PATH)


def take_number(state_dir: Path) -> str:
    with _lock:
        path = state_dir / FILE
        block = _read(path)
        if block is None or block["next"] > block["last"]:
            raise NoNumbersLeft
        number = f"{block['prefix']}{block['next']:06d}"
        _write(path, {**block, "next": block["next"] + 1})
        return number


def _sign(files: CertFiles, message: bytes) -> tuple[str, str]:
    """The certificate (PEM) and the base64 ECDSA signature of `message` with its key."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    pem = files.identity.read_bytes()  # key and certificate in one file, read together
    key_pem = pem[pem.index(b"-----BEGIN PRIVATE KEY-----"):
                  pem.index(b"-----END PRIVATE KEY-----") + len(b"-----END PRIVATE KEY-----")]
    key = serialization.load_pem_private_key(key_pem, password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError("the device key is not an EC key")
    certificate = x509.load_pem_x509_certificate(pem)
    signature = key.sign(message, ec.ECDSA(hashes.SHA256()))
    return (certificate.public_bytes(serialization.Encoding.PEM).decode(),
            base64.b64encode(signature).decode())


def record_cash(*, state_dir: Path, outbox: Outbox, resident_dni: str, debt_ids: list[int],
                amount: Decimal, tendered: Decimal | None, staff_username: str,
                cash_session_id: int, collected_at: datetime | None = None,
                online_key: str | None = None) -> OfflineReceipt:
    """Number, sign and queue one cash payment (blocking file I/O: call it from a worker).
    `online_key`: the Idempotency-Key of the ordinary payment tried first for this same
    cash, whose answer never came; if the server applied it, this record is not applied
    again."""
    collected_at = collected_at or datetime.now(UTC)
    number = take_number(state_dir)
    fields = {"number": number, "resident_dni": resident_dni, "debt_ids": list(debt_ids),
              "amount": amount, "tendered": tendered, "staff_username": staff_username,
              "cash_session_id": cash_session_id, "collected_at": collected_at,
              "online_key": online_key}
    certificate, signature = _sign(CertFiles.under(state_dir), canonical(**fields))
    body = {**fields, "amount": f"{amount:.2f}",
            "tendered": None if tendered is None else f"{tendered:.2f}",
            "collected_at": collected_at.astimezone(UTC).isoformat(),
            "certificate": certificate, "signature": signature}
    item = outbox.put(method="POST", path=PATH, body=body, idempotency_key=f"offline-{number}")
    return OfflineReceipt(number=number, item=item)


def provisional_receipt(*, number: str, holder: str, site: str, amount: Decimal,
                        tendered: Decimal, debts: int, at: datetime) -> Receipt:
    """The slip handed over for cash taken offline: its number is the one the server will
    keep; the verification code comes with the receipt printed once it has arrived."""
    from devices.printer.receipt import Receipt
    from kiosk.money import soles

    change = tendered - amount
    return Receipt(
        title="RECIBO PROVISIONAL (SIN CONEXIÓN) / Provisional receipt (offline)",
        number=number, issued_at=at.strftime("%d/%m/%Y %H:%M"), site=site, holder=holder,
        lines=[("Deudas pagadas / Debts paid", str(debts)),
               ("TOTAL PAGADO / Total paid", soles(amount)),
               ("Recibido / Tendered", soles(tendered)),
               ("Vuelto / Change", soles(change))],
        code=number, verify_url="",
        notes=["Cobrado sin conexión con el servidor municipal: este número queda registrado "
               "al volver la conexión. Pida su recibo definitivo en caja.",
               "Collected while the municipal server was unreachable: this number is "
               "recorded when the link returns. Ask the cashier for the final receipt."])
