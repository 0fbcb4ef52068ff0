"""The kiosk's side of the election protocol (run in thread workers: it is CPU work).

Encrypting a ballot, and at a staff terminal the trustees' key ceremony and their partial
decryptions. The protocol itself is `election_crypto` (docs/elections.md).

It sits beside the elections' calls (kiosk/api/elections.py) because it works on their wire
models, but apart from them: `client.elections` stays cheap to load, and the cryptography is
loaded only when a ballot is encrypted or a trustee works.
"""

from dataclasses import dataclass
from pathlib import Path

from election_crypto import ballot as ballots
from election_crypto import group, sharefile, threshold
from election_crypto.elgamal import Ciphertext
from kiosk.api.elections import BallotStyle, Election, ZoneSums


@dataclass
class Encrypted:
    ballot: dict
    tracker: str
    selections: list[int]
    randomness: list[int]

    def reveal(self) -> dict:
        return ballots.reveal(self.selections, self.randomness)


def encrypt(style: BallotStyle, chosen: set[int]) -> Encrypted:
    """Encrypt the choices (candidate ids; empty = blank) for this voting session."""
    spec = ballots.Style(style.base_hash, group.point(style.public_key), style.zone,
                         len(style.candidates), style.max_choices, style.nonce)
    selections = [1 if c.id in chosen else 0 for c in style.candidates]
    ballot, randomness = ballots.encrypt(spec, selections)
    return Encrypted(ballot, ballots.tracker(ballot), selections, randomness)


def hold_ceremony(election: Election, passphrases: list[str],
                  out_dir: Path) -> tuple[dict, list[Path]]:
    """Deal the key t-of-n, seal each trustee's share in their own file, return the public
    parts for the server. The shares exist in this process's memory only meanwhile."""
    ceremony = threshold.deal(election.threshold, len(election.trustees),
                              f"key:{election.uid}")
    paths = []
    for index, (name, passphrase) in enumerate(zip(election.trustees, passphrases,
                                                   strict=True), start=1):
        path = out_dir / f"custodio-{election.id}-{index}.json"
        sharefile.write(path, sharefile.seal(election=election.uid, index=index, name=name,
                                             share=ceremony.shares[index],
                                             passphrase=passphrase))
        paths.append(path)
    public = {"commitments": [c.hex() for c in ceremony.commitments], "proof": ceremony.proof,
              "verification_keys": [ceremony.verification_key(i).hex()
                                    for i in range(1, len(election.trustees) + 1)]}
    ceremony.shares.clear()
    return public, paths


class ShareFileError(ValueError):
    """The file is not a share of this election (or cannot be read)."""


def partial_decryption(election: Election, sums: list[ZoneSums], path: Path,
                       passphrase: str) -> tuple[int, list[dict]]:
    """(trustee index, per-zone partial decryptions with proofs) from a sealed share."""
    try:
        data = sharefile.read(path)
    except (OSError, ValueError) as exc:
        raise ShareFileError(str(exc)) from exc
    if data.get("election") != election.uid:
        raise ShareFileError("another election")
    share = sharefile.open_share(data, passphrase)  # WrongPassphrase propagates
    zones = []
    for z in sums:
        shares, proofs = [], []
        for c, pair in enumerate(z.sums):
            d, proof = threshold.partial_decrypt(
                share, Ciphertext.from_json(pair).alpha,
                f"{election.base_hash}|zone:{z.zone}|tally:{c}")
            shares.append(d.hex())
            proofs.append(proof)
        zones.append({"zone": z.zone, "shares": shares, "proofs": proofs})
    return data["trustee"], zones
