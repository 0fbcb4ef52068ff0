"""After the close: the encrypted sums per zone, the trustees' partial decryptions (checked
one by one), their combination once t have arrived, the ranking, the actas, the record."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from election_crypto import elgamal, group, proofs, tally, threshold
from election_crypto.elgamal import Ciphertext
from server.audit import service as audit
from server.documents import service as documents
from server.documents.service import DocumentLine
from server.elections import setup
from server.elections.keys import signing_key
from server.elections.models import BoardEntry, Election, PartialDecryption
from server.elections.schemas import ElectedOut, PartialIn, ResultsOut, ZoneResult, ZoneSums
from server.errors import Problem
from server.identity import service as identity
from server.kernel.text import Text
from server.sites import service as sites
from server.timeutil import utcnow

NOT_PUBLISHED = Problem(409, "results_not_published",
                        "Los resultados se publican cuando termina el escrutinio.",
                        "Results are published when the tally is complete.")


def _board(db: Session, election: Election) -> list[dict]:
    return [e for (e,) in db.execute(select(BoardEntry.entry).where(
        BoardEntry.election_id == election.id).order_by(BoardEntry.position))]


def _context(election: Election, zone: int, candidate: int) -> str:
    return f"{election.base_hash}|zone:{zone}|tally:{candidate}"


def zone_sums(*, db: Session, election: Election) -> list[ZoneSums]:
    """The encrypted totals per zone: computed once (the board is frozen after the close).

    Only the counted ballots' zone and choices are read, streamed in one pass (never the whole
    board in memory); `counted` marks each voter's last cast ballot, as `tally.counted` finds
    it on the public record.
    """
    setup.require_phase(election, "closed", "tallied")
    if election.sums is None:
        rows = db.execute(
            select(BoardEntry.zone, BoardEntry.entry[("ballot", "choices")].as_string())
            .where(BoardEntry.election_id == election.id, BoardEntry.counted,
                   BoardEntry.kind == "cast")
            .execution_options(yield_per=2000))
        totals = tally.sums_by_zone(((zone, choices) for zone, choices in rows),
                                    {z["zone"]: len(z["candidates"])
                                     for z in election.manifest["zones"]})
        election.sums = [{"zone": z, "ballots": count, "sums": [s.to_json() for s in sums]}
                         for z, (count, sums) in totals.items()]
        db.flush()
    return [ZoneSums(**z) for z in election.sums]


def submit_partial(*, db: Session, by: audit.Actor, election_id: int, data: PartialIn,
                   acta_device: sites.DeviceRef) -> Election:
    """Check a trustee's partial decryption of every zone; combine when t have arrived."""
    election = setup.get(db=db, election_id=election_id, lock=True)
    setup.require_phase(election, "closed")
    trustee = next((t for t in election.key["trustees"] if t["index"] == data.trustee), None)
    if trustee is None:
        raise Problem(404, "trustee_not_found", "No existe ese custodio.", "No such trustee.")
    if db.scalar(select(PartialDecryption.id).where(
            PartialDecryption.election_id == election.id,
            PartialDecryption.trustee == data.trustee)):
        raise Problem(409, "partial_exists", "Ese custodio ya entregó su descifrado.",
                      "That trustee has already submitted a decryption.")
    sums = {z.zone: [Ciphertext.from_json(s) for s in z.sums]
            for z in zone_sums(db=db, election=election)}
    vkey = group.point(trustee["verification_key"])
    given = {z.get("zone"): z for z in data.zones if isinstance(z, dict)}
    bad = Problem(422, "partial_invalid",
                  "El descifrado del custodio no es válido (¿archivo de otra elección o "
                  "clave equivocada?): no se registró.", "The trustee's decryption is not "
                  "valid (a file of another election, or the wrong key?): not recorded.")
    if set(given) != set(sums):
        raise bad
    for zone, zone_sums_ in sums.items():
        shares, proofs_ = given[zone].get("shares", []), given[zone].get("proofs", [])
        if len(shares) != len(zone_sums_) or len(proofs_) != len(zone_sums_):
            raise bad
        for c, (s, d, proof) in enumerate(zip(zone_sums_, shares, proofs_, strict=True)):
            try:
                ok = proofs.verify_equal_logs(vkey, s.alpha, group.point(d), proof,
                                                        _context(election, zone, c))
            except group.InvalidPoint:
                ok = False
            if not ok:
                raise bad
    db.add(PartialDecryption(election_id=election.id, trustee=data.trustee,
                             zones=[given[z] for z in sorted(given)], submitted_at=utcnow()))
    db.flush()
    audit.record(db=db, by=by, action="election.tally.partial", target=f"election:{election.id}",
                 details={"trustee": data.trustee})
    partials = list(db.execute(select(PartialDecryption).where(
        PartialDecryption.election_id == election.id)).scalars())
    if len(partials) >= election.threshold:
        _combine(db, by, election, sums, partials, acta_device)
    return election


