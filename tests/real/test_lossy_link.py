"""The outbox over a real lossy WAN (docs/offline.md): the real server (uvicorn) in one network
namespace, the kiosk's outbox client in another, joined by a veth pair. Packet loss is made
with nftables (`numgen random mod 100 < N drop`, both ways), bandwidth with `tc tbf`: 10 %
loss, 30 % loss, then a full outage with a kiosk restart in the middle, and back. The
server's own database tells what arrived: nothing lost, nothing applied twice.

Needs root (namespaces, nftables); with KIOSK_REQUIRE_REAL=1 a missing piece fails.
"""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import uuid
from contextlib import suppress
from pathlib import Path

import pytest

from tests.conftest import need

pytestmark = pytest.mark.real

SERVER_IP, CLIENT_IP, PORT = "10.77.0.1", "10.77.0.2", 8765
PER_PHASE = 20


def _run(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True, text=True, timeout=30)


class Link:
    """Two namespaces and a veth pair, uniquely named (parallel workers do not collide)."""

    def __init__(self) -> None:
        tag = uuid.uuid4().hex[:6]
        self.server_ns, self.client_ns = f"kos-{tag}", f"koc-{tag}"
        self.server_if, self.client_if = f"vks{tag}", f"vkc{tag}"

    def up(self) -> None:
        _run("ip", "netns", "add", self.server_ns)
        _run("ip", "netns", "add", self.client_ns)
        _run("ip", "link", "add", self.server_if, "netns", self.server_ns, "type", "veth",
             "peer", "name", self.client_if, "netns", self.client_ns)
        for ns, dev, ip in ((self.server_ns, self.server_if, SERVER_IP),
                            (self.client_ns, self.client_if, CLIENT_IP)):
            _run("ip", "-n", ns, "link", "set", "lo", "up")
            _run("ip", "-n", ns, "addr", "add", f"{ip}/24", "dev", dev)
            _run("ip", "-n", ns, "link", "set", dev, "up")
            # A narrow WAN: 2 Mbit/s with a small queue, each way.
            _run("ip", "netns", "exec", ns, "tc", "qdisc", "add", "dev", dev, "root", "tbf",
                 "rate", "2mbit", "burst", "16kb", "latency", "200ms")
        _run("ip", "netns", "exec", self.client_ns, "nft",
             "add table inet wan;"
             " add chain inet wan wan_in { type filter hook input priority 0; };"
             " add chain inet wan wan_out { type filter hook output priority 0; }")

    def loss(self, percent: int) -> None:
        """Drop `percent` % of the packets each way on the client's side of the link."""
        rules = "flush chain inet wan wan_in; flush chain inet wan wan_out;"
        if percent >= 100:
            rules += (f" add rule inet wan wan_in iifname {self.client_if} counter drop;"
                      f" add rule inet wan wan_out oifname {self.client_if} counter drop")
        elif percent > 0:
            rules += (f" add rule inet wan wan_in iifname {self.client_if} numgen random mod 100"
                      f" < {percent} counter drop; add rule inet wan wan_out oifname"
                      f" {self.client_if} numgen random mod 100 < {percent} counter drop")
        _run("ip", "netns", "exec", self.client_ns, "nft", rules)

    def dropped(self) -> int:
        """Packets the loss rules dropped since they were last set."""
        done = subprocess.run(["ip", "netns", "exec", self.client_ns, "nft", "-j", "list",
                               "table", "inet", "wan"], check=True, capture_output=True,
                              text=True, timeout=30)
        return sum(expr["counter"]["packets"] for item in json.loads(done.stdout)["nftables"]
                   for expr in item.get("rule", {}).get("expr", []) if "counter" in expr)

    def down(self) -> None:
        for ns in (self.server_ns, self.client_ns):  # the veth pair goes with its namespace
            with suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
                _run("ip", "netns", "del", ns)


@pytest.fixture
def link():
    need(os.geteuid() == 0, "network namespaces need root")
    for tool in ("ip", "nft", "tc"):
        need(shutil.which(tool) is not None, f"{tool} is not installed "
             "(scripts/install-system-deps.sh: iproute2, nftables)")
    link = Link()
    try:
        link.up()
        yield link
    finally:
        link.down()


