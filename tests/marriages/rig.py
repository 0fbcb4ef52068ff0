"""Clients and data for the marriage tests: residents at kiosks (card), the registrar at a
terminal, the first free slots, and a booking body."""

import uuid
from datetime import date

from tests.conftest import card_login

ROSA, LUIS, DIEGO, TERESA, JULIO = "40123456", "45678123", "46789012", "08123456", "05432198"
MARIA, JORGE = "10234567", "07654321"  # a second couple (the demo's own are busy)
CARLOS = "41234987"  # to be married in the demo (MC-DEMO-<year>-2), edicto posted
PASSWORD = "Miraflores2026"


def key() -> str:
    return str(uuid.uuid4())


def card(auth: str = "A1") -> dict:
    return {"authorization": auth, "brand": "VISA", "last4": "4242"}


async def resident(make_client, cards_dir, dni: str = ROSA):
    client = await make_client()
    await card_login(client, cards_dir, dni=dni)
    return client


async def registrar(make_client, username: str = "registrador"):
    client = await make_client("terminal")
    await client.auth.staff_login(username=username, password=PASSWORD)
    return client


async def free(client, place: str = "SALON", start: date | None = None):
    from server.timeutil import today

    return await client.marriages.slots(start=start or today(), days=62, place=place)


def body(slot, *, partner: str = LUIS, witnesses=(DIEGO, TERESA), pay: bool = True,
         **extra) -> dict:
    out = {"place": slot.place, "starts_at": slot.starts_at.isoformat(),
           "partner": {"dni": partner} if isinstance(partner, str) else partner,
           "witnesses": [{"dni": w} if isinstance(w, str) else w for w in witnesses],
           "witnesses_declared": True}
    if pay:
        out["payment"] = {"method": "card", "amount": str(slot.fee), "card": card()}
    out.update(extra)
    return out
