"""Clients and data for the quotation tests: the committee (two officials, each with a key
made and sealed here as at a terminal), a request for the five demo suppliers, their
representatives at kiosks, and moving the deadline into the past (time passing)."""

import uuid
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import update

import procurement_crypto as pc
from server.procurement.models import Request
from server.timeutil import utcnow
from tests.conftest import card_login

PASSWORD = "Miraflores2026"
FIRST, SECOND = "logistica", "admin"
PASSPHRASES = {FIRST: "primera frase del comité", SECOND: "segunda frase del comité"}
# RUC → the DNI of a representative (the demo's suppliers)
ROSA_RUC, LARCO, UTILES, PARDO, LIMPIEZA = ("10401234565", "20601234565", "20555123451",
                                            "20509876542", "20609998882")
REPS = {ROSA_RUC: "40123456", LARCO: "45678123", UTILES: "46789012", PARDO: "08123456",
        LIMPIEZA: "05432198"}


def key() -> str:
    return str(uuid.uuid4())


async def officer(make_client, username: str = FIRST):
    client = await make_client("terminal")
    await client.auth.staff_login(username=username, password=PASSWORD)
    return client


async def committee(make_client) -> tuple[object, pc.Committee, dict]:
    """Both officials make their keys at the terminal; the files stay with them."""
    files = {}
    first = None
    for holder in (FIRST, SECOND):
        client = await officer(make_client, holder)
        files[holder] = pc.make_key(holder=holder, passphrase=PASSPHRASES[holder])
        await client.procurement.register_key(holder=holder,
                                              public_key=files[holder]["public_key"])
        first = first or client
    keys = pc.Committee(first=pc.open_key(files[FIRST], PASSPHRASES[FIRST]),
                        second=pc.open_key(files[SECOND], PASSPHRASES[SECOND]))
    return first, keys, files


def request_body(*, invited=(ROSA_RUC, LARCO, UTILES, PARDO, LIMPIEZA),
                 estimated: str = "3000.00", minutes: int = 60, **extra) -> dict:
    body = {"title": "Pintura para el Parque Kennedy", "description": "Mantenimiento de bancas",
            "category": "goods",
            "items": [{"description": "Pintura esmalte verde", "quantity": "20",
                       "unit": "galón"},
                      {"description": "Brocha de 4 pulgadas", "quantity": "12.5",
                       "unit": "unidad"}],
            "delivery_place": "Parque Kennedy, Miraflores", "delivery_days": 7,
            "estimated_value": estimated,
            "deadline": (utcnow() + timedelta(minutes=minutes)).isoformat(),
            "invited": [{"ruc": r} for r in invited], "open_to_all": False,
            "committee": [FIRST, SECOND]}
    body.update(extra)
    return body


async def representative(make_client, cards_dir, ruc: str):
    client = await make_client()
    await card_login(client, cards_dir, dni=REPS[ruc])
    return client


def prices(paint: str, brush: str) -> dict[int, Decimal]:
    return {1: Decimal(paint), 2: Decimal(brush)}


def pass_deadline(database, code: str) -> None:
    with database.sessionmaker() as db:
        db.execute(update(Request).where(Request.code == code)
                   .values(deadline=utcnow() - timedelta(seconds=1)))
        db.commit()
