"""Wi-Fi: authorizations per second through a real FreeRADIUS into the server, against
FreeRADIUS answering the same voucher from its own `files` module in the same run (the ratio
is the server's cost), p95 latency of each; accounting packets per second (each stored once).

FreeRADIUS threaded (not -X), a real uvicorn on SQLite (or on PostgreSQL with
KIOSK_BENCH_DATABASE_URL; its schema is dropped!), pyrad clients on threads.
`python -m bench.wifi [SECONDS_PER_PHASE] [THREADS]` (default 6 s, 8 threads).
"""

import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

DICTIONARY = """
ATTRIBUTE	User-Name		1	string
ATTRIBUTE	User-Password		2	string	encrypt=1
ATTRIBUTE	NAS-IP-Address		4	ipaddr
ATTRIBUTE	Reply-Message		18	string
ATTRIBUTE	Session-Timeout		27	integer
ATTRIBUTE	Idle-Timeout		28	integer
ATTRIBUTE	NAS-Identifier		32	string
ATTRIBUTE	Acct-Status-Type	40	integer
ATTRIBUTE	Acct-Input-Octets	42	integer
ATTRIBUTE	Acct-Output-Octets	43	integer
ATTRIBUTE	Acct-Session-Id		44	string
ATTRIBUTE	Acct-Session-Time	46	integer
ATTRIBUTE	Message-Authenticator	80	octets
ATTRIBUTE	Acct-Interim-Interval	85	integer
VALUE	Acct-Status-Type	Start			1
VALUE	Acct-Status-Type	Stop			2
VALUE	Acct-Status-Type	Interim-Update		3
"""


def run(port: int, seconds: float, threads: int, make) -> tuple[int, list[float], int]:
    """Send packets from `threads` threads for `seconds`: (answered, latencies, failures)."""
    from pyrad.client import Client, Timeout
    from pyrad.dictionary import Dictionary

    from tests.rigs.freeradius import SECRET

    path = Path(tempfile.mkstemp(suffix=".dict")[1])
    path.write_text(DICTIONARY)
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(n: int) -> None:
        client = Client(server="127.0.0.1", authport=port, acctport=port,
                        secret=SECRET.encode(), dict=Dictionary(str(path)), retries=1,
                        timeout=3)
        i = 0
        while time.monotonic() < stop:
            packet = make(client, n, i)
            start = time.perf_counter()
            try:
                reply = client.SendPacket(packet)
                ok = reply.code in (2, 5)  # Access-Accept, Accounting-Response
            except Timeout:
                ok = False
            took = time.perf_counter() - start
            with lock:
                if ok:
                    latencies.append(took)
                else:
                    failures[0] += 1
            i += 1

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return len(latencies), latencies, failures[0]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] * 1000 if len(values) > 1 else 0.0


async def voucher(url: str) -> str:
    from kiosk.api import ApiClient

    staff = ApiClient(url, retries=2, backoff=0.1)
    await staff.devices.enroll(token="DEMO-MIRAFLORES", name="bench-wifi", kind="terminal")
    await staff.auth.staff_login(username="wifi", password="Miraflores2026")
    batch = await staff.wifi.create_batch({"count": 1, "minutes": 0, "megabytes": 0,
                                           "note": "Benchmark"})
    return batch.vouchers[0].code


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 6.0
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    from server.wifi.demo import DEMO_RADIUS_TOKEN
    from tests.rigs import freeradius
    from tests.rigs.uvicorn_server import ServerProcess, empty_postgres

    reason = freeradius.missing()
    if reason:
        print(f"skipped: {reason}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "data").mkdir()
        pg = os.environ.get("KIOSK_BENCH_DATABASE_URL")
        server = ServerProcess(work / "data",
                               database_url=empty_postgres(pg) if pg else None).start()
        print(f"server on {'PostgreSQL' if pg else 'SQLite'}")
        try:
            code = asyncio.run(voucher(server.url))
            with freeradius.FreeRadius(work, server_url=server.url, token=DEMO_RADIUS_TOKEN,
                                       files=True, debug=False) as rig:
                def auth(user: str):
                    def make(client, _n, _i):
                        packet = client.CreateAuthPacket(User_Name=user,
                                                         NAS_Identifier="KENNEDY")
                        packet["User-Password"] = packet.PwCrypt(user)
                        return packet
                    return make

                def acct(client, n, i):
                    return client.CreateAcctPacket(
                        User_Name=code, Acct_Status_Type="Interim-Update",
                        Acct_Session_Id=f"bench-{n}-{i // 5}", Acct_Session_Time=i,
                        Acct_Input_Octets=i * 1000, NAS_Identifier="KENNEDY")

                base_n, base_lat, base_fail = run(rig.files_port, seconds, threads,
                                                  auth("1000000001"))
                rest_n, rest_lat, rest_fail = run(rig.auth_port, seconds, threads, auth(code))
                acct_n, acct_lat, acct_fail = run(rig.acct_port, seconds, threads, acct)
        finally:
            server.stop()
    base_rate, rest_rate = base_n / seconds, rest_n / seconds
    print(f"threads {threads}, {seconds:g} s a phase")
    print(f"authorize, FreeRADIUS files (baseline): {base_rate:8.0f}/s  p95 "
          f"{p95(base_lat):6.1f} ms  failed {base_fail}")
    print(f"authorize, FreeRADIUS -> rest -> server: {rest_rate:7.0f}/s  p95 "
          f"{p95(rest_lat):6.1f} ms  failed {rest_fail}")
    print(f"ratio files/server: {base_rate / max(rest_rate, 1e-9):.1f}x "
          "(the server's cost per authorization)")
    print(f"accounting (Interim-Update, stored once per session): {acct_n / seconds:6.0f}/s  "
          f"p95 {p95(acct_lat):6.1f} ms  failed {acct_fail}")


if __name__ == "__main__":
    main()
