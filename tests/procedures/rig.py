"""Clients for the trámite tests: a resident at a kiosk, clerks and specialists at terminals."""

import uuid
from datetime import timedelta

from sqlalchemy import select

from server.procedures.models import Expediente
from tests.conftest import card_login

ROSA, JORGE = "40123456", "07654321"
PASSWORD = "Miraflores2026"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def key() -> str:
    return str(uuid.uuid4())


def card(auth: str = "A1") -> dict:
    return {"authorization": auth, "brand": "VISA", "last4": "4242"}


async def resident(make_client, cards_dir, dni: str = ROSA):
    client = await make_client()
    await card_login(client, cards_dir, dni=dni)
    return client


async def staff(make_client, username: str, act_for: str | None = None):
    client = await make_client("terminal")
    await client.auth.staff_login(username=username, password=PASSWORD)
    if act_for:
        await client.auth.act_for(dni=act_for, reason="Atención en mesa de partes")
    return client


async def file_cn01(client, **extra):
    """Certificado de numeración: no attachments, a fee, 5 working days, positive silence."""
    proc = await client.procedures.get("CN-01")
    return await client.procedures.file(
        code="CN-01", idempotency_key=extra.pop("idempotency_key", key()),
        data={"direccion": "Calle Berlín 245"}, checked=[0, 1], amount=proc.fee,
        card=card(), **extra)


def time_passes(database, number: str, days: int) -> None:
    """Move a file's deadline into the past, as if `days` had gone by."""
    with database.sessionmaker() as db:
        exp = db.execute(select(Expediente).where(Expediente.number == number)).scalar_one()
        exp.due_on -= timedelta(days=days)
        db.commit()
