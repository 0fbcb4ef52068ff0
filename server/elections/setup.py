"""The election officer's work before the vote: create, advance phases, freeze the roll,
register candidates, file and resolve challenges (tachas), publish the key ceremony."""

import secrets
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from election_crypto import board, canonical, group, merkle, proofs, threshold
from server.audit import service as audit
from server.elections.keys import signing_key, voter_ref
from server.elections.models import PHASES, BoardEntry, Candidate, Challenge, Election, RollEntry
from server.elections.schemas import (
    CandidateIn,
    CandidateOut,
    ChallengeIn,
    ChallengeOut,
    ElectionIn,
    ElectionOut,
    KeyIn,
    ResolveIn,
    RollZone,
)
from server.errors import Problem
from server.identity import service as identity
from server.timeutil import lima, utcnow

PHASE_TEXT = {  # phase -> (es, en), as the kiosk names them
    "setup": ("en preparación", "being prepared"), "roll": ("padrón abierto", "roll open"),
    "candidacies": ("inscripción de candidatos", "candidate registration"),
    "challenges": ("periodo de tachas", "challenge period"),
    "ready": ("lista final de candidatos", "final list of candidates"),
    "voting": ("votación abierta", "voting open"),
    "closed": ("votación cerrada, escrutinio en curso", "voting closed, tally under way"),
    "tallied": ("resultados publicados", "results published"),
}


def _phase_problem(election: Election, needed: str) -> Problem:
    (need_es, need_en), (now_es, now_en) = PHASE_TEXT[needed], PHASE_TEXT[election.phase]
    return Problem(409, "election_wrong_phase",
                   f"Esta acción corresponde a la fase «{need_es}»; la elección está en "
                   f"«{now_es}».",
                   f"This belongs to the phase '{need_en}'; the election is in '{now_en}'.",
                   phase=election.phase)


def require_phase(election: Election, *phases: str) -> None:
    if election.phase not in phases:
        raise _phase_problem(election, phases[0])


def get(*, db: Session, election_id: int, lock: bool = False) -> Election:
    query = select(Election).where(Election.id == election_id)
    election = db.execute(query.with_for_update() if lock else query).scalar()
    if election is None:
        raise Problem(404, "election_not_found", "No existe esa elección.",
                      "There is no such election.")
    return election


def list_all(*, db: Session) -> list[Election]:
    return list(db.execute(select(Election).order_by(Election.id.desc())).scalars())


def create(*, db: Session, by: audit.Actor, data: ElectionIn) -> Election:
    known = set(identity.zone_names(db=db))
    if not set(data.zones) <= known:
        raise Problem(422, "unknown_zone", "Alguna zona no existe en el distrito.",
                      "Some zone does not exist in the district.")
    election = Election(uid=secrets.token_hex(16), voter_secret=secrets.token_hex(32),
                        created_at=utcnow(), phase="setup",
                        **data.model_dump(exclude={"zones"}), zones=sorted(set(data.zones)))
    db.add(election)
    db.flush()
    audit.record(db=db, by=by, action="election.create", target=f"election:{election.id}",
                 details={"name": election.name, "zones": election.zones})
    return election


def _not_before(when, what_es: str, what_en: str) -> None:
    now = lima(utcnow())
    reached = now >= when if isinstance(when, datetime) else now.date() >= when
    if not reached:
        raise Problem(409, "election_too_early",
                      f"Aún no llega la fecha: {what_es}.", f"Not yet: {what_en}.")


def advance(*, db: Session, by: audit.Actor, election_id: int, to: str, data_dir) -> Election:
    """Move to the next phase only (never skip, never back), when its conditions hold."""
    election = get(db=db, election_id=election_id, lock=True)
    current = PHASES.index(election.phase)
    if to not in PHASES or PHASES.index(to) != current + 1:
        raise Problem(409, "election_phase_order",
                      "Las fases avanzan solo en orden, de una en una.",
                      "Phases advance only in order, one at a time.", phase=election.phase)
    if to == "candidacies":
        _not_before(election.roll_closes_on, "cierre del padrón", "roll closing")
        _freeze_roll(db, election)
    elif to == "challenges":
        _not_before(election.candidacies_close_on, "cierre de candidaturas",
                    "candidacies closing")
    elif to == "ready":
        _not_before(election.challenges_close_on, "cierre de tachas", "challenges closing")
        pending = db.scalar(select(func.count(Challenge.id)).join(Candidate).where(
            Candidate.election_id == election.id, Challenge.status == "filed"))
        if pending:
            raise Problem(409, "challenges_pending", "Hay tachas sin resolver.",
                          "Some challenges are not resolved yet.")
    elif to == "voting":
        if election.key is None:
            raise Problem(409, "election_key_missing",
                          "Falta la ceremonia de claves de los custodios.",
                          "The trustees' key ceremony has not been held yet.")
        _not_before(lima(election.voting_opens_at), "apertura de la votación", "voting opens")
        _freeze_manifest(db, election)
    elif to == "closed":
        _not_before(lima(election.voting_closes_at), "cierre de la votación", "voting closes")
        head_hash = election.head_hash or election.base_hash  # sign even an empty board
        election.head_signature = board.sign_head(
            signing_key(data_dir), board.head(election.base_hash, election.head_position,
                                              head_hash))
    elif to == "tallied":
        raise Problem(409, "tally_by_trustees",
                      "El escrutinio termina cuando suficientes custodios descifran.",
                      "The tally ends when enough trustees have decrypted.")
    election.phase = to
    audit.record(db=db, by=by, action=f"election.phase.{to}", target=f"election:{election.id}")
    return election


