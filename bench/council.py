"""Sesión de Concejo: latency from the secretary's vote to 200 kiosks following the session
over server-sent events, on the real server (uvicorn, `kiosk-server run --demo`, SQLite).

Each round the secretary's terminal posts one vote (audited, written with its numbered event,
committed, then pushed to every follower) and we time until all 200 streams have its frame;
the baseline, in the same run and over the same 200 streams, is an echo of a frame of the
same size posted by the same secretary (same authentication) that the server writes nowhere.
Prints p50 and p95 of both and their ratio. `python -m bench.council [SUBSCRIBERS]`.
"""

import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from kiosk.api import ApiClient
from server.timeutil import lima, utcnow
from tests.rigs.uvicorn_server import ServerProcess

PRESENT = ["ALCALDE"] + [f"R{i:02d}" for i in range(1, 10)]  # R10 on leave, R11 absent


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


class Followers:
    """N streams of one session; `arrived[key]` holds the time each stream got a frame."""

    def __init__(self, url: str, code: str, n: int, since: int) -> None:
        self.url, self.code, self.n, self.since = url, code, n, since
        self.arrived: dict[str, list[float]] = {}
        self.connected = 0
        self.tasks: list[asyncio.Task] = []

    async def start(self) -> None:
        self.http = httpx.AsyncClient(base_url=self.url, timeout=None,
                                      limits=httpx.Limits(max_connections=self.n + 10))
        self.tasks = [asyncio.create_task(self.follow()) for _ in range(self.n)]
        while self.connected < self.n:  # noqa: ASYNC110 (the streams count themselves)
            await asyncio.sleep(0.05)

    async def follow(self) -> None:
        async with self.http.stream("GET", f"/api/v1/council/sessions/{self.code}/live",
                                    headers={"Last-Event-ID": str(self.since)}) as response:
            self.connected += 1
            kind = None
            async for line in response.aiter_lines():
                if line.startswith("event: "):
                    kind = line[7:]
                elif line.startswith("data: ") and kind in ("vote", "echo"):
                    key = line[line.index('"mark": "') + 9:].split('"', 1)[0] \
                        if '"mark"' in line else line.split('"member": "')[1].split('"')[0]
                    self.arrived.setdefault(key, []).append(time.perf_counter())

    async def wait(self, key: str) -> list[float]:
        while len(self.arrived.get(key, ())) < self.n:  # noqa: ASYNC110 (times taken on arrival)
            await asyncio.sleep(0.001)
        return self.arrived[key]

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        await self.http.aclose()


async def run(subscribers: int) -> None:
    code = f"SC-{lima(utcnow()).year}-002"
    with tempfile.TemporaryDirectory() as tmp:
        server = ServerProcess(Path(tmp)).start()
        try:
            sec = ApiClient(server.url, retries=1)
            await sec.devices.enroll(token="DEMO-MIRAFLORES", name="bench-secretaria",
                                     kind="terminal")
            await sec.auth.staff_login(username="secretaria", password="Miraflores2026")
            await sec.council.roll_call(code, PRESENT)
            session = await sec.council.open_item(code, 5)
            followers = Followers(server.url, code, subscribers, session.last_event)
            await followers.start()
            await sec.transport.request(  # warm-up: every stream has had a frame
                "POST", f"/api/v1/council/sessions/{code}/echo", json={"mark": "warm"})
            await followers.wait("warm")
            votes, echoes = [], []
            rounds = [(5, m) for m in PRESENT] + [(6, m) for m in PRESENT]
            for n, (seq, member) in enumerate(rounds):
                if seq == 6 and n == len(PRESENT):
                    await sec.council.close_vote(code, 5)
                    await sec.council.open_item(code, 6)
                mark = f"e{n}"
                t0 = time.perf_counter()
                await sec.transport.request(
                    "POST", f"/api/v1/council/sessions/{code}/echo",
                    json={"seq": seq, "mark": mark, "name": "x" * 24, "option": "a_favor"})
                echoes += [t - t0 for t in await followers.wait(mark)]
                t0 = time.perf_counter()
                await sec.council.vote(code, seq, member=member, option="a_favor",
                                       idempotency_key=str(uuid.uuid4()))
                votes += [t - t0 for t in await followers.wait(member)]
                followers.arrived.clear()
            await followers.stop()
            await sec.aclose()
        finally:
            server.stop()
    ms = 1000
    print(f"Council live feed: {len(rounds)} votes, each to {subscribers} SSE followers "
          f"(real uvicorn, SQLite)")
    print(f"  vote -> all followers   p50 {pct(votes, 50) * ms:7.1f} ms   "
          f"p95 {pct(votes, 95) * ms:7.1f} ms")
    print(f"  echo (no database)      p50 {pct(echoes, 50) * ms:7.1f} ms   "
          f"p95 {pct(echoes, 95) * ms:7.1f} ms   (baseline)")
    print(f"  vote / echo: p50 {pct(votes, 50) / pct(echoes, 50):.2f}x, "
          f"p95 {pct(votes, 95) / pct(echoes, 95):.2f}x  (goal: p95 under 1 s)")


def main() -> None:
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 200))


if __name__ == "__main__":
    main()
