"""The real server binary (`kiosk-server run --demo`: uvicorn on 127.0.0.1) in a child process,
on SQLite in its data dir or on the PostgreSQL database given; used by tests and `bench/`."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

BANK_SECRETS = {"BANCO-DEMO": "demo-bank-secret"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def empty_postgres(url: str) -> str:
    """Drop every table of the PostgreSQL database (its schema is made again): the server's
    `run --demo` migrates and seeds it from nothing."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


class ServerProcess:
    def __init__(self, data_dir: Path, port: int | None = None, database_url: str | None = None,
                 env: dict[str, str] | None = None) -> None:
        self.data_dir, self.port = data_dir, port or free_port()
        self.database_url, self.extra_env = database_url, env or {}
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> "ServerProcess":
        env = {**os.environ, "KIOSK_SERVER_DATA_DIR": str(self.data_dir),
               "KIOSK_SERVER_BANK_SECRETS": json.dumps(BANK_SECRETS), **self.extra_env}
        env.pop("KIOSK_SERVER_DATABASE_URL", None)
        if self.database_url:
            env["KIOSK_SERVER_DATABASE_URL"] = self.database_url
        self.log_path = self.data_dir / f"server-{time.time_ns()}.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "run", "--demo", "--port", str(self.port)],
            env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"server did not start: {self.log_path.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