def _combine(db: Session, by: audit.Actor, election: Election, sums: dict, partials: list,
             acta_device: sites.DeviceRef) -> None:
    per_zone = {z["zone"]: z["ballots"] for z in election.sums}
    dlog = elgamal.DiscreteLog(max(per_zone.values(), default=0))
    results = []
    for zone in election.manifest["zones"]:
        z = zone["zone"]
        shares = {p.trustee: next(x for x in p.zones if x["zone"] == z) for p in partials}
        counts = []
        for c, s in enumerate(sums[z]):
            g_m = threshold.combine(s.beta, {i: group.point(x["shares"][c])
                                             for i, x in shares.items()})
            counts.append(dlog(g_m))
        if any(n is None for n in counts):  # cannot happen with valid proofs
            raise Problem(500, "tally_failed", "El escrutinio no cuadra.", "The tally fails.")
        ranking = tally.rank(zone["candidates"], counts, tie_rule=election.tie_rule,
                             seed=election.head_hash or election.base_hash, zone=z)
        results.append({
            "zone": z, "ballots": per_zone[z],
            "sums": [s.to_json() for s in sums[z]],
            "partials": [{"trustee": i, "shares": x["shares"], "proofs": x["proofs"]}
                         for i, x in sorted(shares.items())],
            "counts": counts, "ranking": ranking,
            "elected": tally.elect(ranking, zone["delegates"], zone["alternates"])})
        if any(row["tied"] for row in ranking):
            audit.record(db=db, by=by, action="election.tally.tie_break",
                         target=f"election:{election.id}",
                         details={"zone": z, "rule": election.tie_rule,
                                  "seed": election.head_hash, "order": [
                                      r["candidate"] for r in ranking if r["tied"]]})
    for result in results:
        result["acta"] = _acta(db, by, election, result, acta_device).code
    election.tally = results
    election.phase = "tallied"
    audit.record(db=db, by=by, action="election.phase.tallied", target=f"election:{election.id}")


def _names(election: Election, zone: int) -> dict[str, dict]:
    spec = next(z for z in election.manifest["zones"] if z["zone"] == zone)
    return {c["id"]: c for c in spec["candidates"]}


def _seat(seat: str) -> tuple[str, str]:
    kind, n = seat.split(":")
    return (f"Delegado {n}", f"Delegate {n}") if kind == "delegate" else (
        f"Suplente {n}", f"Alternate {n}")


def _acta(db: Session, by: audit.Actor, election: Election, result: dict,
          device: sites.DeviceRef) -> documents.IssuedDocument:
    """Acta de escrutinio of one zone: a numbered, verifiable document."""
    names = _names(election, result["zone"])
    on_roll = next(z["count"] for z in election.roll if z["zone"] == result["zone"])
    lines = [DocumentLine(label=Text(es="Elección", en="Election"),
                                    value=election.name),
             DocumentLine(label=Text(es="Zona", en="Zone"),
                                    value=str(result["zone"])),
             DocumentLine(label=Text(es="Electores en padrón",
                                                         en="Voters on the roll"),
                                    value=str(on_roll)),
             DocumentLine(label=Text(es="Votos contados",
                                                         en="Ballots counted"),
                                    value=str(result["ballots"]))]
    for row in result["ranking"]:
        c = names[row["candidate"]]
        lines.append(DocumentLine(
            label=Text(es=f"{c['list_number']:>2}. {c['name']}",
                                 en=f"{c['list_number']:>2}. {c['name']}"),
            value=str(row["votes"])))
    for e in result["elected"]:
        es, en = _seat(e["seat"])
        lines.append(DocumentLine(label=Text(es=es, en=en),
                                            value=names[e["candidate"]]["name"]))
    lines.append(DocumentLine(label=Text(es="Tablero (hash)",
                                                             en="Board (hash)"),
                                        value=(election.head_hash or "")[:16]))
    return documents.issue(db=db, by=by, device=device, kind="election_acta", prefix="AE",
                           title=Text(es=f"Acta de escrutinio - Zona {result['zone']}",
                                                en=f"Tally sheet - Zone {result['zone']}"),
                           lines=lines, resident=None)


def results(*, db: Session, election_id: int) -> ResultsOut:
    election = setup.get(db=db, election_id=election_id)
    if election.phase != "tallied":
        raise NOT_PUBLISHED
    zone_names = identity.zone_names(db=db)
    zones = []
    for result in election.tally:
        z, names = result["zone"], _names(election, result["zone"])
        zones.append(ZoneResult(
            zone=z, zone_name=zone_names.get(z, str(z)),
            on_roll=next(r["count"] for r in election.roll if r["zone"] == z),
            ballots=result["ballots"],
            candidates=[{"name": names[r["candidate"]]["name"],
                         "list_number": names[r["candidate"]]["list_number"],
                         "votes": r["votes"]} for r in result["ranking"]],
            elected=[ElectedOut(candidate=names[e["candidate"]]["name"],
                                list_number=names[e["candidate"]]["list_number"],
                                seat=e["seat"], votes=e["votes"]) for e in result["elected"]],
            acta_code=result.get("acta")))
    return ResultsOut(election_id=election.id, name=election.name, phase=election.phase,
                      zones=zones)


def record(*, db: Session, election_id: int, data_dir) -> dict:
    """The complete public record: what `kiosk-server election verify` checks."""
    election = setup.get(db=db, election_id=election_id)
    if election.phase != "tallied":
        raise NOT_PUBLISHED
    key = signing_key(data_dir)
    return {
        "format": "miraflores-election-record/1",
        "manifest": election.manifest, "base_hash": election.base_hash,
        "board": _board(db, election),
        "head": {"election": election.base_hash, "position": election.head_position,
                 "hash": election.head_hash or election.base_hash,
                 "signature": election.head_signature or "",
                 "server_key": key.verify_key.encode().hex()},
        "tally": [{k: v for k, v in r.items() if k not in ("ranking", "acta")}
                  for r in election.tally],
    }
