"""Public reads from a real PostgreSQL streaming replica: a private primary (initdb) and a hot
standby made from it with pg_basebackup, streaming; a real `kiosk-server run` on the primary
with `KIOSK_SERVER_READ_DATABASE_URL` pointing at the standby. The public reads work and come
from the standby (with its replay paused, a change on the primary is not seen there until it
resumes); writes (a kiosk enrolling, a resident logging in and printing) go to the primary.
The replica stopped, public reads come from the primary, /readyz says so and the log says it
once; started again, the reads go back to it by themselves. A replica too far behind (its
replay paused) is skipped the same way. A read under way when the replica stops answers 503
(try again), not a server error. A "replica" that never answers costs a public read
its connect timeout, never a frozen request."""

import asyncio
import socket

import httpx
import pytest
from sqlalchemy import create_engine, text

from kiosk.api import ApiClient
from tests.conftest import PG_URL, need
from tests.rigs import pg_cluster
from tests.rigs.uvicorn_server import ServerProcess, empty_postgres

pytestmark = pytest.mark.real

PEOPLE = "/api/v1/council/ocd/people"
NEW_NAME = "Regidora Leída de la Réplica"
PRIMARY_ONLY = "Regidor Aún No Replicado"
REPLAYED_LOCK = ("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                 "WHERE c.relname = 'council_members' AND l.mode = 'AccessExclusiveLock'")
WAITING = "SELECT count(*) FROM pg_stat_activity WHERE datname = 'kiosk' AND wait_event_type = 'Lock'"
FAST_RETRY = {"KIOSK_SERVER_READ_DATABASE_RETRY_SECONDS": "1"}


async def _names(http: httpx.AsyncClient) -> set[str]:
    response = await http.get(PEOPLE)
    assert response.status_code == 200, response.text
    return {person["name"] for person in response.json()["results"]}


def _rename(pg: pg_cluster.Replicated, name: str) -> None:
    pg.primary.sql(f"UPDATE council_members SET name = '{name}' WHERE id = "
                   "(SELECT min(id) FROM council_members)", "kiosk")


async def _ready(http: httpx.AsyncClient) -> dict:
    response = await http.get("/readyz")
    assert response.status_code == 200, response.text
    return response.json()


async def _until_replica(http: httpx.AsyncClient, state: str, seconds: float = 60) -> dict:
    """/readyz until it says `state` (the retry interval is 1 s in these tests)."""
    for _ in range(int(seconds / 0.2)):
        ready = await _ready(http)
        if ready["replica"] == state:
            return ready
        await asyncio.sleep(0.2)
    raise AssertionError(f"/readyz never said replica={state}: {ready}")


async def _until(condition, seconds: float = 30) -> None:
    for _ in range(int(seconds / 0.1)):
        if condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the condition never held")


def _logged(server: ServerProcess, text: str) -> int:
    return server.log_path.read_text().count(text)


async def test_public_reads_come_from_a_streaming_replica_and_writes_from_the_primary(
        tmp_path):
    reason = pg_cluster.missing()
    need(reason is None, reason or "")
    with pg_cluster.Replicated() as pg:
        pg.primary.sql("CREATE DATABASE kiosk")
        server = ServerProcess(tmp_path, database_url=pg.primary.url("kiosk"), env={
            "KIOSK_SERVER_READ_DATABASE_URL": pg.replica.url("kiosk")}).start()
        try:
            pg.caught_up()
            async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
                before = await _names(http)
                assert before and NEW_NAME not in before
                for path in ("/api/v1/council/calendar.ics", "/api/v1/ocds/releases",
                             "/api/v1/council/ocd/events"):
                    assert (await http.get(path)).status_code == 200, path

                # Writes go to the primary (the standby would refuse them).
                kiosk = ApiClient(server.url, retries=1)
                await kiosk.devices.enroll(token="DEMO-MIRAFLORES", name="kiosk-replica",
                                           kind="kiosk")
                login = await kiosk.auth.pin_login(dni="40123456", pin="654321")
                assert login.resident.full_name == "Rosa Quispe Mamani"
                document = await kiosk.residents.record_certificate(idempotency_key="replica-1")
                assert pg.primary.sql(f"SELECT count(*) FROM documents WHERE code = "
                                      f"'{document.code}'", "kiosk") == "1"
                await kiosk.aclose()

                # The public read is the standby's: paused, it does not see the change yet.
                pg.replica.sql("SELECT pg_wal_replay_pause()")
                pg.primary.sql(f"UPDATE council_members SET name = '{NEW_NAME}' WHERE id = "
                               "(SELECT min(id) FROM council_members)", "kiosk")
                assert NEW_NAME not in await _names(http)
                pg.replica.sql("SELECT pg_wal_replay_resume()")
                pg.caught_up()
                assert NEW_NAME in await _names(http)
        finally:
            server.stop()


async def test_public_reads_fall_back_to_the_primary_while_the_replica_is_down_and_return(
        tmp_path):
    reason = pg_cluster.missing()
    need(reason is None, reason or "")
    with pg_cluster.Replicated() as pg:
        pg.primary.sql("CREATE DATABASE kiosk")
        server = ServerProcess(tmp_path, database_url=pg.primary.url("kiosk"), env={
            "KIOSK_SERVER_READ_DATABASE_URL": pg.replica.url("kiosk"), **FAST_RETRY}).start()
        try:
            pg.caught_up()
            async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
                assert (await _ready(http))["replica"] == "in_use"
                assert await _names(http)

                # A read under way on the replica when it stops answers 503 (try again), not
                # an error of the server: it waits there on a lock the primary holds (the
                # replica replays it) until the replica goes.
                locker = create_engine(pg.primary.url("kiosk"))
                lock = locker.connect()
                try:
                    lock.execute(text("LOCK TABLE council_members IN ACCESS EXCLUSIVE MODE"))
                    await _until(lambda: pg.replica.sql(REPLAYED_LOCK, "kiosk") == "1")
                    under_way = asyncio.create_task(http.get(PEOPLE))
                    await _until(lambda: pg.replica.sql(WAITING) == "1")
                    pg.replica.stop()
                    lost = await under_way
                finally:
                    lock.rollback()
                    lock.close()
                    locker.dispose()
                assert lost.status_code == 503, lost.text
                assert lost.json()["code"] == "database_connection_lost"
                assert lost.json()["message"]["en"] and lost.headers["retry-after"] == "1"

                # The replica is down: public reads answer from the primary, every one of them
                # (also past several retry intervals), and the outage is logged once.
                _rename(pg, NEW_NAME)
                for _ in range(10):
                    assert NEW_NAME in await _names(http)
                    assert (await http.get("/api/v1/council/calendar.ics")).status_code == 200
                    await asyncio.sleep(0.3)
                ready = await _ready(http)
                assert (ready["replica"], ready["replica_reason"]) == ("fallen_back",
                                                                       "unreachable")
                assert _logged(server, "read replica unreachable") == 1

                # Started again, it catches up; paused there, it cannot see the next change:
                # reads that miss it come from the replica, used again without a restart.
                pg.replica.start()
                pg.caught_up()
                pg.replica.sql("SELECT pg_wal_replay_pause()")
                _rename(pg, PRIMARY_ONLY)
                await _until_replica(http, "in_use")
                names = await _names(http)
                assert NEW_NAME in names and PRIMARY_ONLY not in names
                assert _logged(server, "read replica back") == 1
                pg.replica.sql("SELECT pg_wal_replay_resume()")
                pg.caught_up()
                assert PRIMARY_ONLY in await _names(http)
        finally:
            server.stop()

        # With a maximum lag: a replica whose replay is paused while the primary writes falls
        # behind and is skipped; resumed, it is used again.
        server = ServerProcess(tmp_path, database_url=pg.primary.url("kiosk"), env={
            "KIOSK_SERVER_READ_DATABASE_URL": pg.replica.url("kiosk"),
            "KIOSK_SERVER_READ_DATABASE_MAX_LAG_SECONDS": "1", **FAST_RETRY}).start()
        try:
            async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
                assert (await _ready(http))["replica"] == "in_use"
                pg.replica.sql("SELECT pg_wal_replay_pause()")
                _rename(pg, NEW_NAME)
                ready = await _until_replica(http, "fallen_back")
                assert ready["replica_reason"] == "lagging"
                assert NEW_NAME in await _names(http)  # the primary's, not the paused replica's
                assert _logged(server, "read replica lagging") == 1
                pg.replica.sql("SELECT pg_wal_replay_resume()")
                pg.caught_up()
                await _until_replica(http, "in_use")
                assert NEW_NAME in await _names(http)
        finally:
            server.stop()


async def test_a_replica_that_never_answers_costs_a_read_its_connect_timeout_not_a_freeze(
        tmp_path):
    """A "replica" whose port accepts connections and never says a word (a machine that
    hangs): the first public read waits out the 2 s connect timeout and answers from the
    primary; the next ones go to the primary at once until the retry."""
    need(bool(PG_URL), "KIOSK_TEST_DATABASE_URL is not set (PostgreSQL tests)")
    empty_postgres(PG_URL)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        port = silent.getsockname()[1]
        server = ServerProcess(tmp_path, database_url=PG_URL, env={
            "KIOSK_SERVER_READ_DATABASE_URL": f"postgresql+psycopg://kiosk@127.0.0.1:{port}/kiosk",
            "KIOSK_SERVER_READ_DATABASE_CONNECT_TIMEOUT": "2"}).start()
        try:
            # A client that gives up after 20 s: a frozen read would fail here.
            async with httpx.AsyncClient(base_url=server.url, timeout=20) as http:
                reads = await asyncio.gather(*(http.get(PEOPLE) for _ in range(4)))
                assert [r.status_code for r in reads] == [200] * 4
                ready = await _ready(http)
                assert (ready["replica"], ready["replica_reason"]) == ("fallen_back",
                                                                       "unreachable")
                assert (await http.get(PEOPLE)).status_code == 200
            assert _logged(server, "read replica unreachable") == 1
        finally:
            server.stop()
