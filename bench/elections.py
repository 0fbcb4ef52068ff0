"""Elections: how close the protocol code is to the group operations it needs, ballots cast
per second through the API, and a full tally with three trustees.

1. Encrypting + proving a 10-candidate ballot (kiosk) and checking it (server): median time,
   and the ratio to the time of the raw libsodium operations it performs (counted by
   instrumenting the group module, each op timed in the same run).
2. Casting ballots through the API (kiosk client -> ASGI app -> proofs -> board, idempotency,
   audit) per second, against a bare insert of the same board rows. SQLite always;
   PostgreSQL when KIOSK_BENCH_DATABASE_URL is set (its schema is dropped!).
3. The tally of BALLOTS counted ballots across 14 zones (3 candidates each; real ballots with
   their proofs, about 2 KB a board entry, drawn from a pool, as the tally only adds them) with
   3 of 5 trustees: time and peak RSS; the sums before and now on 5,000 of them (baseline).
   With --million, 1,000,000 ballots too and the time ratio to BALLOTS.
`python -m bench.elections [CASTS] [BALLOTS] [--tally-only] [--million]`
"""

import asyncio
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import httpx
from sqlalchemy import delete, insert, select, text, update

from election_crypto import ballot as ballots
from election_crypto import group, tally
from kiosk.api.elections import BallotStyle, Election
from server.app import create_app
from server.audit.service import SYSTEM
from server.config import ServerSettings
from server.db import Database
from server.demo.seed import seed
from server.elections import tallying
from server.elections.demo import passphrase
from server.elections.models import BoardEntry
from server.elections.models import Election as ElectionRow
from server.migrate import upgrade
from server.timeutil import utcnow


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _count_ops(fn) -> dict[str, int]:
    counts = {"mul": 0, "base": 0, "add": 0, "sub": 0}
    originals = {name: getattr(group, name) for name in counts}

    def counting(name):
        def wrapper(*args):
            counts[name] += 1
            return originals[name](*args)
        return wrapper
    for name in counts:
        setattr(group, name, counting(name))
    try:
        fn()
    finally:
        for name, original in originals.items():
            setattr(group, name, original)
    return counts


def ballot_bench(runs: int = 30) -> None:
    pk = group.base(group.random_scalar())
    style = ballots.Style("ab" * 32, pk, 7, 10, 1, "nonce")
    selections = [0] * 10
    selections[3] = 1
    ballot, _ = ballots.encrypt(style, selections)
    enc = _median(lambda: ballots.encrypt(style, selections), runs)
    native, group.native = group.native, None  # libsodium, one call per operation
    try:
        chk = _median(lambda: ballots.check(style, ballot), runs)
        counts_check = _count_ops(lambda: ballots.check(style, ballot))
    finally:
        group.native = native
    fast = _median(lambda: ballots.check(style, ballot), runs)
    p, k = group.base(7), group.random_scalar()
    op = {"mul": _median(lambda: group.mul(p, k), 2000),
          "base": _median(lambda: group.base(k), 2000),
          "add": _median(lambda: group.add(p, p), 2000),
          "sub": _median(lambda: group.sub(p, pk), 2000)}
    for name, took, counts in (
            ("encrypt+prove", enc, _count_ops(lambda: ballots.encrypt(style, selections))),
            ("check", chk, counts_check)):
        raw = sum(op[n] * c for n, c in counts.items())
        print(f"{name:<14} 10 candidates: median {took * 1000:7.2f} ms; raw group ops "
              f"({counts['mul']} mul, {counts['base']} base, {counts['add'] + counts['sub']} "
              f"add/sub) {raw * 1000:7.2f} ms; ratio {took / raw:.2f}x")
    print(f"check native   10 candidates: median {fast * 1000:7.2f} ms (k1·P1 + k2·P2 + … in one "
          f"pass, each point checked once); {chk / fast:.1f}x faster than the libsodium path")


