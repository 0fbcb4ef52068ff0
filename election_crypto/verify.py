"""Check a published election record from the record alone.

`verify(record)` returns the problems found, each as (Spanish, English); none means the
record is consistent: key, roll commitments, every board entry and proof, the chain and
its signed head, spoiled and superseded ballots, the tally, the decryptions and the
declared delegates.
"""

from election_crypto import ballot as ballots
from election_crypto import board, canonical, group, proofs, tally, threshold

Problem = tuple[str, str]


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


def _board_problems(record: dict, zones: dict[int, dict]) -> list[Problem]:
    manifest, base_hash = record["manifest"], record["base_hash"]
    pk = group.point(manifest["key"]["public_key"])
    out: list[Problem] = []
    prev, trackers = base_hash, set()
    for n, entry in enumerate(record["board"], start=1):
        where = f"#{n}"
        if entry.get("position") != n or entry.get("prev") != prev:
            out.append((f"cadena rota en {where}", f"broken chain at {where}"))
        if board.entry_hash(entry) != entry.get("hash"):
            out.append((f"hash alterado en {where}", f"altered hash at {where}"))
        prev = entry.get("hash")
        b, zone = entry.get("ballot", {}), entry.get("zone")
        if zone not in zones:
            out.append((f"zona desconocida en {where}", f"unknown zone at {where}"))
            continue
        if ballots.tracker(b) != entry.get("tracker") or entry["tracker"] in trackers:
            out.append((f"código de seguimiento inválido en {where}",
                        f"invalid tracker at {where}"))
        trackers.add(entry.get("tracker"))
        style = ballots.Style(base_hash, pk, zone, len(zones[zone]["candidates"]),
                              manifest["max_choices"], b.get("nonce", ""))
        reason = ballots.check(style, b)
        if reason:
            out.append((f"voto inválido en {where}: {reason}",
                        f"invalid ballot at {where}: {reason}"))
        kind = entry.get("kind")
        if kind == "spoiled" and not ballots.check_reveal(pk, b, entry.get("reveal", {})):
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
    counted = tally.counted(record["board"])
    out: list[Problem] = []
    results = {r["zone"]: r for r in record["tally"]}
    if set(results) != set(zones):
        return [("faltan zonas en el escrutinio", "zones missing from the tally")]
    for zone, spec in zones.items():
        result, n = results[zone], len(spec["candidates"])
        sums = tally.zone_sums(counted, zone, n)
        ballots_in_zone = sum(1 for e in counted if e["zone"] == zone)
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


def verify(record: dict) -> list[Problem]:
    try:
        manifest = record["manifest"]
        if canonical.digest(manifest) != record["base_hash"]:
            return [("el manifiesto no corresponde a su hash", "the manifest does not match "
                     "its hash")]
        zones = {z["zone"]: z for z in manifest["zones"]}
        problems = _key_problems(manifest) + _board_problems(record, zones)
        if record.get("tally") is not None:
            problems += _tally_problems(record, zones)
        return problems
    except (KeyError, TypeError, ValueError, group.InvalidPoint, AttributeError) as exc:
        return [(f"registro mal formado: {exc!r}", f"malformed record: {exc!r}")]


