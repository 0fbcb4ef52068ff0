"""Zero-knowledge proofs, non-interactive by Fiat-Shamir (`group.hash_to_scalar`), each
bound to a context string that names the election's base hash and what is proved.

- `prove_range`: a disjunctive Chaum-Pedersen (CDS) proof that (α, β) encrypts one of
  0..k. k = 1 for each choice; k = the allowed choices for the sum of a ballot.
- `prove_equal_logs`: Chaum-Pedersen, log_g(X) = log_A(D) (a trustee's partial decryption).
- `prove_knowledge`: Schnorr, knowledge of x with X = g^x (the election key).

Proofs are stored as their challenges and responses; the verifier recomputes the
commitments from them and checks that the challenges add up to the hash. A range proof also
carries its commitments `t` (a_j ‖ b_j per branch, hex): the one-by-one check requires them
to be exactly the recomputed ones, and the public verifier checks many proofs at once from
them (`election_crypto.batch`). Proofs made before `t` existed still check one by one.
"""

from election_crypto import group
from election_crypto.elgamal import Ciphertext


def _range_commitments(ct: Ciphertext, pk: bytes, j: int, c: int, z: int) -> tuple[bytes, bytes]:
    """a = g^z · α^−c and b = h^z · (β / g^j)^−c: what an honest branch j committed to."""
    a = group.sub(group.base(z), group.mul(ct.alpha, c))
    b = group.sub(group.mul(pk, z), group.mul(group.sub(ct.beta, group.base(j)), c))
    return a, b


def prove_range(ct: Ciphertext, pk: bytes, m: int, r: int, k: int, context: str) -> dict:
    if not 0 <= m <= k:
        raise ValueError("message out of range")
    cs, zs, commitments = [0] * (k + 1), [0] * (k + 1), [b""] * (k + 1)
    w = group.random_scalar()
    for j in range(k + 1):
        if j == m:
            commitments[j] = group.base(w) + group.mul(pk, w)
        else:
            cs[j], zs[j] = group.random_scalar(), group.random_scalar()
            commitments[j] = b"".join(_range_commitments(ct, pk, j, cs[j], zs[j]))
    c = group.hash_to_scalar(context, pk, ct.alpha, ct.beta, *commitments)
    cs[m] = (c - sum(cs[j] for j in range(k + 1) if j != m)) % group.L
    zs[m] = (w + cs[m] * r) % group.L
    return {"c": [f"{x:064x}" for x in cs], "z": [f"{x:064x}" for x in zs],
            "t": [t.hex() for t in commitments]}


def verify_range(ct: Ciphertext, pk: bytes, k: int, proof: dict, context: str) -> bool:
    """`ct` and `pk` are checked points (see `group.mul_sum`)."""
    try:
        cs = [group.scalar(x) for x in proof["c"]]
        zs = [group.scalar(x) for x in proof["z"]]
    except (KeyError, TypeError, ValueError):
        return False
    if len(cs) != k + 1 or len(zs) != k + 1:
        return False
    commitments = [group.mul_sum([(group.G, zs[j]), (ct.alpha, -cs[j])])  # a_j, b_j as above
                   + group.mul_sum([(pk, zs[j]), (ct.beta, -cs[j]), (group.G, cs[j] * j)])
                   for j in range(k + 1)]
    if "t" in proof and proof["t"] != [t.hex() for t in commitments]:
        return False  # the commitments shown must be the ones the batch check will rely on
    return sum(cs) % group.L == group.hash_to_scalar(context, pk, ct.alpha, ct.beta, *commitments)


def prove_equal_logs(x: int, a_base: bytes, context: str) -> tuple[bytes, dict]:
    """D = A^x, with a proof that log_A(D) = log_g(g^x)."""
    big_x, d = group.base(x), group.mul(a_base, x)
    w = group.random_scalar()
    c = group.hash_to_scalar(context, big_x, a_base, d, group.base(w), group.mul(a_base, w))
    return d, {"c": f"{c:064x}", "z": f"{(w + c * x) % group.L:064x}"}


def verify_equal_logs(big_x: bytes, a_base: bytes, d: bytes, proof: dict, context: str) -> bool:
    try:
        c, z = group.scalar(proof["c"]), group.scalar(proof["z"])
    except (KeyError, TypeError, ValueError):
        return False
    a = group.sub(group.base(z), group.mul(big_x, c))
    b = group.sub(group.mul(a_base, z), group.mul(d, c))
    return c == group.hash_to_scalar(context, big_x, a_base, d, a, b)


def prove_knowledge(x: int, context: str) -> dict:
    w = group.random_scalar()
    c = group.hash_to_scalar(context, group.base(x), group.base(w))
    return {"c": f"{c:064x}", "z": f"{(w + c * x) % group.L:064x}"}


def verify_knowledge(big_x: bytes, proof: dict, context: str) -> bool:
    try:
        c, z = group.scalar(proof["c"]), group.scalar(proof["z"])
    except (KeyError, TypeError, ValueError):
        return False
    return c == group.hash_to_scalar(context, big_x, group.sub(group.base(z), group.mul(big_x, c)))