def _freeze_roll(db: Session, election: Election) -> None:
    """Padrón: residents 18+ on election day, registered in a taking-part zone."""
    on = lima(election.voting_opens_at).date()
    by_zone: dict[int, list[int]] = {z: [] for z in election.zones}
    for resident_id, zone in identity.adults_by_zone(db=db, zones=election.zones, on=on):
        by_zone[zone].append(resident_id)
    summary = []
    for zone, residents in by_zone.items():
        leaves = [f"{election.uid}|{zone}|{voter_ref(election.voter_secret, r)}"
                  for r in residents]
        for index, (resident_id, leaf) in enumerate(zip(residents, leaves, strict=True)):
            db.add(RollEntry(election_id=election.id, resident_id=resident_id, zone=zone,
                             leaf_index=index, leaf=leaf))
        summary.append({"zone": zone, "count": len(residents),
                        "root": merkle.root([x.encode() for x in leaves]).hex()})
    election.roll = summary


def roll_leaves(*, db: Session, election: Election, zone: int) -> list[bytes]:
    return [x.encode() for x in db.execute(select(RollEntry.leaf).where(
        RollEntry.election_id == election.id, RollEntry.zone == zone
    ).order_by(RollEntry.leaf_index)).scalars()]


def candidates(*, db: Session, election: Election, zone: int | None = None) -> list[Candidate]:
    query = select(Candidate).where(Candidate.election_id == election.id)
    if zone is not None:
        query = query.where(Candidate.zone == zone)
    return list(db.execute(query.order_by(Candidate.zone, Candidate.list_number)).scalars())


def _freeze_manifest(db: Session, election: Election) -> None:
    names = identity.zone_names(db=db)
    zones = []
    for zone in election.zones:
        running = [c for c in candidates(db=db, election=election, zone=zone)
                   if c.status == "registered"]
        zones.append({"zone": zone, "name": names[zone], "delegates": election.delegates,
                      "alternates": election.alternates,
                      "candidates": [{"id": f"{zone}-{c.list_number}", "list_number":
                                      c.list_number, "name": c.full_name} for c in running]})
    manifest = {"format": "miraflores-election/1", "uid": election.uid, "name": election.name,
                "zones": zones, "max_choices": election.max_choices,
                "tie_rule": election.tie_rule, "roll": election.roll, "key": election.key,
                "voting_opens_at": election.voting_opens_at.isoformat(),
                "voting_closes_at": election.voting_closes_at.isoformat()}
    election.manifest = manifest
    election.base_hash = canonical.digest(manifest)


def add_candidate(*, db: Session, by: audit.Actor, election_id: int,
                  data: CandidateIn) -> Candidate:
    election = get(db=db, election_id=election_id, lock=True)
    require_phase(election, "candidacies")
    if data.zone not in election.zones:
        raise Problem(422, "zone_not_in_election", "Esa zona no participa en esta elección.",
                      "That zone does not take part in this election.")
    resident = identity.get_resident_by_dni(db=db, dni=data.dni)
    on_roll = resident is not None and db.scalar(select(RollEntry.id).where(
        RollEntry.election_id == election.id, RollEntry.resident_id == resident.id,
        RollEntry.zone == data.zone))
    if not on_roll:
        raise Problem(422, "candidate_not_in_zone",
                      "El candidato debe figurar en el padrón de la zona.",
                      "A candidate must be on the zone's roll.")
    taken = db.scalar(select(Candidate.id).where(
        Candidate.election_id == election.id,
        ((Candidate.zone == data.zone) & (Candidate.list_number == data.list_number))
        | (Candidate.dni == data.dni)))
    if taken:
        raise Problem(409, "candidate_duplicate",
                      "Ese número de lista o ese DNI ya está inscrito en esta elección.",
                      "That list number or DNI is already registered in this election.")
    candidate = Candidate(election_id=election.id, **data.model_dump())
    db.add(candidate)
    db.flush()
    audit.record(db=db, by=by, action="election.candidate.register",
                 target=f"election:{election.id}", details={"candidate": candidate.id})
    return candidate


