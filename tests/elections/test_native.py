"""The native loops against the pure-Python reference (libsodium, one call per operation):
the tally's sums (each point decoded once) on the same board as the verifier's own per-zone
sum, and the proofs' checks (k1·P1 + k2·P2 + … in one pass), honest and forged."""

import json
import random

import pytest

from election_crypto import ballot as ballots
from election_crypto import elgamal, group, proofs, tally
from election_crypto.elgamal import Ciphertext
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


def test_mul_sum_equals_libsodium_one_operation_at_a_time():
    need(group.native is not None, "election_crypto._ed25519sum is not built")
    rng = random.Random(5)
    points = [group.base(group.random_scalar()) for _ in range(6)] + [group.IDENTITY, group.G]
    scalars = [0, 1, group.L - 1, 2**252, *(group.random_scalar() for _ in range(6))]
    for _ in range(60):
        terms = [(rng.choice(points), rng.choice(scalars)) for _ in range(rng.randint(1, 4))]
        assert group.mul_sum(terms, use_native=True) == group.mul_sum(terms, use_native=False)
    p = points[0]
    assert group.mul_sum([(p, 5), (p, -5)], use_native=True) == group.IDENTITY
    with pytest.raises(ValueError):
        group.mul_sum([(p, 1)] * 5, use_native=True)  # at most 4 terms


def test_msm_equals_libsodium_one_operation_at_a_time():
    """Pippenger's buckets, at sizes that choose different windows, times the cofactor too."""
    need(group.native is not None, "election_crypto._ed25519sum is not built")
    rng = random.Random(9)
    points = [group.base(group.random_scalar()) for _ in range(40)] + [group.IDENTITY, group.G]
    for size in (1, 2, 3, 17, 300):
        terms = [(rng.choice(points), rng.choice([0, 1, group.L - 1, rng.randrange(group.L)]))
                 for _ in range(size)]
        expected = group.mul_sum(terms, use_native=False)
        packed = (b"".join(p for p, _ in terms), b"".join(group._s(k) for _, k in terms))
        assert group.native.msm(*packed) == expected
        assert group.native.msm(*packed, True) == group.mul(expected, 8)
    p = points[0]
    assert group.native.msm(p + p, group._s(5) + group._s(group.L - 5)) == group.IDENTITY
    with pytest.raises(ValueError, match="not on the curve"):
        group.native.msm(p + bytes([2]) + bytes(31), group._s(1) * 2)


@pytest.mark.parametrize("use_native", [True, False])
def test_a_ballot_check_accepts_honest_proofs_and_names_a_forged_one(use_native, monkeypatch):
    if use_native:
        need(group.native is not None, "election_crypto._ed25519sum is not built")
    else:
        monkeypatch.setattr(group, "native", None)
    style = ballots.Style("ab" * 32, PK, 2, 4, 2, "nonce")
    ballot, _ = ballots.encrypt(style, [1, 0, 1, 0])
    assert ballots.check(style, ballot) is None
    forged = json.loads(json.dumps(ballot))
    forged["choices"][1] = elgamal.encrypt(PK, 2, group.random_scalar()).to_json()  # a 2
    assert ballots.check(style, forged) == "ballot_invalid_proof"
    bent = json.loads(json.dumps(ballot))
    bent["proofs"][0]["z"][1] = f"{(int(bent['proofs'][0]['z'][1], 16) + 1) % group.L:064x}"
    assert ballots.check(style, bent) == "ballot_invalid_proof"
    over = ballots.encrypt(ballots.Style("ab" * 32, PK, 2, 4, 3, "nonce"), [1, 1, 1, 0])[0]
    assert ballots.check(style, over) == "ballot_invalid_proof"  # three choices of two
    ct = Ciphertext.from_json(ballot["choices"][0])
    assert proofs.verify_range(ct, PK, 1, ballot["proofs"][0], "another context") is False
