"""The whole API probed by machine (schemathesis, bounded examples per operation) with every
check it has: no server error, and every answer as the OpenAPI document says (its status,
content type, schema and headers; schema-valid input accepted, schema-violating input
refused), for a kiosk with a resident's session and a terminal with a staff session."""

import shutil

import hypothesis
import pytest
import schemathesis
from schemathesis import checks
from schemathesis.config._checks import (
    NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES,
    NegativeDataRejectionConfig,
)
from starlette.testclient import TestClient

from server.app import create_app
from server.demo.data import MUNICIPAL_PIN, STAFF_PASSWORD

EXAMPLES = 4  # per operation and caller: the run stays within a few minutes on two cores

# Operations whose schema-valid input is still refused because what is valid depends on
# state no schema can carry: positive_data_acceptance does not run for them (every other
# check does). Their refusals are documented 4xx problems.
STATEFUL_INPUT = {
    # A payment date between today and 120 days ahead: the window moves every day.
    "GET /api/v1/accounts/statement", "POST /api/v1/accounts/quote",
    # A live challenge signed by a resident's card.
    "POST /api/v1/auth/card/login",
    # A certificate request signed by the device's own new key.
    "POST /api/v1/devices/certificate",
    # A body signed with the bank's shared secret.
    "POST /api/v1/bank/notifications",
    # Cash collected offline: a body signed with the terminal's device key, a number of its
    # own reserved block, a till of its cashier.
    "POST /api/v1/payments/offline",
}

CALLERS = {
    "resident": ("kiosk", "/api/v1/auth/pin/login", {"dni": "40123456", "pin": MUNICIPAL_PIN}),
    "staff": ("terminal", "/api/v1/auth/staff/login",
              {"username": "admin", "password": STAFF_PASSWORD}),
}


@pytest.fixture
def db_url(tmp_path, sqlite_template):
    """SQLite only: the run is about the edge and the document, not the database."""
    path = tmp_path / "kiosk.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(params=sorted(CALLERS))
def credentials(request, settings, database):
    kind, login_path, login_body = CALLERS[request.param]
    app = create_app(settings, database)
    with TestClient(app) as http:
        enrolled = http.post("/api/v1/devices/enroll", json={
            "token": "DEMO-MIRAFLORES", "name": "schemathesis", "kind": kind}).json()
        auth = {"Authorization": f"Bearer {enrolled['credential']}"}
        login = http.post(login_path, headers=auth, json=login_body).json()
    return app, {**auth, "X-Kiosk-Session": login["token"]}


@pytest.fixture
def api_schema(credentials):
    app, _ = credentials
    api = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    # Schema-violating input may also be refused for its size before it is read (413).
    api.config.checks.negative_data_rejection = NegativeDataRejectionConfig(
        expected_statuses=[*NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES, "413"])
    return api


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@hypothesis.settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                     suppress_health_check=list(hypothesis.HealthCheck))
def test_every_answer_is_as_documented(case, credentials):
    _, headers = credentials
    case.headers = {**(case.headers or {}), **headers}
    response = case.call()
    excluded = ([checks.positive_data_acceptance]
                if f"{case.method} {case.path}" in STATEFUL_INPUT else [])
    case.validate_response(response, excluded_checks=excluded)


def test_the_document_gives_every_refusal_its_problem_schema(credentials):
    app, _ = credentials
    document = app.openapi()
    assert "ProblemOut" in document["components"]["schemas"]
    for path, methods in document["paths"].items():
        if path in ("/healthz", "/readyz"):
            continue
        for operation in methods.values():
            answers = operation["responses"]
            assert {"400", "413", "500"} <= set(answers), (path, sorted(answers))
            for status, answer in answers.items():
                if not status.startswith(("4", "5")):
                    continue
                # Open311 answers its own refusals as GeoReport v2 error lists (JSON)
                kinds = ({"application/problem+json", "application/json"}
                         if path.startswith("/api/v1/open311/") else {"application/problem+json"})
                assert kinds & set(answer["content"]), (path, status)


def test_a_staff_operation_documents_the_refusals_of_its_callers(credentials):
    """Derived from what the operation depends on: a device credential (401), a staff
    session (403), an attempt limit (429), a path that names something (404)."""
    app, _ = credentials
    document = app.openapi()
    act_for = document["paths"]["/api/v1/auth/act-for"]["post"]["responses"]
    assert {"401", "403", "422"} <= set(act_for)
    pin_login = document["paths"]["/api/v1/auth/pin/login"]["post"]["responses"]
    assert {"401", "429"} <= set(pin_login)
    dni = document["components"]["schemas"]["PinLoginIn"]["properties"]["dni"]
    assert dni["pattern"] == "^[0-9]{8}$"
