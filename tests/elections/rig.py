"""An election driven through the officer's API, from setup to voting, and the trustees'
tally. Dates are real: the early phases are scheduled in the past; `close` moves the
voting close into the past ("time passes") and closes."""

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import update

from kiosk.api import ApiClient, voting
from server.audit.service import SYSTEM
from server.elections.models import Election
from server.identity import service as identity
from server.timeutil import today, utcnow

PASSPHRASES = ["uno-custodio-1", "dos-custodio-2", "tres-custodio-3", "cuatro-4", "cinco-5"]


@dataclass
class Running:
    id: int
    share_files: list[Path]


def add_residents(database, zone: int, count: int, start: int) -> list[str]:
    """Adults registered in `zone` (DNIs from `start`), to stand or to vote."""
    dnis = []
    with database.sessionmaker() as db:
        for n in range(count):
            dni = f"{start + n:08d}"
            identity.create_resident(db=db, by=SYSTEM, dni=dni, given_names=f"Vecino {n}",
                                     surnames="Prueba", birth_date=date(1970, 1, 1),
                                     address="Calle de Prueba 1", zone_id=zone)
            dnis.append(dni)
        db.commit()
    return dnis


async def officer(make_client) -> ApiClient:
    client = await make_client("terminal")
    await client.auth.staff_login(username="electoral", password="Miraflores2026")
    return client


async def to_voting(client: ApiClient, database, tmp_path: Path, *, zones=(7,),
                    candidates: int = 3, threshold: int = 3, trustees: int = 5,
                    max_choices: int = 1, tie_rule: str = "list_order",
                    delegates: int = 1, alternates: int = 1, voters: int = 0,
                    key: bool = True) -> Running:
    """An election open for voting (`key=False`: left in "ready", before the ceremony)."""
    now = utcnow()
    election = await client.elections.create({
        "name": "Elección de prueba", "zones": list(zones), "delegates": delegates,
        "alternates": alternates, "max_choices": max_choices, "tie_rule": tie_rule,
        "threshold": threshold, "trustees": [f"Custodio {i}" for i in range(1, trustees + 1)],
        "roll_closes_on": str(today() - timedelta(days=3)),
        "candidacies_close_on": str(today() - timedelta(days=2)),
        "challenges_close_on": str(today() - timedelta(days=1)),
        "voting_opens_at": (now - timedelta(hours=1)).isoformat(),
        "voting_closes_at": (now + timedelta(hours=2)).isoformat()})
    eid = election.id
    standing = {z: add_residents(database, z, candidates, 70000000 + 1000 * z) for z in zones}
    for z in zones:
        add_residents(database, z, voters, 60000000 + 1000 * z)
    for phase in ("roll", "candidacies"):
        await client.elections.advance(eid, phase)
    for z, dnis in standing.items():
        for n, dni in enumerate(dnis, start=1):
            await client.elections.add_candidate(eid, zone=z, list_number=n, dni=dni,
                                                 full_name=f"Candidato {n} de la zona {z}")
    for phase in ("challenges", "ready"):
        election = await client.elections.advance(eid, phase)
    if not key:  # left for the key ceremony
        return Running(eid, [])
    public, paths = voting.hold_ceremony(election, PASSPHRASES[:trustees], tmp_path)
    await client.elections.publish_key(eid, **public)
    await client.elections.advance(eid, "voting")
    return Running(eid, paths)


async def close(client: ApiClient, database, election_id: int) -> None:
    with database.sessionmaker() as db:
        db.execute(update(Election).where(Election.id == election_id).values(
            voting_closes_at=utcnow() - timedelta(seconds=1)))
        db.commit()
    await client.elections.advance(election_id, "closed")


async def tally(client: ApiClient, running: Running, trustees: list[int]) -> None:
    election = await client.elections.get(running.id)
    sums = await client.elections.tally_input(running.id)
    for i in trustees:
        index, zones = voting.partial_decryption(election, sums, running.share_files[i - 1],
                                                 PASSPHRASES[i - 1])
        await client.elections.submit_partial(running.id, trustee=index, zones=zones)
