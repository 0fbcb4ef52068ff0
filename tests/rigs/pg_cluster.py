"""Private PostgreSQL clusters for tests (Debian's postgresql 15 binaries): a primary made with
initdb and a hot-standby replica made from it with pg_basebackup, streaming, each on a free
port of 127.0.0.1 in its own directory. The machine's own cluster (5432) is never touched."""

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.rigs.uvicorn_server import free_port

BIN = Path("/usr/lib/postgresql/15/bin")


def missing() -> str | None:
    if not (BIN / "initdb").exists() or not (BIN / "pg_basebackup").exists():
        return "PostgreSQL 15 server binaries are not installed (apt-get install postgresql-15)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "as root, the clusters run as the user postgres, which does not exist"
    return None


def _as_owner(args: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root: as root, run it as the postgres user.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


class Cluster:
    def __init__(self, directory: Path, port: int) -> None:
        self.directory, self.port = directory, port
        self.data, self.log = directory / "data", directory / "server.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(_as_owner([str(BIN / args[0]), *args[1:]]), capture_output=True,
                              text=True, check=check, timeout=120)

    def start(self) -> "Cluster":
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o",
                 f"-p {self.port} -k {self.directory}", "start")
        return self

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def sql(self, query: str, database: str = "postgres") -> str:
        return self.run("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                        "-d", database, "-AtXc", query).stdout.strip()


class Replicated:
    """A primary and its streaming replica; `with Replicated() as pair:` starts and stops both."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        self.primary = Cluster(self.root / "primary", free_port())
        self.replica = Cluster(self.root / "replica", free_port())

    def __enter__(self) -> "Replicated":
        for cluster in (self.primary, self.replica):
            cluster.directory.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
            for cluster in (self.primary, self.replica):
                shutil.chown(cluster.directory, "postgres", "postgres")
        self.primary.run("initdb", "-D", str(self.primary.data), "-U", "postgres",
                         "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        with open(self.primary.data / "postgresql.conf", "a") as conf:
            conf.write("listen_addresses = '127.0.0.1'\nwal_level = replica\n"
                       "max_wal_senders = 4\nhot_standby = on\nfsync = off\n")
        self.primary.start()
        # -R: standby.signal and primary_conninfo written for us; -X stream: WAL while copying.
        self.replica.run("pg_basebackup", "-h", "127.0.0.1", "-p", str(self.primary.port),
                         "-U", "postgres", "-D", str(self.replica.data), "-R", "-X", "stream",
                         "-c", "fast")
        self.replica.start()
        return self

    def __exit__(self, *exc) -> None:
        self.replica.stop()
        self.primary.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def caught_up(self, seconds: float = 30) -> None:
        """Wait until the replica has replayed everything the primary has written so far."""
        target = self.primary.sql("SELECT pg_current_wal_lsn()")
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.replica.sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'") == "t":
                return
            time.sleep(0.1)
        raise TimeoutError("the replica did not catch up")
