"""Check a published election record from the record alone.

`verify(record)` returns the problems found, each as (Spanish, English); none means the
record is consistent: key, roll commitments, every board entry and proof, the chain and
its signed head, spoiled and superseded ballots, the tally, the decryptions and the
declared delegates.
"""

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from nacl.exceptions import RuntimeError as SodiumError

from election_crypto import ballot as ballots
from election_crypto import board, canonical, group, proofs, tally, threshold
from election_crypto.batch import RangeBatch

Problem = tuple[str, str]
_PARALLEL_FROM = 400  # board entries: below, one process
_CHUNK = 2000  # entries sent to a worker at a time
_BATCH = 250  # ballots whose proofs are checked at once (all again, one by one, if one fails)


def _key_problems(manifest: dict) -> list[Problem]:
    key = manifest["key"]
    out: list[Problem] = []
    commitments = [group.point(c) for c in key["commitments"]]
    if key["public_key"] != commitments[0].hex():
        out.append(("la clave pública no es el primer compromiso",
                    "the public key is not the first commitment"))
    if not proofs.verify_knowledge(commitments[0], key["proof"], f"key:{manifest['uid']}"):
        out.append(("prueba de la clave inválida", "invalid proof of the election key"))
    for trustee in key["trustees"]:
        if threshold.expected_verification_key(commitments, trustee["index"]).hex() != \
                trustee["verification_key"]:
            out.append((f"clave del custodio {trustee['index']} no corresponde",
                        f"trustee {trustee['index']}'s key does not match the commitments"))
    if not 1 <= key["threshold"] == len(commitments) <= len(key["trustees"]):
        out.append(("umbral inconsistente", "inconsistent threshold"))
    return out


def _check_entries(base_hash: str, public_key: str, candidates: dict[int, int],
                   max_choices: int, batched_proofs: bool, entries: list[dict]) -> list[tuple]:
    """The costly part of the board check, for a slice of the board (run in a worker):
    per entry its recomputed hash, its ballot's tracker, why its ballot is invalid (None when
    every proof holds) and whether a spoiled ballot matches its reveal.

    With `batched_proofs`, the proofs of every _BATCH ballots are checked at once
    (`batch.RangeBatch`); when a batch fails, its ballots are checked one by one, which names
    the bad ones. Without, every proof is checked on its own (the reference)."""
    pk = group.point(public_key)
    out: list[tuple] = []
    batch, batched = RangeBatch(), []  # the ballots whose proofs wait in the batch

    def settle() -> None:
        nonlocal batch
        if not batch.holds():
            for n, style, b in batched:
                out[n] = (out[n][0], out[n][1], ballots.check(style, b), out[n][3])
        batch = RangeBatch()
        batched.clear()

    for entry in entries:
        b, zone = entry.get("ballot", {}), entry.get("zone")
        if zone not in candidates:
            out.append((board.entry_hash(entry), None, None, True))
            continue
        style = ballots.Style(base_hash, pk, zone, candidates[zone], max_choices,
                              b.get("nonce", ""))
        revealed = entry.get("kind") != "spoiled" or ballots.check_reveal(
            pk, b, entry.get("reveal", {}))
        reason = ballots.check(style, b, batch if batched_proofs else None)
        if reason is None:
            batched.append((len(out), style, b))
        out.append((board.entry_hash(entry), ballots.tracker(b), reason, revealed))
        if len(batched) >= _BATCH:
            settle()
    settle()
    return out


