"""Many range proofs checked at once: a random linear combination of their verification
equations, evaluated as one multi-scalar multiplication (the native `msm`, Pippenger's
buckets), instead of four scalar multiplications per branch of every proof.

A range proof that carries its commitments `t` (see `proofs.prove_range`) holds exactly when
its challenges add up to the hash of those commitments and, for every branch j, with (α, β)
the ciphertext, h the election key and G the base point,

    a_j + c_j·α − z_j·G = 0        b_j + c_j·β − c_j·j·G − z_j·h = 0.

Each equation is multiplied by a fresh random 128-bit coefficient and all are added: when
any equation fails, the sum is still the identity with probability about 2^-128. The sum is
multiplied by the cofactor 8 before the comparison, so that a commitment with a small-order
component cannot decide the outcome; soundness needs α, β and h in the prime-order group,
and they are (checked points). A failed batch says only that some proof in it is wrong: the
caller checks its ballots one by one to name them (`election_crypto.verify`).
"""

import secrets

from nacl.exceptions import RuntimeError as SodiumError

from election_crypto import group
from election_crypto.elgamal import Ciphertext


class RangeBatch:
    """Range proofs' equations, added up with random coefficients, checked by `holds()`."""

    def __init__(self) -> None:
        self._terms: dict[bytes, int] = {}  # point -> its coefficient (one term per point)
        self._base = 0  # G's coefficient
        self.proofs = 0

    def _add(self, p: bytes, k: int) -> None:
        self._terms[p] = (self._terms.get(p, 0) + k) % group.L

    def add(self, parts: list[Ciphertext], ct: Ciphertext, pk: bytes, k: int, proof: dict,
            context: str) -> bool:
        """Adds the proof that `ct`, the sum of the checked ciphertexts `parts` ([ct] for
        one choice), encrypts one of 0..k. False, with nothing added, when the proof has no
        commitments (check it with `proofs.verify_range`), is malformed, or its challenges do
        not add up to the hash of its commitments."""
        try:
            cs = [group.scalar(x) for x in proof["c"]]
            zs = [group.scalar(x) for x in proof["z"]]
            ts = [bytes.fromhex(x) for x in proof["t"]]
        except (KeyError, TypeError, ValueError):
            return False
        if not len(cs) == len(zs) == len(ts) == k + 1 or any(len(t) != 64 for t in ts):
            return False
        if sum(cs) % group.L != group.hash_to_scalar(context, pk, ct.alpha, ct.beta, *ts):
            return False
        alpha = beta = key = 0
        for j, (c, z, t) in enumerate(zip(cs, zs, ts, strict=True)):
            r1, r2 = secrets.randbits(128), secrets.randbits(128)
            self._add(t[:32], r1)
            self._add(t[32:], r2)
            alpha, beta, key = alpha + r1 * c, beta + r2 * c, key - r2 * z
            self._base -= r1 * z + r2 * c * j
        self._add(pk, key)
        for part in parts:  # α and β of the sum are the sums of the parts' α and β
            self._add(part.alpha, alpha)
            self._add(part.beta, beta)
        self.proofs += 1
        return True

    def holds(self) -> bool:
        """Whether every proof added holds (up to the 2^-128 chance above)."""
        if not self.proofs:
            return True
        terms = [*self._terms.items(), (group.G, self._base % group.L)]
        try:
            if group.native is not None:
                return group.native.msm(b"".join(p for p, _ in terms),
                                        b"".join(k.to_bytes(32, "little") for _, k in terms),
                                        True) == group.IDENTITY
            total = group.IDENTITY  # the reference: libsodium, one call per operation
            for p, k in terms:
                total = group.add(total, group.mul(p, k))
            return group.mul(total, 8) == group.IDENTITY
        except (ValueError, SodiumError):  # a commitment that is not a group point
            return False
