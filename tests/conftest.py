"""Shared fixtures: databases (SQLite always, PostgreSQL when KIOSK_TEST_DATABASE_URL is set),
the real server app, kiosk API clients enrolled on it, and the demo cards.

With KIOSK_REQUIRE_REAL=1 (CI) a missing real component fails the test instead of skipping.
"""

import base64
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher
from sqlalchemy import text

from devices.card.applet import IdApplet
from devices.card.emulator import VirtualCard, load_card
from kiosk.api import ApiClient
from server.app import create_app
from server.config import ServerSettings
from server.db import Database
from server.demo.seed import seed
from server.identity import passwords
from server.migrate import upgrade
from server.models import Base

REQUIRE_REAL = os.environ.get("KIOSK_REQUIRE_REAL") == "1"


def _worker_database(url: str | None) -> str | None:
    """Under pytest-xdist each worker gets its own PostgreSQL database (`test_gw0`, ...),
    made on first use: tests drop schemas and truncate tables, and must not meet."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    from sqlalchemy import create_engine, make_url

    base = make_url(url)
    name = f"{base.database}_{worker}"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                {"name": name}).scalar():
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


# Set in the environment too: the rigs and real-component tests read it from there.
PG_URL = _worker_database(os.environ.get("KIOSK_TEST_DATABASE_URL"))
if PG_URL:
    os.environ["KIOSK_TEST_DATABASE_URL"] = PG_URL


def need(condition: bool, reason: str) -> None:
    """Skip for a missing real component, or fail when CI requires every one of them."""
    if condition:
        return
    if REQUIRE_REAL:
        pytest.fail(f"KIOSK_REQUIRE_REAL=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True, scope="session")
def _cheap_argon2() -> Iterator[None]:
    # Real argon2id, at the lowest cost: login tests stay fast without faking the hashing.
    original = passwords._hasher
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    passwords._hasher = original


@pytest.fixture(autouse=True)
def _spanish_first() -> Iterator[None]:
    """Each test starts in Spanish, the kiosk's first language (an app made in English changes
    the process-wide language, which would leak into the next test)."""
    from kiosk import i18n

    i18n.set_language("es")
    yield
    i18n.set_language("es")


@pytest.fixture(scope="session")
def shared_data_dir(tmp_path_factory) -> Path:
    """Demo CA and card images, made once (the CA's key is the slow part)."""
    return tmp_path_factory.mktemp("demo-data")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory, shared_data_dir) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    database = Database(url)
    with database.sessionmaker() as db:
        seed(db=db, data_dir=shared_data_dir, election=False)
    database.dispose()
    return path


_pg_migrated = False
# The seeded PostgreSQL database, kept after the first seeding as each table's rows (binary COPY)
# and each sequence's position: a test starts from it in ~50 ms instead of seeding again (~2 s).
_pg_snapshot: tuple[dict[str, bytes], list[tuple[str, int | None]]] | None = None
_EMPTY_BINARY_COPY = 21  # header and trailer only
PROCRASTINATE_TABLES = ("procrastinate_jobs, procrastinate_periodic_defers, procrastinate_events, "
                        "procrastinate_workers")


def _take_snapshot(database: Database) -> tuple[dict[str, bytes], list[tuple[str, int | None]]]:
    raw = database.engine.raw_connection()
    try:
        cur = raw.driver_connection.cursor()
        rows: dict[str, bytes] = {}
        for table in Base.metadata.sorted_tables:
            buf = bytearray()
            with cur.copy(f'COPY "{table.name}" TO STDOUT (FORMAT binary)') as copy:
                for data in copy:
                    buf += data
            rows[table.name] = bytes(buf)
        cur.execute("SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences"
                    " WHERE schemaname = 'public'")
        sequences = cur.fetchall()
        raw.driver_connection.commit()
    finally:
        raw.close()
    return rows, sequences


