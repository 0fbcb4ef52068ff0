"""Engine, sessions and the declarative base shared by every domain's models."""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import DateTime, MetaData, create_engine, event, make_url
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from server.replica import PublicReads, ReplicaPolicy

# Explicit names so that Alembic migrations are the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes on every backend (SQLite keeps no offset: store UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Connections a server process keeps: as many requests use the database at once (the app's
# admission gate, `server/deps.py`), plus a few for health checks and commands.
DEFAULT_POOL_SIZE = 20
POOL_SPARE = 5
# On SQLite: "IMMEDIATE" (the default: a write transaction, the lock taken up front) or
# "DEFERRED" (a read: no write lock; WAL readers never wait for writers).
SQLITE_BEGIN = "sqlite_begin"


def make_engine(url: str, pool_size: int = DEFAULT_POOL_SIZE,
                connect_args: dict | None = None) -> Engine:
    """`connect_args` for PostgreSQL (libpq's parameters); SQLite has its own."""
    pool = {"pool_size": pool_size, "max_overflow": POOL_SPARE, "pool_timeout": 30}
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        else:  # in memory: one connection per thread (SingletonThreadPool)
            pool = {}
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                               **pool)
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args or {}, **pool)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # Let SQLAlchemy issue BEGIN itself (below), so writers serialise with IMMEDIATE.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        # IMMEDIATE takes the write lock up front: a read-then-write transaction (audit chain,
        # numbering) can never fail half-way with SQLITE_BUSY or fork the chain. A read
        # (DEFERRED, see `Database.reader`) takes no write lock at all.
        mode = conn.get_execution_options().get(SQLITE_BEGIN, "IMMEDIATE")
        conn.info[SQLITE_BEGIN] = mode
        conn.exec_driver_sql(f"BEGIN {mode}")


def insert_for(bind: Session | Connection | Engine):
    """`insert` with `on_conflict_do_update` (INSERT ... ON CONFLICT) for the database of
    `bind`: SQLite and PostgreSQL both have it, each under its own SQLAlchemy construct."""
    name = (bind.get_bind() if isinstance(bind, Session) else bind).dialect.name
    return postgresql.insert if name == "postgresql" else sqlite.insert


def ensure_write(db: Session) -> None:
    """Before the first write of a session opened for reading (a GET that audits, a session
    that slides): on SQLite the read transaction ends and a write transaction (IMMEDIATE)
    begins, instead of upgrading a read snapshot that may be stale (SQLITE_BUSY). Rows read
    before stay loaded, as under PostgreSQL's READ COMMITTED; locks are taken after this.
    Nothing happens on PostgreSQL or in a write transaction."""
    if db.get_bind().dialect.name != "sqlite":
        return
    if db.in_transaction():
        if db.connection().info.get(SQLITE_BEGIN) == "IMMEDIATE":
            return
        db.commit()
    db.connection(execution_options={SQLITE_BEGIN: "IMMEDIATE"})


def _read_only(engine: Engine) -> Engine:
    if engine.dialect.name != "postgresql":
        return engine.execution_options(**{SQLITE_BEGIN: "DEFERRED"})
    return engine.execution_options(postgresql_readonly=True)


class Database:
    """One engine and its session factories; the app and the CLI each hold one.

    `sessionmaker` opens write sessions (on SQLite every transaction takes the write lock
    first); `reader` opens sessions for GET requests, whose transactions take no write lock
    until `ensure_write` (on PostgreSQL both are the same); `public_reads` opens the public
    read routes' sessions, on the read replica (`read_url`) when there is one and it can be
    reached, else on the primary (`server/replica.py`). `pool_size` connections are kept: the
    app admits that many requests to the database at once."""

    def __init__(self, url: str, pool_size: int = DEFAULT_POOL_SIZE,
                 read_url: str | None = None, policy: ReplicaPolicy | None = None) -> None:
        self.url, self.pool_size = url, pool_size
        self.engine = make_engine(url, pool_size)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)
        self.reader = sessionmaker(self.engine.execution_options(**{SQLITE_BEGIN: "DEFERRED"}),
                                   expire_on_commit=False)
        # Public reads from a streaming replica when there is one (read-only transactions:
        # a write by mistake fails there instead of reaching a standby that refuses it), and
        # from the primary, read-only too, while the replica cannot be used.
        policy = policy or ReplicaPolicy()
        self.replica = None
        if read_url:
            self.replica = make_engine(read_url, pool_size, policy.connect_args())
            self.public_reads = PublicReads(
                sessionmaker(_read_only(self.replica), expire_on_commit=False),
                sessionmaker(_read_only(self.engine), expire_on_commit=False), policy)
        else:
            self.public_reads = PublicReads(None, self.reader, policy)

    def session(self) -> Iterator[Session]:
        with self.sessionmaker() as db:
            yield db

    def dispose(self) -> None:
        self.engine.dispose()
        if self.replica is not None:
            self.replica.dispose()
