"""What counts and who is elected, computed the same way by the server and the verifier."""

import binascii
import hashlib
import json
import os
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor

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


try:  # the native loop (election_crypto/_ed25519sum.c), built by `make install`
    from election_crypto import _ed25519sum as native
except ImportError:  # pragma: no cover - a checkout not yet installed
    native = None

_BATCH = 512  # ballots of one zone added per native call
_NOT_HEX = b'[]", '


def sums_by_zone(rows: Iterable[tuple[int, str | list]], candidates: dict[int, int], *,
                 use_native: bool | None = None) -> dict[int, tuple[int, list[Ciphertext]]]:
    """One pass over the counted ballots' (zone, choices): per zone of `candidates` (zone ->
    number of candidates), the number of ballots and the encrypted sum per candidate.

    `choices` is a ballot's list of ciphertexts, or that list as JSON text (as the database
    gives it). Points are not checked again: the board checked each one when its ballot was
    cast (the public verifier checks them on its own). The native loop decodes each point once
    and encodes each sum once, on every core; the pure-Python loop (libsodium's addition, one
    call per point) is the reference it is tested against. Zones not in `candidates` are
    ignored.
    """
    if use_native is None:
        use_native = native is not None
    if use_native:
        return _sums_native(rows, candidates)
    totals = {z: (0, [elgamal.ZERO] * n) for z, n in candidates.items()}
    for zone, choices in rows:
        if zone not in totals:
            continue
        count, sums = totals[zone]
        if isinstance(choices, str):
            choices = json.loads(choices)
        if len(choices) != len(sums):
            raise ValueError(f"a ballot of zone {zone} has {len(choices)} choices")
        for i, (alpha, beta) in enumerate(choices):
            sums[i] = sums[i] + Ciphertext(bytes.fromhex(alpha), bytes.fromhex(beta))
        totals[zone] = (count + 1, sums)
    return totals


def _hex_digits(choices: str | list, candidates: int) -> bytes:
    """alpha, beta of each candidate in turn, as one string of hex digits."""
    if isinstance(choices, str):
        digits = choices.encode().translate(None, _NOT_HEX)
    else:
        digits = "".join(p for pair in choices if len(pair) == 2 for p in pair).encode()
    if len(digits) != 128 * candidates:
        raise ValueError(f"a ballot has not {candidates} choices of two points")
    return digits


def _sums_native(rows: Iterable[tuple[int, str | list]], candidates: dict[int, int]
                 ) -> dict[int, tuple[int, list[Ciphertext]]]:
    acc = {z: native.new(2 * n) for z, n in candidates.items()}  # alpha, beta per candidate
    counts = dict.fromkeys(candidates, 0)
    pending: dict[int, list[bytes]] = {z: [] for z in candidates}
    adding: dict[int, Future] = {}  # one batch per zone at a time, zones side by side

    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        def flush(zone: int) -> None:
            if pending[zone]:
                data = binascii.unhexlify(b"".join(pending[zone]))
                pending[zone] = []
                if zone in adding:
                    adding[zone].result()
                adding[zone] = pool.submit(native.add, acc[zone], data)

        for zone, choices in rows:
            hexes = pending.get(zone)
            if hexes is None:
                continue
            hexes.append(_hex_digits(choices, candidates[zone]))
            counts[zone] += 1
            if len(hexes) >= _BATCH:
                flush(zone)
        for zone in candidates:
            flush(zone)
        for future in adding.values():
            future.result()
    totals = {}
    for zone in candidates:
        points = native.encode(acc[zone])
        totals[zone] = (counts[zone], [Ciphertext(points[i], points[i + 1])
                                       for i in range(0, len(points), 2)])
    return totals


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
