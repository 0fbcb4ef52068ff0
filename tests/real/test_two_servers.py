"""Two real uvicorn servers (`kiosk-server run`) behind a real nginx (Debian `nginx`, an upstream
of both, round robin), sharing one PostgreSQL: residents pay and vote through both at once, each
request sent several times at the same moment with the same Idempotency-Key (what a kiosk does
when its answer is lost), so copies land on both servers. Exactly once holds: one receipt per
payment, every copy answered with it; one counted ballot per voter; the audit chain verifies.
PIN guesses at a DNI that does not exist, spread over both servers, lock it like a real one.
With one of the two stopped, nginx (the shipped upstream settings) passes what it could not
deliver to the other: reads and payments go on, each payment applied once."""

import asyncio
import os
import re
import signal
import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.api import ApiClient, ApiError, voting
from server.audit.service import verify
from server.db import Database
from server.elections.models import BoardEntry
from server.payments.models import Payment
from tests.conftest import PG_URL, card_login, need
from tests.real.test_nginx_mtls import NGINX, SHIPPED, _free_port, _wait_port, with_upstreams
from tests.rigs.uvicorn_server import ServerProcess, empty_postgres

pytestmark = pytest.mark.real

VOTERS = ["40123456", "07654321", "09876543", "41234987"]  # demo residents who owe


def _shipped_balancing(ports: list[int]) -> tuple[str, str]:
    """The shipped configuration's upstream block (its servers replaced by these ports) and
    its directives for passing a request on to the next server."""
    shipped = with_upstreams(SHIPPED.read_text(), ports)
    upstream = re.search(r"^upstream kiosk_server \{.*?^\}", shipped, re.S | re.M)
    assert upstream is not None
    passing = [line.strip() for line in shipped.splitlines()
               if line.strip().startswith(("proxy_next_upstream", "proxy_connect_timeout"))]
    assert "proxy_next_upstream error timeout;" in passing
    assert not any("non_idempotent" in line for line in passing)
    return upstream.group(0), "\n      ".join(passing)


