"""The prime-order subgroup of edwards25519 (order L, about 2^252), through libsodium.

Points travel as 32-byte encodings and scalars as ints mod L. libsodium's `noclamp`
scalar multiplication refuses non-canonical points, points of small order and points
outside the main subgroup, so every received point is checked before use; `point()` does
the same for points read from JSON. The identity (needed for sums and for g^0) is handled
here because libsodium refuses to output it.
"""

import hashlib
import secrets
from collections.abc import Sequence

from nacl import bindings as sodium
from nacl.exceptions import RuntimeError as SodiumError

try:  # the native loop (election_crypto/_ed25519sum.c), built by `make install`
    from election_crypto import _ed25519sum as native
except ImportError:  # pragma: no cover - a checkout not yet installed
    native = None

L = 2**252 + 27742317777372353535851937790883648493
IDENTITY = bytes([1]) + bytes(31)
G = sodium.crypto_scalarmult_ed25519_base_noclamp((1).to_bytes(32, "little"))


class InvalidPoint(ValueError):
    """A point that is not a valid element of the prime-order group."""


def _s(k: int) -> bytes:
    return (k % L).to_bytes(32, "little")


def is_valid(p: bytes) -> bool:
    return p == IDENTITY or (len(p) == 32 and sodium.crypto_core_ed25519_is_valid_point(p))


def point(data: bytes | str) -> bytes:
    """A point from bytes or hex, checked to be in the prime-order subgroup."""
    try:
        p = bytes.fromhex(data) if isinstance(data, str) else bytes(data)
    except ValueError as exc:
        raise InvalidPoint("not hex") from exc
    if not is_valid(p):
        raise InvalidPoint(p.hex())
    return p


def scalar(value: int | str) -> int:
    k = int(value, 16) if isinstance(value, str) else value
    if not 0 <= k < L:
        raise ValueError("scalar out of range")
    return k


def mul(p: bytes, k: int) -> bytes:
    k %= L
    if k == 0 or p == IDENTITY:
        return IDENTITY
    try:
        return sodium.crypto_scalarmult_ed25519_noclamp(_s(k), p)
    except SodiumError as exc:
        raise InvalidPoint(p.hex()) from exc


def base(k: int) -> bytes:
    k %= L
    return IDENTITY if k == 0 else sodium.crypto_scalarmult_ed25519_base_noclamp(_s(k))


def add(p: bytes, q: bytes) -> bytes:
    if p == IDENTITY:
        return q
    if q == IDENTITY:
        return p
    return sodium.crypto_core_ed25519_add(p, q)


def sub(p: bytes, q: bytes) -> bytes:
    if q == IDENTITY:
        return p
    if p == q:
        return IDENTITY
    return sodium.crypto_core_ed25519_sub(p, q)


def mul_sum(terms: Sequence[tuple[bytes, int]], *, use_native: bool | None = None) -> bytes:
    """k1·P1 + k2·P2 + … (at most 4 terms), for checking proofs.

    Every P must already be a checked point (`point()`, or computed from checked points):
    the native path (one pass of doublings for all terms) does not check them again, the
    reference path (libsodium, one call per operation) does.
    """
    if use_native is None:
        use_native = native is not None
    if use_native:
        return native.multi_mul(b"".join(p for p, _ in terms),
                                b"".join(_s(k) for _, k in terms))
    acc = IDENTITY
    for p, k in terms:
        acc = add(acc, base(k) if p == G else mul(p, k))
    return acc


def random_scalar() -> int:
    """Uniform in [1, L): 64 random bytes reduced mod L (bias below 2^-250)."""
    while True:
        k = int.from_bytes(secrets.token_bytes(64), "little") % L
        if k:
            return k


def hash_to_scalar(*parts: bytes | str | int) -> int:
    """Fiat-Shamir: SHA-512 over length-prefixed parts, reduced mod L."""
    h = hashlib.sha512(b"miraflores-elections/v1")
    for part in parts:
        if isinstance(part, int):
            part = part.to_bytes(32, "little")
        elif isinstance(part, str):
            part = part.encode()
        h.update(len(part).to_bytes(4, "big"))
        h.update(part)
    return int.from_bytes(h.digest(), "little") % L


def lagrange_at_zero(index: int, indices: list[int]) -> int:
    """λ_i = Π_{j≠i} j / (j − i) mod L: the weight of share i in f(0)."""
    num, den = 1, 1
    for j in indices:
        if j != index:
            num = num * j % L
            den = den * (j - index) % L
    return num * pow(den, -1, L) % L