async def _cast(url: str, data_dir: Path, casts: int) -> tuple[float, float]:
    from devices.card.applet import IdApplet
    from devices.card.emulator import load_card
    from kiosk.api import ApiClient
    from tests.conftest import card_applet  # the applet over the in-process card

    settings = ServerSettings(database_url=url, data_dir=data_dir, demo=True)
    database = Database(url)
    app = create_app(settings, database)
    client = ApiClient("http://bench", transport=httpx.ASGITransport(app=app), retries=1)
    await client.devices.enroll(token="DEMO-MIRAFLORES", name="bench", kind="kiosk")
    applet: IdApplet = card_applet(load_card(data_dir / "demo-cards", "40123456"))
    applet.verify_pin("123456")
    import base64
    challenge = await client.auth.card_challenge()
    await client.auth.card_login(challenge_id=challenge.challenge_id,
                                 certificate=applet.read_certificate(),
                                 signature=applet.sign(base64.b64decode(challenge.to_sign)))
    eid = (await client.elections.all())[0].id
    style: BallotStyle = await client.elections.ballot_style(eid)
    spec = ballots.Style(style.base_hash, group.point(style.public_key), style.zone,
                         len(style.candidates), style.max_choices, style.nonce)
    prepared = [ballots.encrypt(spec, [1, 0, 0])[0] for _ in range(casts)]
    start = time.perf_counter()
    for n, b in enumerate(prepared):
        await client.elections.cast(eid, b, idempotency_key=f"bench-{n}")
    api = casts / (time.perf_counter() - start)
    with database.sessionmaker() as db:
        rows = [e for (e,) in db.execute(select(BoardEntry.entry).limit(casts))]
    start = time.perf_counter()
    for n, entry in enumerate(rows):  # bare: the row, the head, one transaction each
        with database.sessionmaker() as db:
            db.execute(insert(BoardEntry).values(
                election_id=eid, position=100000 + n, kind="cast", zone=7,
                tracker=f"BARE-{n}", voter_ref=f"bare-{n}", counted=True, hash=entry["hash"],
                entry=entry))
            db.execute(update(ElectionRow).where(ElectionRow.id == eid).values(
                head_position=100000 + n))
            db.commit()
    bare = casts / (time.perf_counter() - start)
    await client.aclose()
    database.dispose()
    return api, bare


def cast_bench(casts: int) -> None:
    targets = [("SQLite", None)]
    if os.environ.get("KIOSK_BENCH_DATABASE_URL"):
        targets.append(("PostgreSQL", os.environ["KIOSK_BENCH_DATABASE_URL"]))
    for name, url in targets:
        with tempfile.TemporaryDirectory() as tmp:
            data_dir = Path(tmp)
            url = url or f"sqlite:///{data_dir / 'bench.db'}"
            if url.startswith("postgresql"):
                database = Database(url)
                with database.engine.begin() as conn:
                    conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
                database.dispose()
            upgrade(url)
            database = Database(url)
            with database.sessionmaker() as db:
                seed(db=db, data_dir=data_dir)
            database.dispose()
            api, bare = asyncio.run(_cast(url, data_dir, casts))
            print(f"cast via API   {name:<10} {casts} ballots: {api:7.1f}/s; bare board insert "
                  f"{bare:7.1f}/s; ratio {bare / api:.1f}x")


def _board_db(data_dir: Path, count: int) -> tuple[Database, int]:
    """A closed election whose board holds `count` counted ballots of real size (each a real
    3-candidate ballot with its proofs, drawn from a pool: the tally only adds them)."""
    url = f"sqlite:///{data_dir / 'tally.db'}"
    upgrade(url)
    database = Database(url)
    with database.sessionmaker() as db:
        seed(db=db, data_dir=data_dir)
        election = db.execute(select(ElectionRow)).scalar_one()
        pk = group.point(election.key["public_key"])
        pool = []
        for n in range(400):
            votes = [0, 0, 0]
            votes[n % 3] = 1
            style = ballots.Style(election.base_hash, pk, n % 14 + 1, 3, 1, f"nonce-{n}")
            pool.append(ballots.encrypt(style, votes)[0])
        rng = random.Random(1)
        batch = []
        for n in range(count):
            zone = n % 14 + 1
            batch.append({"election_id": election.id, "position": n + 1, "kind": "cast",
                          "zone": zone, "tracker": f"T{n}", "voter_ref": f"v{n}",
                          "counted": True, "hash": f"{n:064x}", "entry": {
                              "position": n + 1, "kind": "cast", "zone": zone,
                              "tracker": f"T{n}", "voter": f"v{n}", "prev": f"{n:064x}",
                              "hash": f"{n + 1:064x}", "ballot": rng.choice(pool)}})
            if len(batch) == 5000:
                db.execute(insert(BoardEntry), batch)
                batch = []
        if batch:
            db.execute(insert(BoardEntry), batch)
        election.phase = "closed"
        election.voting_closes_at = utcnow() - timedelta(seconds=1)
        db.commit()
        return database, election.id


