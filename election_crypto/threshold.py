"""The election key, shared t-of-n among trustees (Shamir over Z_L, Feldman commitments).

A key ceremony at a staff terminal deals the shares: f(x) = a0 + a1·x + … + a_{t−1}·x^{t−1},
trustee i gets s_i = f(i). Published: the commitments C_j = g^{a_j} (the election public key
is C_0, with a Schnorr proof of knowledge) and each trustee's verification key g^{s_i},
which anyone checks against the commitments. Any t trustees recover g^m from a tally
ciphertext; fewer than t learn nothing about a0 (Shamir's threshold property).
"""

from dataclasses import dataclass

from election_crypto import group, proofs


@dataclass
class Ceremony:
    threshold: int
    commitments: list[bytes]
    shares: dict[int, int]  # trustee index (1..n) -> s_i; held in memory only until saved
    proof: dict

    @property
    def public_key(self) -> bytes:
        return self.commitments[0]

    def verification_key(self, index: int) -> bytes:
        return group.base(self.shares[index])


def deal(threshold: int, trustees: int, context: str) -> Ceremony:
    if not 1 <= threshold <= trustees:
        raise ValueError("need 1 <= t <= n")
    coefficients = [group.random_scalar() for _ in range(threshold)]
    shares = {i: _evaluate(coefficients, i) for i in range(1, trustees + 1)}
    return Ceremony(threshold, [group.base(a) for a in coefficients], shares,
                    proofs.prove_knowledge(coefficients[0], context))


def _evaluate(coefficients: list[int], x: int) -> int:
    acc = 0
    for a in reversed(coefficients):
        acc = (acc * x + a) % group.L
    return acc


def expected_verification_key(commitments: list[bytes], index: int) -> bytes:
    """Π_j C_j^(i^j): what g^{s_i} must be if share i lies on the committed polynomial."""
    acc = group.IDENTITY
    for j, c in enumerate(commitments):
        acc = group.add(acc, group.mul(c, pow(index, j, group.L)))
    return acc


def partial_decrypt(share: int, alpha: bytes, context: str) -> tuple[bytes, dict]:
    """D_i = α^{s_i} with a Chaum-Pedersen proof against the trustee's verification key."""
    return proofs.prove_equal_logs(share, alpha, context)


def combine(beta: bytes, partials: dict[int, bytes]) -> bytes:
    """g^m = β / Π D_i^{λ_i} over the trustees who took part (at least t)."""
    indices = sorted(partials)
    acc = group.IDENTITY
    for i in indices:
        acc = group.add(acc, group.mul(partials[i], group.lagrange_at_zero(i, indices)))
    return group.sub(beta, acc)
