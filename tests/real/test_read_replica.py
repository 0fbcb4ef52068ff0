"""Public reads from a real PostgreSQL streaming replica: a private primary (initdb) and a hot
standby made from it with pg_basebackup, streaming; a real `kiosk-server run` on the primary
with `KIOSK_SERVER_READ_DATABASE_URL` pointing at the standby. The public reads work and come
from the standby (with its replay paused, a change on the primary is not seen there until it
resumes); writes (a kiosk enrolling, a resident logging in and printing) go to the primary."""

import httpx
import pytest

from kiosk.api import ApiClient
from tests.conftest import need
from tests.rigs import pg_cluster
from tests.rigs.uvicorn_server import ServerProcess

pytestmark = pytest.mark.real

PEOPLE = "/api/v1/council/ocd/people"
NEW_NAME = "Regidora Leída de la Réplica"


async def _names(http: httpx.AsyncClient) -> set[str]:
    response = await http.get(PEOPLE)
    assert response.status_code == 200, response.text
    return {person["name"] for person in response.json()["results"]}


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
