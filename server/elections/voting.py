"""At the kiosk: the ballot of the resident's zone, the roll check, casting and checking
(Benaloh challenge) ballots, and looking a tracker up on the board.

Appending locks the election row, so board positions and the chain are serial and a voter's
earlier ballot is superseded in the same transaction that appends the new one (a partial
unique index makes "one counted ballot per voter" hold even against a bug here).
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from election_crypto import ballot as ballots
from election_crypto import board, canonical, group, merkle
from server.audit import service as audit
from server.elections import setup
from server.elections.keys import new_nonce, nonce_is_for, signing_key, voter_ref
from server.elections.models import BoardEntry, Election, RollEntry
from server.elections.schemas import (
    BallotStyleOut,
    BoardReceipt,
    CandidateOut,
    InclusionOut,
    TrackerOut,
)
from server.errors import Problem
from server.kernel.text import Text
from server.timeutil import utcnow

NOT_ON_ROLL = Problem(403, "not_on_roll",
                      "Usted no figura en el padrón de esta elección: vota quien tiene 18 años "
                      "o más el día de la elección y está registrado en una zona que participa. "
                      "Consulte en la oficina de participación vecinal.",
                      "You are not on this election's roll: residents aged 18 or more on "
                      "election day registered in a taking-part zone vote. Ask at the "
                      "neighbourhood participation office.")
REFUSED = {
    "ballot_not_for_this_election": ("La papeleta no corresponde a esta elección, zona o sesión "
                                     "de votación. Empiece de nuevo.", "The ballot is not for "
                                     "this election, zone or voting session. Start again."),
    "ballot_shape": ("La papeleta está incompleta. Empiece de nuevo.",
                     "The ballot is incomplete. Start again."),
    "ballot_invalid_point": ("La papeleta está dañada. Empiece de nuevo.",
                             "The ballot is damaged. Start again."),
    "ballot_invalid_proof": ("Las pruebas de la papeleta no son válidas: no se registró. "
                             "Empiece de nuevo.", "The ballot's proofs are not valid: it was "
                             "not recorded. Start again."),
}


def _roll_entry(db: Session, election: Election, resident_id: int) -> RollEntry | None:
    return db.execute(select(RollEntry).where(RollEntry.election_id == election.id,
                                              RollEntry.resident_id == resident_id)).scalar()


def inclusion(*, db: Session, election_id: int, resident_id: int) -> InclusionOut:
    election = setup.get(db=db, election_id=election_id)
    if election.roll is None:
        return InclusionOut(included=False, message=Text(
            es="El padrón aún no se cierra; consulte después de su fecha de cierre.",
            en="The roll is not closed yet; check after its closing date."))
    entry = _roll_entry(db, election, resident_id)
    if entry is None:
        return InclusionOut(included=False, message=Text(es=NOT_ON_ROLL.es, en=NOT_ON_ROLL.en))
    leaves = setup.roll_leaves(db=db, election=election, zone=entry.zone)
    root = next(z["root"] for z in election.roll if z["zone"] == entry.zone)
    return InclusionOut(
        included=True, zone=entry.zone, leaf=entry.leaf,
        path=merkle.proof(leaves, entry.leaf_index), root=root,
        message=Text(es=f"Usted figura en el padrón de la zona {entry.zone}.",
                     en=f"You are on the roll of zone {entry.zone}."))


def _open_for(db: Session, election: Election, resident_id: int) -> RollEntry:
    if election.phase != "voting":
        raise Problem(409, "voting_not_open", "La votación no está abierta.",
                      "Voting is not open.", phase=election.phase)
    now = utcnow()
    if not election.voting_opens_at <= now < election.voting_closes_at:
        raise Problem(409, "voting_window_closed",
                      "Está fuera del horario de votación.", "It is outside the voting hours.")
    entry = _roll_entry(db, election, resident_id)
    if entry is None:
        raise NOT_ON_ROLL
    return entry


def tracker_url(base_url: str, election_id: int, tracker: str = "") -> str:
    """The human page of a tracker (the QR and the address printed on the slips)."""
    return f"{base_url.rstrip('/')}/verify/vote/{election_id}/{tracker}"


def ballot_style(*, db: Session, election_id: int, resident_id: int,
                 session_id: int, base_url: str) -> BallotStyleOut:
    election = setup.get(db=db, election_id=election_id)
    entry = _open_for(db, election, resident_id)
    zone = next(z for z in election.manifest["zones"] if z["zone"] == entry.zone)
    running = [c for c in setup.candidates(db=db, election=election, zone=entry.zone)
               if c.status == "registered"]
    voted = db.scalar(select(BoardEntry.id).where(
        BoardEntry.election_id == election.id, BoardEntry.counted,
        BoardEntry.voter_ref == voter_ref(election.voter_secret, resident_id))) is not None
    return BallotStyleOut(
        election_id=election.id, name=election.name, base_hash=election.base_hash,
        public_key=election.key["public_key"], zone=entry.zone, zone_name=zone["name"],
        max_choices=election.max_choices, nonce=new_nonce(election.voter_secret, session_id),
        candidates=[CandidateOut.model_validate(c) for c in running],
        voting_closes_at=election.voting_closes_at, already_voted=voted,
        tracker_url=tracker_url(base_url, election.id))


def _checked(db: Session, election: Election, entry: RollEntry, session_id: int,
             ballot: dict) -> str:
    """Refuse anything but a well-formed, proven ballot of this voter's session."""
    zone = next(z for z in election.manifest["zones"] if z["zone"] == entry.zone)
    nonce = ballot.get("nonce") if isinstance(ballot, dict) else None
    if not isinstance(nonce, str) or not nonce_is_for(election.voter_secret, session_id, nonce):
        raise Problem(422, "ballot_not_for_this_election", *REFUSED[
            "ballot_not_for_this_election"])
    style = ballots.Style(election.base_hash, group.point(election.key["public_key"]),
                          entry.zone, len(zone["candidates"]), election.max_choices, nonce)
    reason = ballots.check(style, ballot)
    if reason:
        raise Problem(422, reason, *REFUSED[reason])
    tracker = ballots.tracker(ballot)
    if db.scalar(select(BoardEntry.id).where(BoardEntry.election_id == election.id,
                                             BoardEntry.tracker == tracker)):
        raise Problem(409, "ballot_replayed",
                      "Esa papeleta ya está en el tablero: no se registró de nuevo.",
                      "That ballot is already on the board: it was not recorded again.")
    return tracker


