"""The public verifier (`kiosk-server election verify`) on a record of BALLOTS real ballots
(the demo election's manifest: 14 zones, 3 candidates; each ballot encrypted and proven, the
board chained and its head signed): on one process, each proof alone with libsodium one call
per operation (the same-run baseline), each proof alone with the native loop, and the proofs in
batches (`election_crypto.batch`); then in batches on every core; wall and CPU time (on a
shared machine the CPU time says more); the time for 100,000 ballots is extrapolated from
BALLOTS (the check is linear in the board).
`python -m bench.verify [BALLOTS]`
"""

import os
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from nacl.signing import SigningKey
from sqlalchemy import select

from election_crypto import ballot as ballots
from election_crypto import board, group
from election_crypto.verify import verify
from server.db import Database
from server.demo.seed import seed
from server.elections.models import Election
from server.migrate import upgrade


def _ballot(args: tuple) -> tuple[int, dict]:
    base_hash, pk_hex, zone, n = args
    style = ballots.Style(base_hash, group.point(pk_hex), zone, 3, 1, f"bench-{n}")
    votes = [0, 0, 0]
    votes[n % 3] = 1
    return zone, ballots.encrypt(style, votes)[0]


def record_of(count: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'verify.db'}"
        upgrade(url)
        database = Database(url)
        with database.sessionmaker() as db:
            seed(db=db, data_dir=Path(tmp))
            election = db.execute(select(Election)).scalar_one()
            manifest, base_hash = election.manifest, election.base_hash
        database.dispose()
    jobs = [(base_hash, manifest["key"]["public_key"], n % 14 + 1, n) for n in range(count)]
    with ProcessPoolExecutor() as pool:
        cast = list(pool.map(_ballot, jobs, chunksize=50))
    entries, prev = [], base_hash
    for n, (zone, b) in enumerate(cast, start=1):
        body = {"position": n, "kind": "cast", "zone": zone, "tracker": ballots.tracker(b),
                "ballot": b, "prev": prev, "voter": f"voter-{n}"}
        body["hash"] = prev = board.entry_hash(body)
        entries.append(body)
    key = SigningKey.generate()
    head = board.head(base_hash, count, prev)
    return {"format": "miraflores-election-record/1", "manifest": manifest,
            "base_hash": base_hash, "board": entries,
            "head": {**head, "signature": board.sign_head(key, head),
                     "server_key": key.verify_key.encode().hex()}, "tally": None}


def _timed(record: dict, workers: int | None, batched: bool) -> tuple[float, float]:
    """Wall and CPU seconds (this process and its workers) of one verification."""
    def cpu() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
    wall, used = time.perf_counter(), cpu()
    problems = verify(record, workers=workers, batched_proofs=batched)
    assert problems == [], problems[:3]
    return time.perf_counter() - wall, cpu() - used


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    record = record_of(count)
    native = group.native
    group.native = None  # the baseline: libsodium, one call per operation, each proof alone
    try:
        ref_wall, ref_cpu = _timed(record, 1, False)
    finally:
        group.native = native
    alone_wall, alone_cpu = _timed(record, 1, False)
    one_wall, one_cpu = _timed(record, 1, True)
    every_wall, every_cpu = _timed(record, None, True)
    per = 1000 / count
    print(f"verify         {count:,} ballots, one process, ms a ballot (CPU): each proof alone "
          f"with libsodium one call per operation {ref_wall * per:.2f} ({ref_cpu * per:.2f}); "
          f"alone, native {alone_wall * per:.2f} ({alone_cpu * per:.2f}); in batches, native "
          f"{one_wall * per:.2f} ({one_cpu * per:.2f}); ratio to the baseline "
          f"{ref_wall / one_wall:.1f}x (CPU {ref_cpu / one_cpu:.1f}x), batches to alone "
          f"{alone_wall / one_wall:.1f}x (CPU {alone_cpu / one_cpu:.1f}x)")
    cores = os.cpu_count() or 1
    print(f"verify         every core ({cores}), in batches: {every_wall:.1f} s (CPU "
          f"{every_cpu:.1f} s, starting the workers included; one process {one_wall:.1f} s); "
          f"100,000 ballots extrapolated from {count:,}: {every_wall * 100_000 / count / 60:.1f} "
          f"min by this run's wall clock, {one_cpu * 100_000 / count / cores / 60:.1f} min by "
          f"one process's CPU time shared over {cores} cores  [goal <= 2 min on 2 cores]")


if __name__ == "__main__":
    main()
