"""The tally's sums: the native loop (each point decoded once) against the pure-Python
reference (libsodium's addition) and the verifier's own per-zone sum, on the same board."""

import json
import random

import pytest

from election_crypto import elgamal, group, tally
from tests.conftest import need

SECRET = group.random_scalar()
PK = group.base(SECRET)
CANDIDATES = {1: 3, 2: 4, 5: 1}  # zone -> candidates


def _board(ballots: int, seed: int) -> tuple[list[dict], dict[tuple[int, int], int]]:
    """Cast entries (some voters vote twice: only their last counts), and the true counts."""
    rng = random.Random(seed)
    entries, last = [], {}
    for position in range(1, ballots + 1):
        zone = rng.choice(list(CANDIDATES))
        votes = [rng.randint(0, 1) for _ in range(CANDIDATES[zone])]
        voter = f"v{rng.randint(1, max(1, ballots * 3 // 4))}"
        choices = [elgamal.encrypt(PK, m, group.random_scalar()).to_json() for m in votes]
        entries.append({"position": position, "kind": "cast", "zone": zone, "voter": voter,
                        "ballot": {"choices": choices}})
        last[voter] = (zone, votes)
    counts: dict[tuple[int, int], int] = {}
    for zone, votes in last.values():
        for c, m in enumerate(votes):
            counts[zone, c] = counts.get((zone, c), 0) + m
    return entries, counts


def _decrypt(ct: elgamal.Ciphertext, bound: int) -> int | None:
    return elgamal.DiscreteLog(bound)(group.sub(ct.beta, group.mul(ct.alpha, SECRET)))


@pytest.mark.parametrize("ballots, seed", [(0, 1), (1, 2), (90, 3), (700, 4)])
def test_native_sums_equal_the_reference_and_decrypt_to_the_counts(ballots, seed):
    need(tally.native is not None, "election_crypto._ed25519sum is not built (make install)")
    board, counts = _board(ballots, seed)
    counted = tally.counted(board)
    rows = [(e["zone"], e["ballot"]["choices"]) for e in counted]
    fast = tally.sums_by_zone(iter(rows), CANDIDATES, use_native=True)
    reference = tally.sums_by_zone(iter(rows), CANDIDATES, use_native=False)
    assert fast == reference
    as_text = [(zone, json.dumps(choices)) for zone, choices in rows]  # as the database gives
    assert tally.sums_by_zone(iter(as_text), CANDIDATES, use_native=True) == fast
    assert tally.sums_by_zone(iter(as_text), CANDIDATES, use_native=False) == fast
    for zone, n in CANDIDATES.items():
        count, sums = fast[zone]
        assert count == sum(1 for e in counted if e["zone"] == zone)
        assert sums == tally.zone_sums(counted, zone, n)  # the verifier's way
        assert [_decrypt(s, count) for s in sums] == [counts.get((zone, c), 0)
                                                      for c in range(n)]


def test_a_sum_that_cancels_out_is_the_identity():
    need(tally.native is not None, "election_crypto._ed25519sum is not built (make install)")
    ct = elgamal.encrypt(PK, 1, group.random_scalar())
    negated = [_neg(p).hex() for p in (ct.alpha, ct.beta)]
    rows = [(5, [ct.to_json()]), (5, [negated])]
    for use_native in (True, False):
        count, sums = tally.sums_by_zone(iter(rows), {5: 1}, use_native=use_native)[5]
        assert count == 2 and sums == [elgamal.ZERO]


def _neg(p: bytes) -> bytes:
    """-P: the same y with the sign of x flipped."""
    return p[:31] + bytes([p[31] ^ 0x80])


@pytest.mark.parametrize("use_native", [True, False])
def test_a_malformed_ballot_stops_the_sum_instead_of_counting_wrong(use_native):
    if use_native:
        need(tally.native is not None, "election_crypto._ed25519sum is not built")
    good = elgamal.encrypt(PK, 1, group.random_scalar()).to_json()
    for too_many in ([good] * 4, json.dumps([good] * 4)):
        with pytest.raises(ValueError):
            tally.sums_by_zone(iter([(1, too_many)]), CANDIDATES, use_native=use_native)
    not_a_point = ["02" + "00" * 31, good[1]]
    if use_native:  # the reference path leaves the check to libsodium's addition
        with pytest.raises(ValueError):
            tally.sums_by_zone(iter([(5, [not_a_point])]), CANDIDATES, use_native=True)
