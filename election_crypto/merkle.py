"""A Merkle tree over the roll (padrón): leaves and nodes domain-separated (RFC 6962 style),
so a resident can check their own inclusion against the published root."""

import hashlib


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def root(leaves: list[bytes]) -> bytes:
    if not leaves:
        return hashlib.sha256(b"").digest()
    level = [leaf_hash(x) for x in leaves]
    while len(level) > 1:
        level = [_node(level[i], level[i + 1]) if i + 1 < len(level) else level[i]
                 for i in range(0, len(level), 2)]
    return level[0]


def proof(leaves: list[bytes], index: int) -> list[tuple[str, str]]:
    """Sibling hashes from the leaf up, each with its side ("L" or "R")."""
    level, path = [leaf_hash(x) for x in leaves], []
    while len(level) > 1:
        sibling = index ^ 1
        if sibling < len(level):
            path.append(("L" if sibling < index else "R", level[sibling].hex()))
        level = [_node(level[i], level[i + 1]) if i + 1 < len(level) else level[i]
                 for i in range(0, len(level), 2)]
        index //= 2
    return path


def check(leaf: bytes, path: list[tuple[str, str]], expected_root: bytes) -> bool:
    h = leaf_hash(leaf)
    for side, sibling in path:
        h = _node(bytes.fromhex(sibling), h) if side == "L" else _node(h, bytes.fromhex(sibling))
    return h == expected_root