def _checked_entries(record: dict, zones: dict[int, dict], workers: int | None,
                     batched_proofs: bool) -> list[tuple]:
    """`_check_entries` over the whole board, on `workers` processes (all cores by default;
    one for a small board, where starting processes costs more than it saves)."""
    manifest, entries = record["manifest"], record["board"]
    args = (record["base_hash"], manifest["key"]["public_key"],
            {z: len(spec["candidates"]) for z, spec in zones.items()}, manifest["max_choices"],
            batched_proofs)
    if workers is None:
        workers = (os.cpu_count() or 1) if len(entries) >= _PARALLEL_FROM else 1
    if workers <= 1:
        return _check_entries(*args, entries)
    size = max(1, min(_CHUNK, -(-len(entries) // workers)))
    chunks = [entries[i:i + size] for i in range(0, len(entries), size)]
    # fork (nothing to import again) from a single-threaded process such as the command line;
    # spawn where other threads might hold a lock across the fork
    method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        results = pool.map(partial(_check_entries, *args), chunks)
        return [checked for chunk in results for checked in chunk]


def _board_problems(record: dict, zones: dict[int, dict], workers: int | None = None,
                    batched_proofs: bool = True) -> list[Problem]:
    base_hash = record["base_hash"]
    out: list[Problem] = []
    prev, trackers = base_hash, set()
    checked = _checked_entries(record, zones, workers, batched_proofs)
    for n, (entry, (digest, tracker, reason, revealed)) in enumerate(
            zip(record["board"], checked, strict=True), start=1):
        where = f"#{n}"
        if entry.get("position") != n or entry.get("prev") != prev:
            out.append((f"cadena rota en {where}", f"broken chain at {where}"))
        if digest != entry.get("hash"):
            out.append((f"hash alterado en {where}", f"altered hash at {where}"))
        prev = entry.get("hash")
        if entry.get("zone") not in zones:
            out.append((f"zona desconocida en {where}", f"unknown zone at {where}"))
            continue
        if tracker != entry.get("tracker") or entry["tracker"] in trackers:
            out.append((f"código de seguimiento inválido en {where}",
                        f"invalid tracker at {where}"))
        trackers.add(entry.get("tracker"))
        if reason:
            out.append((f"voto inválido en {where}: {reason}",
                        f"invalid ballot at {where}: {reason}"))
        kind = entry.get("kind")
        if not revealed:
            out.append((f"voto de verificación no corresponde en {where}",
                        f"spoiled ballot does not match its reveal at {where}"))
        if kind not in ("cast", "spoiled") or (kind == "cast") != bool(entry.get("voter")):
            out.append((f"entrada sin votante o tipo en {where}", f"bad entry kind at {where}"))
    head = record["head"]
    body = board.head(base_hash, len(record["board"]), prev)
    if {k: head.get(k) for k in body} != body:
        out.append(("la cabecera firmada no es el final del tablero",
                    "the signed head is not the end of the board"))
    if not board.check_head(head.get("server_key", ""), body, head.get("signature", "")):
        out.append(("firma de la cabecera inválida", "invalid head signature"))
    return out


def _tally_problems(record: dict, zones: dict[int, dict]) -> list[Problem]:
    manifest = record["manifest"]
    key = manifest["key"]
    vkeys = {t["index"]: group.point(t["verification_key"]) for t in key["trustees"]}
    out: list[Problem] = []
    results = {r["zone"]: r for r in record["tally"]}
    if set(results) != set(zones):
        return [("faltan zonas en el escrutinio", "zones missing from the tally")]
    # every point was checked with its ballot's proofs (_board_problems): summed unchecked
    try:
        totals = tally.sums_by_zone(((e["zone"], e["ballot"]["choices"])
                                     for e in tally.counted(record["board"])),
                                    {zone: len(spec["candidates"]) for zone, spec in zones.items()})
    except (ValueError, group.InvalidPoint, SodiumError):  # the board check named the ballot
        return [("los votos no se pueden sumar (un voto inválido)",
                 "the ballots cannot be summed (an invalid ballot)")]
    for zone, spec in zones.items():
        result, n = results[zone], len(spec["candidates"])
        ballots_in_zone, sums = totals[zone]
        if result["ballots"] != ballots_in_zone:
            out.append((f"zona {zone}: número de votos", f"zone {zone}: ballot count"))
        if [s.to_json() for s in sums] != result["sums"]:
            out.append((f"zona {zone}: suma cifrada", f"zone {zone}: encrypted sum"))
        partials: dict[int, list[bytes]] = {}
        for p in result["partials"]:
            i = p["trustee"]
            shares = [group.point(d) for d in p["shares"]]
            ok = i in vkeys and len(shares) == n and all(
                proofs.verify_equal_logs(vkeys[i], s.alpha, d, proof,
                                         f"{record['base_hash']}|zone:{zone}|tally:{c}")
                for c, (s, d, proof) in enumerate(zip(sums, shares, p["proofs"], strict=True)))
            if not ok:
                out.append((f"zona {zone}: descifrado parcial de {i} inválido",
                            f"zone {zone}: trustee {i}'s partial decryption is invalid"))
            partials[i] = shares
        if len(partials) < key["threshold"]:
            out.append((f"zona {zone}: faltan custodios", f"zone {zone}: too few trustees"))
            continue
        for c, s in enumerate(sums):
            combined = threshold.combine(s.beta, {i: d[c] for i, d in partials.items()})
            if group.base(result["counts"][c]) != combined:
                out.append((f"zona {zone}: conteo del candidato {c + 1} no corresponde",
                            f"zone {zone}: candidate {c + 1}'s count does not match"))
        ranking = tally.rank(spec["candidates"], result["counts"], tie_rule=manifest["tie_rule"],
                             seed=record["head"]["hash"], zone=zone)
        if tally.elect(ranking, spec["delegates"], spec["alternates"]) != result["elected"]:
            out.append((f"zona {zone}: electos declarados no corresponden",
                        f"zone {zone}: the declared delegates do not follow from the counts"))
    return out


def verify(record: dict, *, workers: int | None = None,
           batched_proofs: bool = True) -> list[Problem]:
    """`workers`: processes checking the board's ballots (all cores by default);
    `batched_proofs`: many ballots' proofs at once (False: each on its own, the reference)."""
    try:
        manifest = record["manifest"]
        if canonical.digest(manifest) != record["base_hash"]:
            return [("el manifiesto no corresponde a su hash", "the manifest does not match "
                     "its hash")]
        zones = {z["zone"]: z for z in manifest["zones"]}
        problems = _key_problems(manifest)
        problems += _board_problems(record, zones, workers, batched_proofs)
        if record.get("tally") is not None:
            problems += _tally_problems(record, zones)
        return problems
    except (KeyError, TypeError, ValueError, group.InvalidPoint, AttributeError) as exc:
        return [(f"registro mal formado: {exc!r}", f"malformed record: {exc!r}")]


