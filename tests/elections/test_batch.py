"""Many ballots' proofs checked at once (`election_crypto.batch`): honest proofs hold
together, one forged proof makes the batch fail, the one-by-one check then names it, and
proofs made before commitments were published still check one by one."""

import json

import pytest

from election_crypto import ballot as ballots
from election_crypto import group
from election_crypto.batch import RangeBatch
from tests.conftest import need

PK = group.base(group.random_scalar())
STYLE = ballots.Style("cd" * 32, PK, 3, 3, 2, "nonce")


@pytest.fixture(params=["native", "libsodium"])
def way(request, monkeypatch):
    if request.param == "native":
        need(group.native is not None, "election_crypto._ed25519sum is not built")
    else:
        monkeypatch.setattr(group, "native", None)
    return request.param


def _ballots(n: int) -> list[dict]:
    return [ballots.encrypt(STYLE, [i % 2, (i // 2) % 2, 0])[0] for i in range(n)]


def _batch_of(cast: list[dict]) -> tuple[RangeBatch, list[str | None]]:
    batch = RangeBatch()
    return batch, [ballots.check(STYLE, b, batch) for b in cast]


def _bend(ballot: dict, proof: int, field: str, branch: int = 0) -> dict:
    """The ballot with one number of one proof changed (the hash of its commitments still
    adds up: only the verification equations can catch it)."""
    bent = json.loads(json.dumps(ballot))
    target = bent["proofs"][proof] if proof >= 0 else bent["total_proof"]
    value = int(target[field][branch], 16)
    target[field][branch] = f"{(value + 1) % group.L:064x}"
    return bent


def test_honest_proofs_hold_together(way):
    batch, reasons = _batch_of(_ballots(12))
    assert reasons == [None] * 12
    assert batch.proofs == 12 * 4  # three choices and the total, per ballot
    assert batch.holds()


@pytest.mark.parametrize("where", [(1, "z"), (-1, "z"), (2, "z")])
def test_one_forged_proof_fails_the_batch_and_one_by_one_names_it(way, where):
    cast = _ballots(12)
    cast[7] = _bend(cast[7], *where)
    batch, reasons = _batch_of(cast)
    assert reasons == [None] * 12  # well formed: only the batch can tell
    assert not batch.holds()
    named = [n for n, b in enumerate(cast) if ballots.check(STYLE, b) is not None]
    assert named == [7]


def test_commitments_that_are_not_the_proofs_own_are_refused(way):
    cast = _ballots(3)
    bent = json.loads(json.dumps(cast[1]))
    bent["proofs"][0]["t"][1] = cast[2]["proofs"][0]["t"][1]  # another ballot's commitment
    assert ballots.check(STYLE, bent) == "ballot_invalid_proof"  # at the kiosk's cast
    batch, reasons = _batch_of([cast[0], bent])
    assert reasons == [None, "ballot_invalid_proof"]  # not batched: its hash does not add up
    assert batch.holds()


def test_proofs_made_before_commitments_were_published_still_check(way):
    cast = _ballots(4)
    old = json.loads(json.dumps(cast[2]))
    for proof in [*old["proofs"], old["total_proof"]]:
        del proof["t"]
    batch, reasons = _batch_of([cast[0], old, cast[3]])
    assert reasons == [None, None, None]
    assert batch.proofs == 2 * 4  # the old ballot was checked on its own
    assert batch.holds()
    del old["total_proof"]["c"]
    assert ballots.check(STYLE, old, RangeBatch()) == "ballot_invalid_proof"
