"""An honest election of a few hundred voters (with checked ballots and re-votes) verifies
from its record alone, its counts equal the choices kept aside, and any single altered
byte of the record makes the verifier fail."""

import copy
import json
import random
from collections import Counter

from sqlalchemy import select

from election_crypto.verify import verify
from kiosk.api import voting as kiosk_voting
from kiosk.api.elections import BallotStyle
from server.audit.service import Actor
from server.cli import main as server_cli
from server.elections import voting
from server.elections.models import RollEntry
from tests.elections import rig

ZONES = (1, 2, 3)


def _flip(hex_text: str, at: int = 5) -> str:
    return hex_text[:at] + ("0" if hex_text[at] != "0" else "1") + hex_text[at + 1:]


def _cast_many(database, settings, election_id: int, rng: random.Random):
    """Every voter on the roll votes (some check a ballot first, some vote twice)."""
    expected: dict[int, Counter] = {z: Counter() for z in ZONES}
    with database.sessionmaker() as db:
        roll = db.execute(select(RollEntry.resident_id, RollEntry.zone).where(
            RollEntry.election_id == election_id)).all()
    session_id = 0
    for resident_id, zone in roll:
        last = None
        for attempt in range(2 if rng.random() < 0.15 else 1):
            session_id += 1
            with database.sessionmaker() as db:
                style = BallotStyle.model_validate(voting.ballot_style(
                    db=db, election_id=election_id, resident_id=resident_id,
                    session_id=session_id, base_url="http://kiosk.test").model_dump())
                chosen = set(rng.sample([c.id for c in style.candidates], rng.choice([0, 1, 1, 2])))
                enc = kiosk_voting.encrypt(style, chosen)
                by = Actor(f"resident:{resident_id}")
                if attempt == 0 and rng.random() < 0.1:
                    voting.spoil(db=db, by=by, election_id=election_id, resident_id=resident_id,
                                 session_id=session_id, ballot=enc.ballot, reveal=enc.reveal(),
                                 data_dir=settings.data_dir, base_url="http://kiosk.test")
                    enc = kiosk_voting.encrypt(style, chosen)
                voting.cast(db=db, by=by, election_id=election_id, resident_id=resident_id,
                            session_id=session_id, ballot=enc.ballot,
                            data_dir=settings.data_dir, base_url="http://kiosk.test")
                db.commit()
                last = {c.list_number for c in style.candidates if c.id in chosen}
        expected[zone].update(last)
    return expected, len(roll)


async def test_an_honest_election_verifies_and_any_altered_byte_fails(
        make_client, database, settings, tmp_path):
    officer = await rig.officer(make_client)
    running = await rig.to_voting(officer, database, tmp_path, zones=ZONES, candidates=3,
                                  max_choices=2, tie_rule="draw", voters=70)
    expected, voters = _cast_many(database, settings, running.id, random.Random(7))
    assert voters >= 3 * 70
    await rig.close(officer, database, running.id)
    await rig.tally(officer, running, [2, 4, 5])
    record = (await officer.elections.record(running.id)).raw
    assert verify(record) == []
    assert verify(record, workers=2) == []  # the board split among processes
    results = await officer.elections.results(running.id)
    for zone in results.zones:
        got = {c["list_number"]: c["votes"] for c in zone.candidates}
        assert got == {n: expected[zone.zone][n] for n in (1, 2, 3)}
        assert zone.ballots == zone.on_roll  # everyone on the roll voted, once counted
    kinds = Counter(e["kind"] for e in record["board"])
    assert kinds["spoiled"] > 5 and kinds["cast"] > voters  # checks and re-votes happened
    assert all(set(e) >= {"voter", "ballot"} for e in record["board"] if e["kind"] == "cast")

    path = tmp_path / "record.json"
    path.write_text(json.dumps(record))
    assert server_cli(["election", "verify", str(path)]) == 0

    cast = next(e for e in record["board"] if e["kind"] == "cast")
    spoiled = next(e for e in record["board"] if e["kind"] == "spoiled")
    alterations = {
        "ciphertext": lambda r: cast["ballot"]["choices"][0].__setitem__(
            1, _flip(cast["ballot"]["choices"][0][1])),
        "point off the curve": lambda r: cast["ballot"]["choices"][0].__setitem__(
            1, "02" + "00" * 31),
        "choice proof": lambda r: cast["ballot"]["proofs"][1]["z"].__setitem__(
            0, _flip(cast["ballot"]["proofs"][1]["z"][0], 60)),
        "proof commitment": lambda r: cast["ballot"]["total_proof"]["t"].__setitem__(
            1, _flip(cast["ballot"]["total_proof"]["t"][1], 70)),
        "board link": lambda r: cast.__setitem__("prev", _flip(cast["prev"])),
        "spoiled reveal": lambda r: spoiled["reveal"]["selections"].__setitem__(
            0, 1 - spoiled["reveal"]["selections"][0]),
        "partial decryption": lambda r: r["tally"][0]["partials"][1]["shares"].__setitem__(
            0, _flip(r["tally"][0]["partials"][1]["shares"][0], 2)),
        "declared count": lambda r: r["tally"][1]["counts"].__setitem__(
            0, r["tally"][1]["counts"][0] + 1),
        "elected": lambda r: r["tally"][2]["elected"].reverse(),
        "head signature": lambda r: r["head"].__setitem__("signature",
                                                          _flip(r["head"]["signature"])),
        "manifest": lambda r: r["manifest"]["zones"][0]["candidates"][0].__setitem__(
            "name", "Otro"),
    }
    for what, alter in alterations.items():
        original = copy.deepcopy(record)
        cast = next(e for e in record["board"] if e["kind"] == "cast")
        spoiled = next(e for e in record["board"] if e["kind"] == "spoiled")
        alter(record)
        problems = verify(record, workers=1)
        assert problems, f"altering the {what} went unnoticed"
        if what in ("ciphertext", "point off the curve", "choice proof", "proof commitment"):
            where = f"#{cast['position']}"  # named, alone, though checked in a batch
            assert any(where in en and "invalid ballot" in en for _, en in problems), problems
            assert all(f"{where}:" in en for _, en in problems if "invalid ballot at" in en)
            assert verify(record, workers=2) == problems
        if what == "declared count":
            path.write_text(json.dumps(record))
            assert server_cli(["election", "verify", str(path)]) == 1
        record = original