def file_challenge(*, db: Session, by: audit.Actor, election_id: int,
                   data: ChallengeIn) -> Challenge:
    election = get(db=db, election_id=election_id, lock=True)
    require_phase(election, "challenges")
    candidate = db.get(Candidate, data.candidate_id)
    if candidate is None or candidate.election_id != election.id:
        raise Problem(404, "candidate_not_found", "No existe ese candidato en esta elección.",
                      "There is no such candidate in this election.")
    challenge = Challenge(candidate_id=candidate.id, filed_by=data.filed_by,
                          grounds=data.grounds, filed_at=utcnow())
    db.add(challenge)
    db.flush()
    audit.record(db=db, by=by, action="election.challenge.file", target=f"election:{election.id}",
                 details={"challenge": challenge.id, "candidate": candidate.id})
    return challenge


def resolve_challenge(*, db: Session, by: audit.Actor, election_id: int, challenge_id: int,
                      data: ResolveIn) -> Challenge:
    election = get(db=db, election_id=election_id, lock=True)
    require_phase(election, "challenges")
    challenge = db.get(Challenge, challenge_id)
    if challenge is None or challenge.status != "filed":
        raise Problem(409, "challenge_not_open", "Esa tacha no existe o ya fue resuelta.",
                      "That challenge does not exist or is already resolved.")
    challenge.status = "upheld" if data.upheld else "dismissed"
    challenge.resolution, challenge.resolved_at = data.resolution, utcnow()
    if data.upheld:
        db.get(Candidate, challenge.candidate_id).status = "excluded"
    audit.record(db=db, by=by, action=f"election.challenge.{challenge.status}",
                 target=f"election:{election.id}", details={"challenge": challenge.id})
    return challenge


def publish_key(*, db: Session, by: audit.Actor, election_id: int, data: KeyIn) -> Election:
    """Accept the ceremony's public parts only if they are consistent and proven."""
    election = get(db=db, election_id=election_id, lock=True)
    require_phase(election, "ready")
    if election.key is not None:
        raise Problem(409, "election_key_exists", "La clave de esta elección ya fue creada.",
                      "This election's key already exists.")
    bad = Problem(422, "election_key_invalid",
                  "Los datos de la ceremonia no son consistentes: repítala.",
                  "The ceremony's data is not consistent: hold it again.")
    try:
        commitments = [group.point(c) for c in data.commitments]
        vkeys = [group.point(v) for v in data.verification_keys]
    except group.InvalidPoint as exc:
        raise bad from exc
    if (len(commitments) != election.threshold or len(vkeys) != len(election.trustees)
            or not proofs.verify_knowledge(commitments[0], data.proof, f"key:{election.uid}")
            or any(threshold.expected_verification_key(commitments, i + 1) != v
                   for i, v in enumerate(vkeys))):
        raise bad
    election.key = {"public_key": commitments[0].hex(), "threshold": election.threshold,
                    "commitments": data.commitments, "proof": data.proof,
                    "trustees": [{"index": i + 1, "name": name, "verification_key": v}
                                 for i, (name, v) in enumerate(
                                     zip(election.trustees, data.verification_keys,
                                         strict=True))]}
    audit.record(db=db, by=by, action="election.key.publish", target=f"election:{election.id}",
                 details={"public_key": election.key["public_key"]})
    return election


def election_out(*, db: Session, election: Election) -> ElectionOut:
    cands = candidates(db=db, election=election)
    challenges = list(db.execute(select(Challenge).join(Candidate).where(
        Candidate.election_id == election.id).order_by(Challenge.id)).scalars())
    board_size = db.scalar(select(func.count(BoardEntry.id)).where(
        BoardEntry.election_id == election.id)) or 0
    return ElectionOut(
        id=election.id, uid=election.uid, name=election.name, phase=election.phase,
        zones=election.zones, delegates=election.delegates, alternates=election.alternates,
        max_choices=election.max_choices, tie_rule=election.tie_rule,
        threshold=election.threshold, trustees=election.trustees,
        roll_closes_on=election.roll_closes_on,
        candidacies_close_on=election.candidacies_close_on,
        challenges_close_on=election.challenges_close_on,
        voting_opens_at=election.voting_opens_at, voting_closes_at=election.voting_closes_at,
        roll=[RollZone(**z) for z in election.roll] if election.roll else None,
        public_key=election.key["public_key"] if election.key else None,
        base_hash=election.base_hash, board_size=board_size, head_hash=election.head_hash,
        candidates=[CandidateOut.model_validate(c) for c in cands],
        challenges=[ChallengeOut.model_validate(c) for c in challenges])
