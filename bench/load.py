"""Bounded load on a real server (`kiosk-server run --demo`: uvicorn on 127.0.0.1): kiosks
(card login -> statement -> logout), banks (signed notifications told again, and forged ones)
and Open311 clients (a report posted, the public list read) all at once, on SQLite and on
PostgreSQL. Prints, per run, throughput, p50/p95/p99 of every request and of each kind, and
the errors (a 5xx, a timeout, a dropped connection or an unexpected status), and the ratio of
the loaded p99 to the p50 of one lone kiosk measured in the same run (the baseline).

Goal (issue 11): 0 errors and p99 below 1 s at 100 concurrent kiosks on PostgreSQL and 50 on
SQLite, on 2 cores. The load generator runs on the same machine, so it takes CPU too.

SQLite always; PostgreSQL when KIOSK_BENCH_DATABASE_URL is set (its schema is dropped!).
`python -m bench.load [SECONDS] [SQLITE_KIOSKS] [PG_KIOSKS]` (defaults 15, 50, 100).
"""

import asyncio
import base64
import hashlib
import hmac
import json
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx

from devices.card import apdu
from devices.card.applet import IdApplet
from devices.card.emulator import list_cards, load_card
from tests.rigs.uvicorn_server import BANK_SECRETS, ServerProcess, empty_postgres

BANKS, OPEN311 = 2, 2  # concurrent bank and Open311 clients beside the kiosks
THINK = (1.0, 3.0)  # seconds a resident takes between two steps at the kiosk
TIMEOUT = 10.0
JSON = {"Content-Type": "application/json"}


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, seconds: float) -> None:
        self.times.setdefault(kind, []).append(seconds)

    def fail(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


async def timed(tally: Tally, http: httpx.AsyncClient, kind: str, method: str, path: str,
                expect: tuple[int, ...] = (200,), **kw) -> httpx.Response | None:
    start = time.perf_counter()
    try:
        response = await http.request(method, path, **kw)
    except httpx.HTTPError as exc:
        tally.fail(f"{kind}: {type(exc).__name__}")
        return None
    tally.add(kind, time.perf_counter() - start)
    if response.status_code not in expect:
        tally.fail(f"{kind}: {response.status_code}")
        return None
    return response


def _applet(card) -> IdApplet:
    card.reset()
    applet = IdApplet(lambda command: apdu.Response.from_bytes(card.process(command)))
    applet.select()
    applet.verify_pin("123456")
    return applet


async def kiosk(url: str, credential: str, card, tally: Tally, until: float) -> None:
    auth = {"Authorization": f"Bearer {credential}"}
    await asyncio.sleep(random.uniform(0, 2 * THINK[1]))  # residents do not all arrive at once
    async with httpx.AsyncClient(base_url=url, timeout=TIMEOUT, headers=auth) as http:
        while time.monotonic() < until:
            challenge = await timed(tally, http, "card challenge", "POST",
                                    "/api/v1/auth/card/challenge")
            if challenge is None:
                await asyncio.sleep(1)
                continue
            applet = _applet(card)
            body = challenge.json()
            login = await timed(tally, http, "card login", "POST", "/api/v1/auth/card/login",
                                json={"challenge_id": body["challenge_id"],
                                      "certificate": base64.b64encode(
                                          applet.read_certificate()).decode(),
                                      "signature": base64.b64encode(applet.sign(
                                          base64.b64decode(body["to_sign"]))).decode()})
            if login is None:
                await asyncio.sleep(1)
                continue
            session = {"X-Kiosk-Session": login.json()["token"]}
            await asyncio.sleep(random.uniform(*THINK))
            await timed(tally, http, "statement", "GET", "/api/v1/accounts/statement",
                        headers=session)
            await asyncio.sleep(random.uniform(*THINK))
            await timed(tally, http, "logout", "POST", "/api/v1/auth/logout", headers=session,
                        expect=(204,))
            await asyncio.sleep(random.uniform(*THINK))


def _signed(body: dict, secret: str) -> tuple[bytes, dict[str, str]]:
    raw = json.dumps(body).encode()
    signature = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    return raw, {**JSON, "X-Bank-Signature": signature}


async def bank(url: str, notice: dict, tally: Tally, until: float) -> None:
    """A bank telling an applied payment again (a duplicate), and a forger without the key."""
    told, told_headers = _signed(notice, BANK_SECRETS["BANCO-DEMO"])
    async with httpx.AsyncClient(base_url=url, timeout=TIMEOUT) as http:
        while time.monotonic() < until:
            await timed(tally, http, "bank (told again)", "POST", "/api/v1/bank/notifications",
                        content=told, headers=told_headers)
            forged, forged_headers = _signed({**notice, "operation": f"F{random.random()}"},
                                             "not-the-secret")
            await timed(tally, http, "bank (forged)", "POST", "/api/v1/bank/notifications",
                        content=forged, headers=forged_headers, expect=(401,))
            await asyncio.sleep(random.uniform(*THINK))


async def open311(url: str, api_key: str, tally: Tally, until: float) -> None:
    path = "/api/v1/open311/v2/requests.json"
    async with httpx.AsyncClient(base_url=url, timeout=TIMEOUT) as http:
        services = await timed(tally, http, "open311 services", "GET",
                               "/api/v1/open311/v2/services.json")
        code = services.json()[0]["service_code"] if services else "x"
        while time.monotonic() < until:
            await timed(tally, http, "open311 post", "POST", path, data={
                "api_key": api_key, "service_code": code,
                "description": "Poste de luz apagado en la esquina",
                "address_string": "Calle Berlín 245"})
            await timed(tally, http, "open311 list", "GET", path)
            await asyncio.sleep(random.uniform(*THINK))


async def enrol(http: httpx.AsyncClient, name: str) -> str:
    response = await http.post("/api/v1/devices/enroll", json={
        "token": "DEMO-MIRAFLORES", "name": name, "kind": "kiosk"})
    response.raise_for_status()
    return response.json()["credential"]


async def paid_notice(http: httpx.AsyncClient, credential: str, card) -> dict:
    """A payment code made by a resident and paid by BANCO-DEMO: the notice banks repeat."""
    auth = {"Authorization": f"Bearer {credential}"}
    challenge = (await http.post("/api/v1/auth/card/challenge", headers=auth)).json()
    applet = _applet(card)
    login = (await http.post("/api/v1/auth/card/login", headers=auth, json={
        "challenge_id": challenge["challenge_id"],
        "certificate": base64.b64encode(applet.read_certificate()).decode(),
        "signature": base64.b64encode(applet.sign(base64.b64decode(challenge["to_sign"])))
        .decode()})).json()
    headers = {**auth, "X-Kiosk-Session": login["token"]}
    line = (await http.get("/api/v1/accounts/statement", headers=headers)).json()["lines"][0]
    code = (await http.post("/api/v1/payment-codes", headers={**headers, "Idempotency-Key":
                                                                  "bench-load-code"},
                            json={"debt_ids": [line["debt_id"]], "amount": line["total"]}))
    code.raise_for_status()
    await http.post("/api/v1/auth/logout", headers=headers)
    notice = {"bank": "BANCO-DEMO", "operation": "OP-BENCH", "code": code.json()["code"],
              "amount": code.json()["amount"], "currency": "PEN",
              "paid_at": datetime.now(UTC).isoformat()}
    raw, headers = _signed(notice, BANK_SECRETS["BANCO-DEMO"])
    (await http.post("/api/v1/bank/notifications", content=raw, headers=headers)
     ).raise_for_status()
    return notice


async def load(url: str, cards_dir: Path, kiosks: int, seconds: float, others: bool
               ) -> Tally:
    cards = list_cards(cards_dir)
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        credentials = [await enrol(http, f"bench-{time.time_ns()}-{n}") for n in range(kiosks)]
        notice = await paid_notice(http, credentials[0], load_card(cards_dir, "40123456")
                                   ) if others else None
    tally = Tally()
    until = time.monotonic() + seconds
    tasks = [kiosk(url, credentials[n], cards[n % len(cards)], tally, until)
             for n in range(kiosks)]
    if others:
        tasks += [bank(url, notice, tally, until) for _ in range(BANKS)]
        tasks += [open311(url, credentials[0], tally, until) for _ in range(OPEN311)]
    await asyncio.gather(*tasks)
    return tally


def pct(values: list[float], p: int) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))]


