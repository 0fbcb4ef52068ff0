"""Exponential ElGamal: Enc(m; r) = (g^r, g^m · h^r). Adding ciphertexts adds the messages,
so the sum of the ballots of a zone encrypts each candidate's count."""

from dataclasses import dataclass

from election_crypto import group


@dataclass(frozen=True)
class Ciphertext:
    alpha: bytes  # g^r
    beta: bytes  # g^m · h^r

    def __add__(self, other: "Ciphertext") -> "Ciphertext":
        return Ciphertext(group.add(self.alpha, other.alpha), group.add(self.beta, other.beta))

    def to_json(self) -> list[str]:
        return [self.alpha.hex(), self.beta.hex()]

    @classmethod
    def from_json(cls, data: list[str]) -> "Ciphertext":
        if not isinstance(data, list) or len(data) != 2:
            raise group.InvalidPoint("a ciphertext is two points")
        return cls(group.point(data[0]), group.point(data[1]))


ZERO = Ciphertext(group.IDENTITY, group.IDENTITY)


def encrypt(public_key: bytes, m: int, r: int) -> Ciphertext:
    return Ciphertext(group.base(r), group.add(group.base(m), group.mul(public_key, r)))


def total(ciphertexts) -> Ciphertext:
    acc = ZERO
    for c in ciphertexts:
        acc = acc + c
    return acc


class DiscreteLog:
    """g^m -> m for 0 <= m <= bound, by a table built with one addition per entry."""

    def __init__(self, bound: int) -> None:
        self.bound = bound
        self.table: dict[bytes, int] = {}
        p = group.IDENTITY
        for m in range(bound + 1):
            self.table[p] = m
            p = group.add(p, group.G)

    def __call__(self, p: bytes) -> int | None:
        return self.table.get(p)
