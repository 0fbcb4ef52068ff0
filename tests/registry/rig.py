"""Clients for the registry tests: residents at kiosks (card or municipal PIN), the registrar
and other staff at terminals, and the demo actas by their numbers."""

import uuid

from sqlalchemy import select

from server.registry.models import Acta
from tests.conftest import card_login

ROSA, LUIS, PATRICIA, CARLOS, GABRIELA, MIGUEL, DIEGO = (
    "40123456", "45678123", "43210987", "41234987", "44556677", "42345678", "46789012")
PASSWORD = "Miraflores2026"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def key() -> str:
    return str(uuid.uuid4())


def card(auth: str = "A1") -> dict:
    return {"authorization": auth, "brand": "VISA", "last4": "4242"}


async def resident(make_client, cards_dir, dni: str = ROSA):
    client = await make_client()
    await card_login(client, cards_dir, dni=dni)
    return client


async def by_pin(make_client, dni: str, pin: str = "654321"):
    client = await make_client()
    await client.auth.pin_login(dni=dni, pin=pin)
    return client


async def staff(make_client, username: str = "registrador", act_for: str | None = None):
    client = await make_client("terminal")
    await client.auth.staff_login(username=username, password=PASSWORD)
    if act_for:
        await client.auth.act_for(dni=act_for, reason="Atención en el registro civil")
    return client


def acta_id(database, ref: str) -> int:
    with database.sessionmaker() as db:
        return db.execute(select(Acta.id).where(Acta.ref == ref)).scalar_one()


def this_year_ref(database, kind_prefix: str) -> str:
    with database.sessionmaker() as db:
        return db.execute(select(Acta.ref).where(Acta.ref.like(f"{kind_prefix}-2%"),
                                                 Acta.batch_id.is_(None),
                                                 Acta.sent_at.is_(None))
                          .order_by(Acta.id)).scalars().first()


def birth(**extra) -> dict:
    from datetime import date

    return {"kind": "birth", "book": "Nacimientos 2026-II", "event_date": date(2026, 1, 5),
            "event_place": "Clínica Good Hope, Miraflores",
            "persons": [{"role": "inscrito", "given_names": "Martín", "surnames": "Paredes Ruiz"},
                        {"role": "madre", "given_names": "Lucía", "surnames": "Ruiz Soto",
                         "dni": "41234987"}], **extra}
