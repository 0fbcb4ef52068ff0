"""What counts and who is elected, computed the same way by the server and the verifier."""

import hashlib

from election_crypto import elgamal
from election_crypto.elgamal import Ciphertext


def counted(board: list[dict]) -> list[dict]:
    """Cast entries that are each voter's last; spoiled and superseded ones do not count."""
    last: dict[str, dict] = {}
    for entry in board:
        if entry["kind"] == "cast":
            last[entry["voter"]] = entry
    return sorted(last.values(), key=lambda e: e["position"])


def zone_sums(entries: list[dict], zone: int, candidates: int) -> list[Ciphertext]:
    sums = [elgamal.ZERO] * candidates
    for entry in entries:
        if entry["zone"] == zone:
            for i, c in enumerate(entry["ballot"]["choices"]):
                sums[i] = sums[i] + Ciphertext.from_json(c)
    return sums


def rank(candidates: list[dict], counts: list[int], *, tie_rule: str, seed: str,
         zone: int) -> list[dict]:
    """Candidates by votes; ties by list number or by a public draw seeded with the signed
    board head (anyone can redo it), so the order is fixed before anyone sees the counts."""
    def tie_key(index: int):
        c = candidates[index]
        if tie_rule == "draw":
            return hashlib.sha256(f"{seed}|{zone}|{c['id']}".encode()).hexdigest()
        return f"{c['list_number']:06d}"
    order = sorted(range(len(candidates)), key=lambda i: (-counts[i], tie_key(i)))
    return [{"candidate": candidates[i]["id"], "votes": counts[i],
             "tied": sum(1 for j in range(len(counts)) if counts[j] == counts[i]) > 1}
            for i in order]


def elect(ranking: list[dict], delegates: int, alternates: int) -> list[dict]:
    """Delegates first, then alternates, among candidates with at least one vote."""
    elected = []
    for row in ranking:
        if row["votes"] == 0 or len(elected) == delegates + alternates:
            break
        n = len(elected) + 1
        seat = f"delegate:{n}" if n <= delegates else f"alternate:{n - delegates}"
        elected.append({"candidate": row["candidate"], "seat": seat, "votes": row["votes"]})
    return elected
