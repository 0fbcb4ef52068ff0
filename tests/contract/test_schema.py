"""The whole API probed by machine (schemathesis, bounded examples per operation) with a
kiosk's device credential and a resident's session: no input is a server error.

Conformance of every answer to the OpenAPI document (all statuses and their problem+json
schema) is issue 11's next step; this run holds the line on 5xx."""

import hypothesis
import pytest
import schemathesis
from schemathesis import checks
from starlette.testclient import TestClient

from server.app import create_app

EXAMPLES = 4  # per operation: the run stays within a couple of minutes on two cores


@pytest.fixture(params=["sqlite"])
def db_url(request, tmp_path, sqlite_template):
    """SQLite only: the run is about the edge, not the database."""
    import shutil

    path = tmp_path / "kiosk.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def credentials(settings, database):
    app = create_app(settings, database)
    with TestClient(app) as http:
        enrolled = http.post("/api/v1/devices/enroll", json={
            "token": "DEMO-MIRAFLORES", "name": "schemathesis", "kind": "kiosk"}).json()
        auth = {"Authorization": f"Bearer {enrolled['credential']}"}
        login = http.post("/api/v1/auth/pin/login", headers=auth,
                          json={"dni": "40123456", "pin": "654321"}).json()
    return app, {**auth, "X-Kiosk-Session": login["token"]}


@pytest.fixture
def api_schema(credentials):
    app, _ = credentials
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@hypothesis.settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                     suppress_health_check=list(hypothesis.HealthCheck))
def test_no_input_is_a_server_error(case, credentials):
    _, headers = credentials
    case.headers = {**(case.headers or {}), **headers}
    response = case.call()
    case.validate_response(response, checks=[checks.not_a_server_error])


def test_the_document_gives_every_refusal_its_problem_schema(credentials):
    app, _ = credentials
    document = app.openapi()
    assert "ProblemOut" in document["components"]["schemas"]
    for path, methods in document["paths"].items():
        if not path.startswith("/api/v1"):
            continue
        for operation in methods.values():
            answers = operation["responses"]
            expected = {"400", "404", "413", "422", "429", "500"}
            assert expected <= set(answers), (path, sorted(answers))
            for status in expected:
                assert set(answers[status]["content"]) == {"application/problem+json"}, path