@pytest.fixture
def server(link, tmp_path):
    data = tmp_path / "server"
    data.mkdir()
    env = {**os.environ, "KIOSK_SERVER_DATA_DIR": str(data)}
    env.pop("KIOSK_SERVER_DATABASE_URL", None)
    with open(data / "server.log", "w") as log:
        process = subprocess.Popen(
            ["ip", "netns", "exec", link.server_ns, sys.executable, "-m", "server.cli", "run",
             "--demo", "--host", SERVER_IP, "--port", str(PORT)],
            env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield data
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class Kiosk:
    """Runs tests/real/lossy_client.py in the client namespace: each call a new process over
    the same state dir (a kiosk restarting between calls)."""

    def __init__(self, link: Link, state: Path) -> None:
        self.link, self.state = link, state
        self.url = f"http://{SERVER_IP}:{PORT}"

    def __call__(self, *args: str) -> dict:
        done = subprocess.run(
            ["ip", "netns", "exec", self.link.client_ns, sys.executable, "-m",
             "tests.real.lossy_client", str(self.state), self.url, *args],
            capture_output=True, text=True, timeout=600, cwd=Path(__file__).parents[2])
        assert done.returncode == 0, done.stderr[-2000:]
        return json.loads(done.stdout.strip().splitlines()[-1])


def _applied(data: Path, device_id: int) -> tuple[dict[str, str], int]:
    """From the server's database: the number each key was answered with, and how many
    certificates this device was issued (a doubled request would issue one more)."""
    with sqlite3.connect(f"file:{data / 'demo.db'}?mode=ro", uri=True, timeout=30) as db:
        keys = {key: json.loads(response)["number"] for key, response in db.execute(
            "select key, response from idempotency_records where device_id = ?", (device_id,))}
        issued = db.execute("select count(*) from documents where device_id = ? and kind = "
                            "'resident_record'", (device_id,)).fetchone()[0]
    return keys, issued


def test_nothing_lost_or_doubled_through_loss_and_an_outage(link, server, tmp_path):
    kiosk = Kiosk(link, tmp_path / "kiosk")
    kiosk.state.mkdir()
    assert kiosk("wait", "60") == {"up": True}
    device_id = kiosk("enrol")["device_id"]
    figures = {}
    attempts_before = [0]  # the outbox's attempts so far (it keeps sent items)

    def phase(name: str, loss: int, *, outage: bool = False) -> None:
        before_keys, before_issued = _applied(server, device_id)
        link.loss(loss)
        queued = kiosk("put", name, str(PER_PHASE))["queued"]
        if outage:
            link.loss(100)
            tried = kiosk("drain-once")  # the link is down: everything waits...
            assert tried["sent"] == 0 and tried["waiting"] == PER_PHASE
            link.loss(loss)  # ...and the kiosk (another process: a restart) catches up
        drained = kiosk("drain", "300")
        assert drained["waiting"] == 0 and drained["refused"] == []
        dropped = link.dropped()
        assert dropped > 0  # the link really lost packets while the outbox drained
        keys, issued = _applied(server, device_id)
        lost = [k for k in queued if k not in keys]
        doubled = (issued - before_issued) - (len(keys) - len(before_keys))
        figures[name] = {"loss": loss, "queued": len(queued), "lost": len(lost),
                         "doubled": doubled, "packets_dropped": dropped,
                         "attempts": drained["attempts"] - attempts_before[0]}
        attempts_before[0] = drained["attempts"]
        assert lost == [] and doubled == 0, figures[name]
        # What the kiosk was told is what the server kept, for every key.
        assert {k: drained["answers"][k] for k in queued} == {k: keys[k] for k in queued}

    phase("loss10", 10)
    phase("loss30", 30)
    phase("outage", 10, outage=True)
    print(json.dumps(figures))  # the report's figures (pytest -s)
    _, issued = _applied(server, device_id)
    assert issued == 3 * PER_PHASE


def _cash_applied(data: Path, numbers: list[str]) -> tuple[dict[str, str], int, int]:
    """From the server's database: each offline receipt's status, how many payments carry
    those numbers, and how many debts were paid more than once by them."""
    marks = ",".join("?" * len(numbers))
    with sqlite3.connect(f"file:{data / 'demo.db'}?mode=ro", uri=True, timeout=30) as db:
        status = dict(db.execute(f"select number, status from offline_payments where number "
                                 f"in ({marks})", numbers))
        payments = db.execute(f"select count(*) from payments where receipt_number in ({marks})",
                              numbers).fetchone()[0]
        twice = db.execute(
            "select count(*) from (select a.debt_id from allocations a join payments p on "
            f"p.id = a.payment_id where p.receipt_number in ({marks}) and p.status = 'paid' "
            "group by a.debt_id having count(*) > 1)", numbers).fetchone()[0]
    return status, payments, twice


def test_cash_collected_offline_arrives_once_through_loss_and_an_outage(link, server,
                                                                        tmp_path):
    till = Kiosk(link, tmp_path / "till")
    till.state.mkdir()
    assert till("wait", "60") == {"up": True}
    debts = till("enrol-terminal")["debts"]  # online: till open, numbers reserved
    per_phase = min(5, debts // 2)
    assert per_phase >= 2

    link.loss(30)  # the cashier collects while the WAN drops almost a third of the packets
    first = till("cash", str(per_phase))
    drained = till("drain", "300")
    assert drained["waiting"] == 0 and drained["refused"] == []
    link.loss(100)  # then the link goes away altogether: the till keeps collecting
    second = till("cash", str(per_phase))
    assert till("drain-once")["waiting"] == per_phase
    link.loss(30)  # back (still lossy), and the till restarted meanwhile
    drained = till("drain", "300")
    assert drained["waiting"] == 0 and drained["refused"] == []
    assert link.dropped() > 0

    numbers = first["numbers"] + second["numbers"]
    status, payments, twice = _cash_applied(server, numbers)
    figures = {"queued": len(numbers), "lost": len(set(numbers) - set(status)),
               "doubled": payments - len(set(status)) + twice,
               "applied": sum(s == "applied" for s in status.values())}
    print(json.dumps({"cash30+outage": figures}))
    assert figures == {"queued": 2 * per_phase, "lost": 0, "doubled": 0,
                       "applied": 2 * per_phase}
    # Each receipt the till printed is the one the server kept.
    assert {drained["answers"][f"offline-{n}"] for n in numbers} == set(numbers)
    assert {drained["statuses"][f"offline-{n}"] for n in numbers} == {"applied"}