def _append(db: Session, election: Election, *, kind: str, zone: int, tracker: str,
            ballot: dict, voter: str | None = None, reveal: dict | None = None,
            data_dir) -> BoardEntry:
    position = election.head_position + 1
    body = {"position": position, "kind": kind, "zone": zone, "tracker": tracker,
            "ballot": ballot, "prev": election.head_hash or election.base_hash}
    body.update({"voter": voter} if voter else {"reveal": reveal})
    body["hash"] = board.entry_hash(body)
    row = BoardEntry(election_id=election.id, position=position, kind=kind, zone=zone,
                     tracker=tracker, voter_ref=voter, counted=False, hash=body["hash"],
                     entry=body)
    if kind == "cast":
        previous = db.execute(select(BoardEntry).where(
            BoardEntry.election_id == election.id, BoardEntry.counted,
            BoardEntry.voter_ref == voter)).scalar()
        if previous is not None:
            previous.counted, previous.superseded_by = False, position
            db.flush()  # before the new row takes the counted slot of the unique index
        row.counted = True
    db.add(row)
    election.head_position, election.head_hash = position, body["hash"]
    election.head_signature = board.sign_head(
        signing_key(data_dir), board.head(election.base_hash, position, body["hash"]))
    db.flush()
    return row


def _receipt(election: Election, row: BoardEntry, data_dir, base_url: str) -> BoardReceipt:
    return BoardReceipt(
        kind=row.kind, tracker=row.tracker, position=row.position,
        previous_hash=row.entry["prev"], entry_hash=row.hash,
        head_signature=election.head_signature,
        server_key=signing_key(data_dir).verify_key.encode().hex(),
        election_name=election.name, zone=row.zone,
        tracker_digits=canonical.tracker_digits(row.tracker),
        verify_url=tracker_url(base_url, election.id, row.tracker))