class Nginx:
    """nginx on a private port and prefix, the shipped upstream of the given servers."""

    def __init__(self, prefix: Path, upstreams: list[int]) -> None:
        self.prefix, self.port = prefix, _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        upstream, passing = _shipped_balancing(upstreams)
        user = "user root;" if os.geteuid() == 0 else ""
        (prefix / "tmp").mkdir(parents=True)
        temp = "\n".join(f"  {kind}_temp_path {prefix}/tmp/{kind};"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        self.conf = prefix / "nginx.conf"
        self.conf.write_text(f"""
daemon off;
{user}
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log info;
events {{ worker_connections 256; }}
http {{
  log_format upstream '$request_method $request_uri $status upstream=$upstream_addr';
  access_log {prefix}/access.log upstream;
{temp}
{upstream}
  server {{
    listen 127.0.0.1:{self.port};
    location / {{
      proxy_pass http://kiosk_server;
      {passing}
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }}
  }}
}}
""")

    def __enter__(self) -> "Nginx":
        self.process = subprocess.Popen([NGINX, "-p", str(self.prefix), "-c", str(self.conf),
                                         "-e", str(self.prefix / "error.log")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        _wait_port(self.port, self.process, self.prefix / "error.log")
        return self

    def __exit__(self, *exc) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=10)

    def upstreams_of(self, method: str, path_part: str) -> set[str]:
        lines = (self.prefix / "access.log").read_text().splitlines()
        return {line.rsplit("upstream=", 1)[1] for line in lines
                if line.startswith(f"{method} ") and path_part in line}


@pytest.fixture
def fleet(tmp_path):
    need(NGINX is not None, "nginx is not installed (apt-get install nginx)")
    need(bool(PG_URL), "KIOSK_TEST_DATABASE_URL is not set (PostgreSQL tests)")
    data = tmp_path / "data"  # the same keys and CA for both: a shared volume in production
    data.mkdir()
    empty_postgres(PG_URL)
    env = {"KIOSK_SERVER_LIMIT_PER_ADDRESS": "false"}
    servers = []
    try:
        for _ in range(2):  # one after the other: the first migrates and seeds
            servers.append(ServerProcess(data, database_url=PG_URL, env=env).start())
        with Nginx(tmp_path / "nginx", [s.port for s in servers]) as nginx:
            yield nginx, data, servers
    finally:
        for server in servers:
            server.stop()


async def _kiosk(url: str, cards: Path, dni: str, n: int) -> ApiClient:
    client = ApiClient(url, retries=2, backoff=0.1)
    await client.devices.enroll(token="DEMO-MIRAFLORES", name=f"kiosk-scale-{n}", kind="kiosk")
    await card_login(client, cards, dni=dni)
    return client


async def _pay_many_times(client: ApiClient, copies: int):
    line = (await client.accounts.statement()).lines[0]
    key = str(uuid.uuid4())
    receipts = await asyncio.gather(*(client.payments.pay(
        debt_ids=[line.debt_id], method="card", amount=line.total, idempotency_key=key,
        card={"authorization": "424242", "brand": "VISA", "last4": "4242"})
        for _ in range(copies)))
    return line, receipts


async def _vote_many_times(client: ApiClient, election_id: int, copies: int):
    style = await client.elections.ballot_style(election_id)
    chosen = {style.candidates[0].id}
    encrypted = await asyncio.to_thread(voting.encrypt, style, chosen)
    key = str(uuid.uuid4())
    return await asyncio.gather(*(client.elections.cast(election_id, encrypted.ballot,
                                                        idempotency_key=key)
                                  for _ in range(copies)))


async def test_payments_and_votes_through_two_servers_count_once(fleet):
    nginx, data, _ = fleet
    kiosks = [await _kiosk(nginx.url, data / "demo-cards", dni, n)
              for n, dni in enumerate(VOTERS)]
    election = next(e for e in await kiosks[0].elections.all() if e.phase == "voting")

    paid, votes = await asyncio.gather(
        asyncio.gather(*(_pay_many_times(k, copies=3) for k in kiosks)),
        asyncio.gather(*(_vote_many_times(k, election.id, copies=3) for k in kiosks)))

    for line, receipts in paid:  # every copy answered with the one receipt
        assert len({r.receipt_number for r in receipts}) == 1
        assert receipts[0].amount == line.total
    for receipts in votes:
        assert len({r.tracker for r in receipts}) == 1
    # The copies went through both servers.
    assert len(nginx.upstreams_of("POST", "/payments")) == 2
    assert len(nginx.upstreams_of("POST", "/ballots")) == 2

    database = Database(PG_URL)
    try:
        with database.sessionmaker() as db:
            numbers = [r[0].receipt_number for _, r in paid]
            assert db.scalar(select(func.count()).select_from(Payment).where(
                Payment.receipt_number.in_(numbers))) == len(VOTERS)
            assert db.scalar(select(func.count()).select_from(Payment).where(
                Payment.method == "card")) == len(VOTERS)
            assert db.scalar(select(func.count()).select_from(BoardEntry).where(
                BoardEntry.election_id == election.id, BoardEntry.kind == "cast")) == len(VOTERS)
            assert db.scalar(select(func.count()).select_from(BoardEntry).where(
                BoardEntry.election_id == election.id, BoardEntry.counted)) == len(VOTERS)
            assert verify(db=db).ok
    finally:
        database.dispose()
    # Guessing PINs for a DNI that does not exist, the tries landing on both servers: it
    # locks after as many as a real account's (the count is in the database).
    guesser = ApiClient(nginx.url, retries=1)
    await guesser.devices.enroll(token="DEMO-MIRAFLORES", name="kiosk-guesser", kind="kiosk")
    statuses = []
    for _ in range(4):
        with pytest.raises(ApiError) as refused:
            await guesser.auth.pin_login(dni="11111111", pin="000000")
        statuses.append(refused.value.status)
    assert statuses == [401, 401, 423, 423]
    assert len(nginx.upstreams_of("POST", "/auth/pin/login")) == 2
    await guesser.aclose()

    for k, (line, _) in zip(kiosks, paid, strict=True):  # each debt paid, and paid once
        assert line.debt_id not in {x.debt_id for x in (await k.accounts.statement()).lines}
        history = [p for p in await k.payments.history() if p.method == "card"]
        assert len(history) == 1
        await k.aclose()


async def test_with_one_server_stopped_reads_and_payments_go_through_the_other_once(fleet):
    nginx, data, (stopped, running) = fleet
    kiosks = [await _kiosk(nginx.url, data / "demo-cards", dni, n)
              for n, dni in enumerate(VOTERS)]
    lines = [(await k.accounts.statement()).lines[0] for k in kiosks]
    keys = [str(uuid.uuid4()) for _ in kiosks]

    def pay(kiosk: ApiClient, line, key: str):
        return kiosk.payments.pay(debt_ids=[line.debt_id], method="card", amount=line.total,
                                  idempotency_key=key,
                                  card={"authorization": "424242", "brand": "VISA",
                                        "last4": "4242"})

    stopped.stop()
    # The payments first, all at once: round robin hands one of the first two to the stopped
    # server; its connection is refused, so the POST was never sent and nginx passes it on.
    receipts = await asyncio.gather(*(pay(k, line, key)
                                      for k, line, key in zip(kiosks, lines, keys, strict=True)))
    passed_on = f"127.0.0.1:{stopped.port}, 127.0.0.1:{running.port}"
    assert passed_on in nginx.upstreams_of("POST", "/payments")
    # A kiosk that lost the answer repeats the request with its key: the same receipt.
    again = await asyncio.gather(*(pay(k, line, key)
                                   for k, line, key in zip(kiosks, lines, keys, strict=True)))
    assert [r.receipt_number for r in again] == [r.receipt_number for r in receipts]

    for kiosk, line in zip(kiosks, lines, strict=True):  # reads go on; each debt paid once
        assert line.debt_id not in {x.debt_id for x in (await kiosk.accounts.statement()).lines}
        assert len([p for p in await kiosk.payments.history() if p.method == "card"]) == 1
        await kiosk.aclose()
    assert nginx.upstreams_of("GET", "/statement") >= {f"127.0.0.1:{running.port}"}
    database = Database(PG_URL)
    try:
        with database.sessionmaker() as db:
            assert db.scalar(select(func.count()).select_from(Payment).where(
                Payment.method == "card")) == len(VOTERS)
            assert verify(db=db).ok
    finally:
        database.dispose()