def report(name: str, tally: Tally, seconds: float, baseline: float) -> None:
    every = [t for times in tally.times.values() for t in times]
    errors = sum(tally.errors.values())
    p99 = pct(every, 99)
    print(f"{name}: {len(every) / seconds:7.1f} requests/s  p50 {pct(every, 50) * 1000:6.1f} ms"
          f"  p95 {pct(every, 95) * 1000:6.1f} ms  p99 {p99 * 1000:6.1f} ms  errors {errors}"
          f"  (p99 / lone kiosk's p50: {p99 / baseline:.1f}x)")
    for kind, times in sorted(tally.times.items()):
        print(f"    {kind:18} {len(times):6} × p50 {pct(times, 50) * 1000:6.1f} ms"
              f"  p99 {pct(times, 99) * 1000:6.1f} ms")
    for what, count in sorted(tally.errors.items()):
        print(f"    error {what}: {count}")


def run(kind: str, database_url: str | None, kiosks: int, seconds: float) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    # Every simulated kiosk comes from 127.0.0.1: the per-address attempt limits would take
    # them for one client (the per-device ones still hold).
    server = ServerProcess(data_dir, database_url=database_url,
                           env={"KIOSK_SERVER_LIMIT_PER_ADDRESS": "false"}).start()
    try:
        cards = data_dir / "demo-cards"
        lone = asyncio.run(load(server.url, cards, 1, min(15.0, seconds), others=False))
        baseline = statistics.median(t for times in lone.times.values() for t in times)
        print(f"{kind}: lone kiosk p50 {baseline * 1000:.1f} ms (baseline)")
        tally = asyncio.run(load(server.url, cards, kiosks, seconds, others=True))
        report(f"{kind} {kiosks} kiosks + {BANKS} banks + {OPEN311} Open311", tally, seconds,
               baseline)
    finally:
        server.stop()


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 15.0
    sqlite_kiosks = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    pg_kiosks = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    print(f"{os.cpu_count()} CPUs; {seconds:.0f} s per run; think time {THINK[0]}-{THINK[1]} s")
    run("SQLite", None, sqlite_kiosks, seconds)
    if pg := os.environ.get("KIOSK_BENCH_DATABASE_URL"):
        run("PostgreSQL", empty_postgres(pg), pg_kiosks, seconds)


if __name__ == "__main__":
    main()