def cast(*, db: Session, by: audit.Actor, election_id: int, resident_id: int,
         session_id: int, ballot: dict, data_dir, base_url: str) -> BoardReceipt:
    election = setup.get(db=db, election_id=election_id, lock=True)
    entry = _open_for(db, election, resident_id)
    tracker = _checked(db, election, entry, session_id, ballot)
    row = _append(db, election, kind="cast", zone=entry.zone, tracker=tracker, ballot=ballot,
                  voter=voter_ref(election.voter_secret, resident_id), data_dir=data_dir)
    # That the resident voted is public record; which board entry is theirs is not.
    audit.record(db=db, by=by, action="election.vote", target=f"election:{election.id}")
    return _receipt(election, row, data_dir, base_url)


def spoil(*, db: Session, by: audit.Actor, election_id: int, resident_id: int,
          session_id: int, ballot: dict, reveal: dict, data_dir, base_url: str) -> BoardReceipt:
    """A checked ballot: published with its randomness, never counted."""
    election = setup.get(db=db, election_id=election_id, lock=True)
    entry = _open_for(db, election, resident_id)
    tracker = _checked(db, election, entry, session_id, ballot)
    if not ballots.check_reveal(group.point(election.key["public_key"]), ballot, reveal):
        raise Problem(422, "reveal_mismatch",
                      "La verificación no corresponde a la papeleta: no se publicó.",
                      "The check does not match the ballot: it was not published.")
    row = _append(db, election, kind="spoiled", zone=entry.zone, tracker=tracker,
                  ballot=ballot, reveal=reveal, data_dir=data_dir)
    audit.record(db=db, by=by, action="election.ballot.check", target=f"election:{election.id}")
    return _receipt(election, row, data_dir, base_url)


def find_tracker(*, db: Session, election_id: int, tracker: str) -> TrackerOut:
    election = setup.get(db=db, election_id=election_id)
    typed = "".join(ch for ch in tracker if ch.isalnum())
    if typed.isdigit() and len(typed) == canonical.TRACKER_DIGITS:  # the digits-only form
        code = canonical.tracker_from_digits(typed)
        if code is None:
            return TrackerOut(found=False, tracker=tracker, message=Text(
                es="El código numérico no es correcto (no cuadran sus dígitos de control): "
                   "revise cada dígito.",
                en="The numeric code is not right (its check digits do not match): check "
                   "each digit."))
    else:
        code = canonical.normalise_code(tracker)
    row = db.execute(select(BoardEntry).where(BoardEntry.election_id == election.id,
                                              BoardEntry.tracker == code)).scalar()
    tallied = election.phase == "tallied"
    if row is None:
        return TrackerOut(found=False, tracker=code, message=Text(
            es="Ese código no está en el tablero de esta elección. Revise el código impreso.",
            en="That code is not on this election's board. Check the printed code."))
    if row.kind == "spoiled":
        status, msg = "spoiled", Text(
            es="Papeleta de verificación: publicada abierta, no se cuenta.",
            en="Checked ballot: published open, not counted.")
    elif row.counted:
        status, msg = "counted", Text(
            es="Su voto está en el tablero y es el que se cuenta" + (
                " y fue contado." if tallied else "."),
            en="Your vote is on the board and is the one that counts" + (
                " and was counted." if tallied else "."))
    else:
        status, msg = "superseded", Text(
            es=f"Reemplazado por un voto posterior (posición {row.superseded_by}).",
            en=f"Replaced by a later vote (position {row.superseded_by}).")
    return TrackerOut(found=True, tracker=code, kind=row.kind, position=row.position,
                      status=status, tallied=tallied, message=msg)
