"""Card login end to end: pcscd + vpcd + the card emulator + a real uvicorn server.

Each login: VERIFY PIN on the card, challenge from the server, READ the certificate, the card
signs, the server checks and opens the session (then logout, not timed). Baseline in the same
run: the same login with the in-process simulated reader (no PC/SC), so the ratio is what the
PC/SC path costs. Needs pcscd and vsmartcard-vpcd (make test installs them).
`python -m bench.card_login [LOGINS]`
"""

import asyncio
import base64
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from devices.card.emulator import load_card
from devices.card.pcsc import PcscReader
from devices.card.simulated import SimulatedReader
from devices.card.vpcd import VpcdCard
from kiosk.api import ApiClient
from tests.rigs import pcscd as rig


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def login(reader, client: ApiClient) -> float:
    start = time.perf_counter()
    await asyncio.to_thread(reader.verify_pin, "123456")
    challenge = await client.auth.card_challenge()
    certificate = await asyncio.to_thread(reader.read_certificate)
    signature = await asyncio.to_thread(reader.sign, base64.b64decode(challenge.to_sign))
    await client.auth.card_login(challenge_id=challenge.challenge_id, certificate=certificate,
                                 signature=signature)
    elapsed = time.perf_counter() - start
    await client.auth.logout()
    return elapsed


async def series(reader, client: ApiClient, count: int) -> list[float]:
    await login(reader, client)  # warm-up
    return [await login(reader, client) for _ in range(count)]


def report(name: str, values: list[float]) -> float:
    values = sorted(values)
    median = statistics.median(values)
    p95 = values[max(0, round(0.95 * len(values)) - 1)]
    print(f"{name:28s} median {median * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   "
          f"(n={len(values)})")
    return median


async def measure(port: int, work: Path, count: int) -> tuple[list[float], list[float]]:
    client = ApiClient(f"http://127.0.0.1:{port}")
    for _ in range(300):
        if await client.health():
            break
        await asyncio.sleep(0.1)
    await client.devices.enroll(token="DEMO-MIRAFLORES", name="bench", kind="kiosk")
    cards = work / "demo-cards"

    simulated = SimulatedReader()
    simulated.insert(load_card(cards, "40123456"))
    baseline = await series(simulated, client, count)

    with rig.Pcscd(work / "pcscd") as daemon:
        reader = PcscReader(poll_ms=100)
        reader.start()
        card = VpcdCard(load_card(cards, "40123456"), port=daemon.port).insert()
        for _ in range(200):
            if reader.card_present():
                break
            await asyncio.sleep(0.05)
        try:
            real = await series(reader, client, count)
        finally:
            card.remove()
            reader.stop()
    await client.aclose()
    return baseline, real


def main(count: int) -> None:
    if reason := rig.missing():
        sys.exit(f"cannot run: {reason}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        port = _free_port()
        env = {**os.environ, "KIOSK_SERVER_DATA_DIR": str(work)}
        env.pop("KIOSK_SERVER_DATABASE_URL", None)
        server = subprocess.Popen([sys.executable, "-m", "server.cli", "run", "--demo",
                                   "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            baseline, real = asyncio.run(measure(port, work, count))
        finally:
            server.terminate()
            server.wait(timeout=10)
    base = report("simulated reader + server", baseline)
    med = report("pcscd + vpcd + server", real)
    print(f"ratio pcsc/simulated: {med / base:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
