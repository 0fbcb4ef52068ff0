"""Clients for the council tests: the council secretary at a terminal, a kiosk; the demo
council (the mayor and 11 regidores, R10 on leave this week)."""

import uuid
from datetime import date, datetime, time

from server.timeutil import LIMA

PASSWORD = "Miraflores2026"
MEMBERS = ["ALCALDE"] + [f"R{i:02d}" for i in range(1, 12)]


def key() -> str:
    return str(uuid.uuid4())


def at(day: date, hour: int = 18) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LIMA)


async def secretary(make_client, username: str = "secretaria"):
    client = await make_client("terminal")
    await client.auth.staff_login(username=username, password=PASSWORD)
    return client


async def held(client, code: str, present: list[str]):
    """Roll call with `present`: the session opened."""
    return await client.council.roll_call(code, present)


async def vote_all(client, code: str, seq: int, options: dict[str, str]):
    out = None
    for member, option in options.items():
        out = await client.council.vote(code, seq, member=member, option=option,
                                        idempotency_key=key())
    return out
