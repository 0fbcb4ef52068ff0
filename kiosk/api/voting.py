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
from election_crypto import canonical, group, sharefile, threshold
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


def tracker_digits(tracker: str) -> str:
    """The tracker's digits-only form (with check digits), as the server reads it back."""
    return canonical.tracker_digits(tracker)


def encrypt(style: BallotStyle, chosen: set[int]) -> Encrypted:
    """Encrypt the choices (candidate ids; empty = blank) for this voting session."""
    spec = ballots.Style(style.base_hash, group.point(style.public_key), style.zone,
                         len(style.candidates), style.max_choices, style.nonce)
    selections = [1 if c.id in chosen else 0 for c in style.candidates]
    ballot, randomness = ballots.encrypt(spec, selections)
    return Encrypted(ballot, ballots.tracker(ballot), selections, randomness)


MIN_PASSPHRASE = 12


def passphrase_problem(passphrase: str) -> str | None:
    """Why a trustee's passphrase is too weak to seal a share (None: strong enough).

    At least MIN_PASSPHRASE characters, 6 of them different, mixing at least two of letters,
    digits and other signs (spaces, dashes…): "custodio-demo-1" passes, "123456789012" not.
    """
    if len(passphrase) < MIN_PASSPHRASE:
        return "short"
    kinds = (any(c.isalpha() for c in passphrase) + any(c.isdigit() for c in passphrase)
             + any(not c.isalnum() for c in passphrase))
    if kinds < 2 or len(set(passphrase)) < 6:
        return "simple"
    return None


@dataclass
class Ceremony:
    """A dealt key: the public parts for the server and each trustee's sealed share, held in
    memory until the server has accepted the public parts (then `write` them)."""

    public: dict
    sealed: list[tuple[str, dict]]  # (file name, sealed share)

    def write(self, out_dir: Path) -> list[Path]:
        paths = []
        for name, data in self.sealed:
            sharefile.write(out_dir / name, data)
            paths.append(out_dir / name)
        return paths


def deal_ceremony(election: Election, passphrases: list[str]) -> Ceremony:
    """Deal the key t-of-n and seal each trustee's share under their own passphrase. The clear
    shares exist in this process's memory only meanwhile; nothing is written."""
    ceremony = threshold.deal(election.threshold, len(election.trustees),
                              f"key:{election.uid}")
    sealed = [(f"custodio-{election.id}-{index}.json",
               sharefile.seal(election=election.uid, index=index, name=name,
                              share=ceremony.shares[index], passphrase=passphrase))
              for index, (name, passphrase) in enumerate(zip(election.trustees, passphrases,
                                                              strict=True), start=1)]
    public = {"commitments": [c.hex() for c in ceremony.commitments], "proof": ceremony.proof,
              "verification_keys": [ceremony.verification_key(i).hex()
                                    for i in range(1, len(election.trustees) + 1)]}
    ceremony.shares.clear()
    return Ceremony(public, sealed)


def hold_ceremony(election: Election, passphrases: list[str],
                  out_dir: Path) -> tuple[dict, list[Path]]:
    """Deal and write the share files at once (the demo and the test rigs)."""
    ceremony = deal_ceremony(election, passphrases)
    return ceremony.public, ceremony.write(out_dir)


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
