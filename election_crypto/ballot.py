"""An encrypted ballot: one ciphertext per candidate of the zone (1 = chosen), a proof that
each is 0 or 1, and a proof that their sum is between 0 (blank) and the allowed choices.

Every Fiat-Shamir context names the election's base hash, the zone, the ballot nonce the
server issued to this voting session, and the choice's position, so a proof cannot be
moved to another election, zone, session or candidate.
"""

from dataclasses import dataclass

from election_crypto import canonical, elgamal, group, proofs
from election_crypto.batch import RangeBatch
from election_crypto.elgamal import Ciphertext


@dataclass(frozen=True)
class Style:
    """What a ballot must look like: from the manifest and the voting session."""
    base_hash: str
    public_key: bytes
    zone: int
    candidates: int
    max_choices: int
    nonce: str


def context(style: Style, what: str) -> str:
    return f"{style.base_hash}|zone:{style.zone}|nonce:{style.nonce}|{what}"


def encrypt(style: Style, selections: list[int]) -> tuple[dict, list[int]]:
    """The ballot and the randomness (kept by the kiosk only to reveal a checked ballot)."""
    if len(selections) != style.candidates or any(s not in (0, 1) for s in selections):
        raise ValueError("one 0/1 selection per candidate")
    if sum(selections) > style.max_choices:
        raise ValueError("too many choices")
    rs = [group.random_scalar() for _ in selections]
    cts = [elgamal.encrypt(style.public_key, m, r) for m, r in zip(selections, rs, strict=True)]
    pk = style.public_key
    choice_proofs = [proofs.prove_range(ct, pk, m, r, 1, context(style, f"choice:{i}"))
                     for i, (ct, m, r) in enumerate(zip(cts, selections, rs, strict=True))]
    total_proof = proofs.prove_range(elgamal.total(cts), style.public_key, sum(selections),
                                     sum(rs) % group.L, style.max_choices, context(style, "total"))
    ballot = {"election": style.base_hash, "zone": style.zone, "nonce": style.nonce,
              "choices": [ct.to_json() for ct in cts], "proofs": choice_proofs,
              "total_proof": total_proof}
    return ballot, rs


def tracker(ballot: dict) -> str:
    return canonical.short_code(canonical.digest(ballot))


def check(style: Style, ballot: dict, batch: RangeBatch | None = None) -> str | None:
    """None if the ballot is well formed for this style and every proof holds, else why.

    With a `batch`, proofs that carry their commitments join it instead of being checked
    here: None then means "well formed, and right if the batch holds"."""
    if (ballot.get("election"), ballot.get("zone"), ballot.get("nonce")) != (
            style.base_hash, style.zone, style.nonce):
        return "ballot_not_for_this_election"
    choices = ballot.get("choices")
    if not isinstance(choices, list) or len(choices) != style.candidates:
        return "ballot_shape"
    if not isinstance(ballot.get("proofs"), list) or len(ballot["proofs"]) != style.candidates:
        return "ballot_shape"
    try:
        cts = [Ciphertext.from_json(c) for c in choices]
    except (group.InvalidPoint, TypeError):
        return "ballot_invalid_point"
    pk = style.public_key
    for i, (ct, proof) in enumerate(zip(cts, ballot["proofs"], strict=True)):
        if not _range_holds(batch, [ct], ct, pk, 1, proof, context(style, f"choice:{i}")):
            return "ballot_invalid_proof"
    if not _range_holds(batch, cts, elgamal.total(cts), pk, style.max_choices,
                        ballot.get("total_proof"), context(style, "total")):
        return "ballot_invalid_proof"
    return None


def _range_holds(batch: RangeBatch | None, parts: list[Ciphertext], ct: Ciphertext, pk: bytes,
                 k: int, proof: object, where: str) -> bool:
    """Checked now, or (with a batch, when the proof carries its commitments) left to it."""
    if not isinstance(proof, dict):
        return False
    if batch is not None and batch.add(parts, ct, pk, k, proof, where):
        return True
    return proofs.verify_range(ct, pk, k, proof, where)


def reveal(selections: list[int], randomness: list[int]) -> dict:
    return {"selections": list(selections), "randomness": [f"{r:064x}" for r in randomness]}


def check_reveal(public_key: bytes, ballot: dict, revealed: dict) -> bool:
    """A spoiled ballot: do the revealed choices and randomness give its ciphertexts?"""
    try:
        pairs = zip(revealed["selections"], revealed["randomness"], ballot["choices"], strict=True)
        return all(m in (0, 1) and elgamal.encrypt(public_key, m, group.scalar(r)).to_json() == c
                   for m, r, c in pairs)
    except (KeyError, TypeError, ValueError):
        return False
