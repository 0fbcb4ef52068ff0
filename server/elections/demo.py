"""A demo election, open for voting in all 14 zones: three candidates per zone (demo
residents on the roll), one challenge dismissed, trustees 3 of 5 whose sealed share files
and passphrases are in the demo data directory (a demo only: real trustees keep theirs).

It runs the same service functions the officer's terminal calls, in phase order.
"""

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from election_crypto import sharefile, threshold
from server.audit.service import SYSTEM
from server.elections import service as elections
from server.elections.models import Election
from server.elections.schemas import CandidateIn, ChallengeIn, ElectionIn, KeyIn, ResolveIn
from server.identity import service as identity
from server.timeutil import LIMA, today

ORDER = 90

NAME = "Elecciones de Delegados Vecinales 2026"
TRUSTEES = ["Gerencia de Participación Vecinal", "Secretaría General", "Órgano de Control "
            "Institucional", "Junta Vecinal Zona 3", "Junta Vecinal Zona 11"]
GIVEN = ["Ana María", "José Antonio", "Lucía", "Manuel", "Rocío", "César", "Milagros",
         "Ricardo", "Silvia", "Fernando", "Elena", "Raúl", "Beatriz", "Hugo"]
SURNAMES = ["Alvarado Ponce", "Benavides Rojas", "Cáceres Luna", "Delgado Vera",
            "Espinoza Lara", "Fuentes Ortiz", "García Tello", "Herrera Campos", "Ibáñez Soto",
            "Jiménez Paz", "Luna Arce", "Málaga Ríos", "Navarro Gil", "Olaya Reyes"]
STREETS = ["Av. José Larco", "Calle Berlín", "Av. Benavides", "Av. Pardo", "Calle Schell",
           "Av. Angamos Oeste", "Av. Del Ejército", "Av. Reducto", "Av. Santa Cruz",
           "Calle Alcanfores", "Av. Comandante Espinar", "Av. Mariscal La Mar",
           "Malecón de la Reserva", "Calle Manuel Bonilla"]
CANDIDATES_PER_ZONE = 3


def passphrase(index: int) -> str:
    return f"custodio-demo-{index}"


def _candidates(db: Session) -> dict[int, list[tuple[str, str]]]:
    """Three adult residents per zone to stand (created once)."""
    out: dict[int, list[tuple[str, str]]] = {}
    for zone in range(1, 15):
        out[zone] = []
        for n in range(1, CANDIDATES_PER_ZONE + 1):
            dni = f"45{zone:02d}{n:04d}"
            given = GIVEN[(zone * 3 + n) % len(GIVEN)]
            surnames = SURNAMES[(zone * 5 + n * 7) % len(SURNAMES)]
            if identity.get_resident_by_dni(db=db, dni=dni) is None:
                identity.create_resident(
                    db=db, by=SYSTEM, dni=dni, given_names=given, surnames=surnames,
                    birth_date=date(1960 + zone, n, 10 + n),
                    address=f"{STREETS[zone - 1]} {100 + 37 * n}", zone_id=zone)
            out[zone].append((dni, f"{given} {surnames}"))
    return out


def seed(*, db: Session, data_dir: Path) -> list[str]:
    existing = db.execute(select(Election).where(Election.name == NAME)).scalar()
    trustees_dir = data_dir / "demo-trustees"
    if existing is None:
        standing = _candidates(db)
        opens = datetime.combine(today() - timedelta(days=1), time(8), LIMA)
        election = elections.create(db=db, by=SYSTEM, data=ElectionIn(
            name=NAME, zones=list(range(1, 15)), delegates=3, alternates=1, max_choices=1,
            tie_rule="draw", threshold=3, trustees=TRUSTEES,
            roll_closes_on=today() - timedelta(days=30),
            candidacies_close_on=today() - timedelta(days=20),
            challenges_close_on=today() - timedelta(days=10), voting_opens_at=opens,
            voting_closes_at=datetime.combine(today() + timedelta(days=19), time(18), LIMA)))
        eid = election.id
        for phase in ("roll", "candidacies"):
            elections.advance(db=db, by=SYSTEM, election_id=eid, to=phase, data_dir=data_dir)
        first = None
        for zone, people in standing.items():
            for n, (dni, name) in enumerate(people, start=1):
                c = elections.add_candidate(db=db, by=SYSTEM, election_id=eid, data=CandidateIn(
                    zone=zone, list_number=n, dni=dni, full_name=name))
                first = first or c
        elections.advance(db=db, by=SYSTEM, election_id=eid, to="challenges", data_dir=data_dir)
        challenge = elections.file_challenge(db=db, by=SYSTEM, election_id=eid, data=ChallengeIn(
            candidate_id=first.id, filed_by="Vecino de la zona 1",
            grounds="Afirma que el candidato no reside en la zona."))
        elections.resolve_challenge(db=db, by=SYSTEM, election_id=eid,
                                    challenge_id=challenge.id, data=ResolveIn(
                                        upheld=False, resolution="Infundada: el padrón y el "
                                        "recibo de servicios acreditan su domicilio."))
        elections.advance(db=db, by=SYSTEM, election_id=eid, to="ready", data_dir=data_dir)
        ceremony = threshold.deal(3, len(TRUSTEES), f"key:{election.uid}")
        for index, name in enumerate(TRUSTEES, start=1):
            sharefile.write(trustees_dir / f"custodio-{eid}-{index}.json", sharefile.seal(
                election=election.uid, index=index, name=name, share=ceremony.shares[index],
                passphrase=passphrase(index)))
        elections.publish_key(db=db, by=SYSTEM, election_id=eid, data=KeyIn(
            commitments=[c.hex() for c in ceremony.commitments], proof=ceremony.proof,
            verification_keys=[ceremony.verification_key(i).hex()
                               for i in range(1, len(TRUSTEES) + 1)]))
        elections.advance(db=db, by=SYSTEM, election_id=eid, to="voting", data_dir=data_dir)
        existing = election
    (trustees_dir / "LEEME-README.json").parent.mkdir(parents=True, exist_ok=True)
    (trustees_dir / "LEEME-README.json").write_text(json.dumps({
        "demo": "Solo demostración / demo only", "passphrases": {
            str(i): passphrase(i) for i in range(1, len(TRUSTEES) + 1)}}, indent=1))
    return [f"Elección demo / demo election: {NAME} (votación abierta / voting open); "
            f"custodios / trustees 3 de 5: {trustees_dir} (frases / passphrases "
            f"custodio-demo-1..5)"]
