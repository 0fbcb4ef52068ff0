"""The real server binary (`kiosk-server run --demo`, uvicorn on 127.0.0.1) with the real client:
a whole visit over HTTP, then the server killed and back, the client recovering by itself."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.api import ApiClient, ServerUnavailable

pytestmark = pytest.mark.real


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    def __init__(self, data_dir: Path, port: int) -> None:
        self.data_dir, self.port = data_dir, port
        self.url = f"http://127.0.0.1:{port}"

    def start(self) -> "ServerProcess":
        env = {**os.environ, "KIOSK_SERVER_DATA_DIR": str(self.data_dir)}
        env.pop("KIOSK_SERVER_DATABASE_URL", None)
        self.log = open(self.data_dir / f"server-{time.time_ns()}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "run", "--demo", "--port", str(self.port)],
            env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture
def server(tmp_path):
    process = ServerProcess(tmp_path, _free_port()).start()
    yield process
    if process.process.poll() is None:
        process.stop()


async def test_a_visit_over_real_http_and_recovery(server):
    client = ApiClient(server.url, retries=2, backoff=0.1)
    assert await client.health()
    await client.devices.enroll(token="DEMO-MIRAFLORES", name="kiosk-uvicorn", kind="kiosk")
    info = await client.auth.pin_login(dni="40123456", pin="654321")
    assert info.resident.full_name == "Rosa Quispe Mamani"
    document = await client.residents.record_certificate(idempotency_key="visit-1")
    assert document.verify_url.endswith(document.code)
    assert (await client.documents.verify(document.code)).valid

    server.stop()
    assert not await client.health()
    with pytest.raises(ServerUnavailable) as down:
        await client.residents.me()
    assert "No hay conexión" in down.value.message.es

    server.start()  # same data dir: the session and the document survive a restart
    assert await client.health()
    assert (await client.residents.me()).dni == "40123456"
    again = await client.residents.record_certificate(idempotency_key="visit-1")
    assert again.code == document.code
    await client.aclose()


def test_seed_and_run_are_idempotent(tmp_path):
    env = {**os.environ, "KIOSK_SERVER_DATA_DIR": str(tmp_path)}
    env.pop("KIOSK_SERVER_DATABASE_URL", None)
    outputs = [subprocess.run([sys.executable, "-m", "server.cli", "seed-demo", "--demo"],
                              env=env, capture_output=True, text=True, check=True).stdout
               for _ in range(2)]
    assert outputs[0] == outputs[1]
    assert "DNI 40123456  Rosa Quispe Mamani  (Zona 7" in outputs[0]
    assert "cajero" in outputs[0] and "admin" in outputs[0]
    verify = subprocess.run([sys.executable, "-m", "server.cli", "audit", "verify", "--demo"],
                            env=env, capture_output=True, text=True)
    assert verify.returncode == 0, verify.stdout