def _old_sums(*, db, election) -> None:
    """The tally's sums as they were: the whole board loaded, each point re-checked, one
    libsodium call per addition, one scan per zone (the same-run baseline)."""
    board = [e for (e,) in db.execute(select(BoardEntry.entry).where(
        BoardEntry.election_id == election.id).order_by(BoardEntry.position))]
    counted = tally.counted(board)
    for z in election.manifest["zones"]:
        tally.zone_sums(counted, z["zone"], len(z["candidates"]))


def tally_bench(count: int, baseline: int = 5_000) -> float:
    """The tally of `count` ballots; returns the seconds it took."""
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        database, eid = _board_db(data_dir, count)
        from kiosk.api.voting import partial_decryption
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start, cpu = time.perf_counter(), time.process_time()
        with database.sessionmaker() as db:
            election = db.get(ElectionRow, eid)
            sums = tallying.zone_sums(db=db, election=election)
            db.commit()  # as the tally-input route does: the sums are computed once
            kiosk_view = Election.model_validate({
                **{c.name: getattr(election, c.name) for c in ElectionRow.__table__.columns
                   if c.name in Election.model_fields},
                "roll": election.roll, "public_key": election.key["public_key"],
                "board_size": count, "candidates": [], "challenges": []})
            device = db.execute(text("SELECT id FROM devices LIMIT 1")).scalar()
        summed, summed_cpu = time.perf_counter() - start, time.process_time() - cpu
        from server.sites import service as sites
        for index in (1, 3, 5):
            path = data_dir / "demo-trustees" / f"custodio-{eid}-{index}.json"
            trustee, zones = partial_decryption(kiosk_view, sums, path, passphrase(index))
            with database.sessionmaker() as db:
                from server.elections.schemas import PartialIn
                dev = sites.ensure_system_device(db=db, site_code="PM", name="bench") \
                    if device is None else sites.get_device(db=db, device_id=device)
                tallying.submit_partial(db=db, by=SYSTEM, election_id=eid,
                                        data=PartialIn(trustee=trustee, zones=zones),
                                        acta_device=dev)
                db.commit()
        took = time.perf_counter() - start
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with database.sessionmaker() as db:
            phase = db.get(ElectionRow, eid).phase
            board_mib = db.execute(text("SELECT sum(length(entry)) FROM election_board")
                                   ).scalar() / 2**20
        print(f"tally          SQLite     {count:,} ballots ({board_mib:,.0f} MiB of board), 14 "
              f"zones, 3 of 5 trustees: {took:6.1f} s (sums {summed:.1f} s, CPU {summed_cpu:.1f} s "
              f"{'native' if tally.native else 'pure Python'}); peak RSS {rss / 1024:.0f} MiB "
              f"(+{(rss - rss0) / 1024:.0f} MiB); phase {phase}; {count / took:,.0f} ballots/s"
              f"  [goal at 100k: <= 5 s, <= 300 MiB]")
        if baseline:  # both ways on the first `baseline` ballots alone (then rolled back)
            timings = []
            for way in (_old_sums, tallying.zone_sums):
                with database.sessionmaker() as db:
                    election = db.get(ElectionRow, eid)
                    election.sums = None
                    db.execute(delete(BoardEntry).where(BoardEntry.position > baseline))
                    started = time.perf_counter()
                    way(db=db, election=election)
                    timings.append(time.perf_counter() - started)
                    db.rollback()
            old, new = timings
            print(f"tally sums     baseline on {baseline:,} ballots: before (whole board, points "
                  f"re-checked, libsodium per addition) {old:.2f} s; now {new:.2f} s; "
                  f"ratio {old / new:.1f}x")
        database.dispose()
        return took


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    casts = int(args[0]) if args else 200
    count = int(args[1]) if len(args) > 1 else 100_000
    if "--tally-only" not in sys.argv:
        ballot_bench()
        cast_bench(casts)
    took = tally_bench(count)
    if "--million" in sys.argv:  # about 2 GiB of board on disk and a few minutes
        million = tally_bench(1_000_000, baseline=0)
        print(f"tally          1,000,000 / {count:,} ballots: time ratio {million / took:.1f} "
              f"(goal near {1_000_000 / count:.0f})")