def _restore_snapshot(database: Database, snapshot) -> None:
    rows, sequences = snapshot
    raw = database.engine.raw_connection()
    try:
        connection = raw.driver_connection
        cur = connection.cursor()
        with connection.transaction():
            # Superuser only (CI's postgres is): no foreign-key triggers while rows go and come back.
            cur.execute("SET LOCAL session_replication_role = replica")
            for table in reversed(Base.metadata.sorted_tables):
                cur.execute(f'DELETE FROM "{table.name}"')
            for name, data in rows.items():
                if len(data) > _EMPTY_BINARY_COPY:
                    with cur.copy(f'COPY "{name}" FROM STDIN (FORMAT binary)') as copy:
                        copy.write(data)
            for sequence, value in sequences:
                cur.execute("SELECT setval(%s, %s, %s)", (sequence, value or 1, value is not None))
            # The background tasks' queue (procrastinate's tables, not ours) starts empty too:
            # its id sequence was just set back with the others.
            cur.execute(f"TRUNCATE {PROCRASTINATE_TABLES} RESTART IDENTITY CASCADE")
    finally:
        raw.close()


def _reset_postgres(url: str, data_dir: Path) -> None:
    global _pg_migrated, _pg_snapshot
    database = Database(url)
    try:
        if not _pg_migrated:
            with database.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
            upgrade(url)
            _pg_migrated = True
        if _pg_snapshot is not None:
            try:
                _restore_snapshot(database, _pg_snapshot)
                return
            except Exception:  # the schema was made again by a test (a server's `run --demo`)
                _pg_snapshot = None
                upgrade(url)
        with database.engine.begin() as conn:
            tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
            conn.execute(text(f"TRUNCATE {tables}, {PROCRASTINATE_TABLES} RESTART IDENTITY "
                              "CASCADE"))
        with database.sessionmaker() as db:
            seed(db=db, data_dir=data_dir, election=False)
        _pg_snapshot = _take_snapshot(database)
    finally:
        database.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path, sqlite_template, shared_data_dir) -> str:
    if request.param == "sqlite":
        path = tmp_path / "kiosk.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    need(bool(PG_URL), "KIOSK_TEST_DATABASE_URL is not set (PostgreSQL tests)")
    _reset_postgres(PG_URL, shared_data_dir)
    return PG_URL


@pytest.fixture
def settings(db_url, shared_data_dir) -> ServerSettings:
    return ServerSettings(database_url=db_url, data_dir=shared_data_dir, demo=True,
                          public_base_url="http://kiosk.test",
                          bank_secrets={"BANCO-DEMO": "demo-bank-secret"})


@pytest.fixture
def database(settings) -> Iterator[Database]:
    database = Database(settings.database_url)
    yield database
    database.dispose()


@pytest.fixture
def server_app(settings, database):
    return create_app(settings, database)


@pytest.fixture
def cards_dir(shared_data_dir, sqlite_template) -> Path:
    """The demo card images (written by the seeding of the template database)."""
    return shared_data_dir / "demo-cards"


@pytest.fixture
def make_client(server_app):
    """Kiosk API clients on the real app over ASGITransport; `await make_client("kiosk")`."""
    clients: list[ApiClient] = []  # numbered, so each enrolled device has its own name

    async def make(kind: str = "kiosk", enrol: bool = True) -> ApiClient:
        client = ApiClient("http://kiosk.test", transport=httpx.ASGITransport(app=server_app),
                           retries=1)
        if enrol:
            await client.devices.enroll(token="DEMO-MIRAFLORES", name=f"test-{kind}-{len(clients)}",
                                        kind=kind)
        clients.append(client)
        return client

    return make


def card_applet(card: VirtualCard) -> IdApplet:
    """The applet over an in-process card (the same APDUs the reader sends)."""
    from devices.card import apdu

    card.reset()
    applet = IdApplet(lambda command: apdu.Response.from_bytes(card.process(command)))
    applet.select()
    return applet


async def card_login(client: ApiClient, cards_dir: Path, dni: str = "40123456",
                     pin: str = "123456"):
    applet = card_applet(load_card(cards_dir, dni))
    applet.verify_pin(pin)
    challenge = await client.auth.card_challenge()
    signature = applet.sign(base64.b64decode(challenge.to_sign))
    return await client.auth.card_login(challenge_id=challenge.challenge_id,
                                        certificate=applet.read_certificate(), signature=signature)


def table_counts(database: Database) -> dict[str, int]:
    """Rows per table, to show that a refused request wrote nothing. The attempt counters
    are left out: every try is counted, refused or not (on PostgreSQL in the database)."""
    with database.engine.connect() as conn:
        return {t.name: conn.execute(text(f"SELECT COUNT(*) FROM {t.name}")).scalar_one()
                for t in Base.metadata.sorted_tables if t.name != "attempt_counters"}
