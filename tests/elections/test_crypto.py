"""The protocol's building blocks, property by property."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from election_crypto import elgamal, group, merkle, proofs, threshold
from election_crypto.elgamal import Ciphertext

SECRET = group.random_scalar()
PK = group.base(SECRET)


def test_any_t_of_n_trustees_decrypt_and_fewer_do_not():
    ceremony = threshold.deal(3, 5, "key:test")
    ct = elgamal.encrypt(ceremony.public_key, 42, group.random_scalar())
    partials = {i: group.mul(ct.alpha, s) for i, s in ceremony.shares.items()}
    for subset in itertools.combinations(range(1, 6), 3):
        combined = threshold.combine(ct.beta, {i: partials[i] for i in subset})
        assert elgamal.DiscreteLog(100)(combined) == 42
    for subset in itertools.combinations(range(1, 6), 2):
        combined = threshold.combine(ct.beta, {i: partials[i] for i in subset})
        assert elgamal.DiscreteLog(1000)(combined) is None
    for i in range(1, 6):
        assert threshold.expected_verification_key(ceremony.commitments, i) == \
            ceremony.verification_key(i)


@settings(max_examples=25, deadline=None)
@given(m=st.integers(0, 3), k=st.integers(0, 3))
def test_a_range_proof_holds_exactly_inside_the_range(m, k):
    r = group.random_scalar()
    ct = elgamal.encrypt(PK, m, r)
    if m <= k:
        proof = proofs.prove_range(ct, PK, m, r, k, "ctx")
        assert proofs.verify_range(ct, PK, k, proof, "ctx")
        assert not proofs.verify_range(ct, PK, k, proof, "another context")
        assert not proofs.verify_range(ct + elgamal.encrypt(PK, 0, 1), PK, k, proof, "ctx")
    else:
        with pytest.raises(ValueError):
            proofs.prove_range(ct, PK, m, r, k, "ctx")


def test_a_cheating_prover_cannot_prove_two_in_a_zero_one_range():
    r = group.random_scalar()
    two = elgamal.encrypt(PK, 2, r)
    forged = proofs.prove_range(elgamal.encrypt(PK, 1, r), PK, 1, r, 1, "ctx")
    assert not proofs.verify_range(two, PK, 1, forged, "ctx")


def test_points_outside_the_prime_order_group_are_refused():
    small_order = bytes(32)  # (0, 1) negated family: order 4 on edwards25519
    non_canonical = bytes([0xED] + [0xFF] * 30 + [0x7F])
    for bad in (small_order, non_canonical, b"\x02" * 31, "zz"):
        with pytest.raises(group.InvalidPoint):
            group.point(bad)
    with pytest.raises(group.InvalidPoint):
        Ciphertext.from_json([small_order.hex(), PK.hex()])
    assert group.point(PK.hex()) == PK


@given(st.lists(st.binary(min_size=1, max_size=8), min_size=1, max_size=40, unique=True))
def test_every_roll_leaf_proves_its_inclusion_and_nothing_else_does(leaves):
    root = merkle.root(leaves)
    for i, leaf in enumerate(leaves):
        path = merkle.proof(leaves, i)
        assert merkle.check(leaf, path, root)
        assert not merkle.check(leaf + b"x", path, root)
