"""The kiosk's wire models (kiosk/api) against the server's OpenAPI: a change on one side that
the other does not follow fails here, before a kiosk meets it.

The mapping is explicit and complete: every pydantic model in a module of kiosk/api declares
`server_schema`, the name of its counterpart in the OpenAPI's components; a model without one
fails. `None` is allowed only for the models listed in NOT_IN_OPENAPI, with the reason.

Each model is compared in every direction in which the server uses its counterpart:

Replies (the server sends, the kiosk reads):
- every kiosk field exists on the server; the kiosk may ignore server fields it does not read
  (the server may add fields without breaking kiosks);
- a field the kiosk requires (no default) is required on the server, and non-nullable unless
  the kiosk accepts None;
- a field the server requires may have a default on the kiosk: the kiosk is only more lenient,
  and we accept it;
- whatever the server may send for a field, the kiosk's type accepts (null included).
Requests (the kiosk sends, the server reads; the kiosk always sends every field of its model):
- every kiosk field exists on the server (the server would silently ignore a stray one);
- every field the server requires is a field of the kiosk's model;
- whatever the kiosk may send for a field, the server's type accepts (None included).
Types: str = string, int = integer, float = number (or integer), bool = boolean,
date = string/date, datetime = string/date-time, list[X] = array of X, tuple[X, Y] = array
with prefixItems, dict[str, X] = object of X, bare dict or Any = anything, a nested model = a
$ref to that model's own counterpart; Decimal = a string or number from the server (it emits
decimal strings), and in requests a field the server takes both as string and as number.
Server enums compare as their base type. Not compared: constraints (lengths, patterns,
ranges): the server checks them and answers 422 with a bilingual message.
"""

import copy
import json
from functools import cache
from typing import ClassVar

import pytest
from pydantic import BaseModel

from kiosk.api.elections import ElectionRecord
from kiosk.api.payments import PaymentIn
from server.app import create_app
from server.config import ServerSettings
from tests.contract import wire

NOT_IN_OPENAPI = {
    "ElectionRecord": "GET /elections/{id}/record has no response model: the record is built "
                      "as a dict and checked whole by election_crypto.verify (tests/elections)",
    "RecordHead": "part of the election record (above)",
}


@cache
def openapi() -> dict:
    settings = ServerSettings(database_url="sqlite://", data_dir="/nonexistent", demo=False)
    return create_app(settings).openapi()


def spec() -> dict:
    return copy.deepcopy(openapi())


def test_every_wire_model_matches_its_server_schema():
    models = wire.kiosk_models()
    assert len(models) > 60  # the discovery found the domain modules
    assert wire.check(models, openapi(), NOT_IN_OPENAPI) == []


def test_the_exemptions_are_the_models_without_a_counterpart():
    without = {m.__name__ for m in wire.kiosk_models() if wire.declared(m) == (True, None)}
    assert without == set(NOT_IN_OPENAPI)
    assert ElectionRecord.model_fields.keys() == {
        "format", "manifest", "base_hash", "board", "head", "tally"}


def test_a_model_without_a_counterpart_fails():
    class Stray(BaseModel):
        value: int

    class Unlisted(BaseModel):
        server_schema: ClassVar[None] = None
        value: int

    problems = wire.check([Stray, Unlisted], openapi(), NOT_IN_OPENAPI)
    assert problems == ["Stray: declares no server_schema",
                        "Unlisted: no counterpart, and not listed as exempt"]


def _drop(schema: dict, field: str) -> None:
    del schema["properties"][field]
    schema["required"] = [f for f in schema.get("required", []) if f != field]


# (what changes on the server, the schema, the change, what the comparison must report)
DRIFTS = [
    ("a reply loses a required field", "PaymentOut",
     lambda s: _drop(s, "receipt_number"), "Payment.receipt_number (reply): the server has no"),
    ("a reply field changes type", "StatementLine",
     lambda s: s["properties"].update(year={"type": "string"}), "StatementLine.year (reply)"),
    ("an amount becomes a date", "Totals",
     lambda s: s["properties"].update(total={"type": "string", "format": "date"}),
     "Totals.total (reply): date not accepted"),
    ("a required reply field becomes nullable", "DocumentOut",
     lambda s: s["properties"].update(code={"anyOf": [{"type": "string"}, {"type": "null"}]}),
     "Document.code (reply): null not accepted"),
    ("a required reply field becomes optional", "ResidentOut",
     lambda s: s["required"].remove("zone_name"), "Resident.zone_name (reply): the kiosk requires"),
    ("a nested model points elsewhere", "ExpedienteOut",
     lambda s: s["properties"].update(office={"$ref": "#/components/schemas/Text"}),
     "Expediente.office (reply): Text not accepted"),
    ("a list's items change type", "ElectionOut",
     lambda s: s["properties"]["zones"].update(items={"type": "string"}),
     "Election.zones (reply)"),
    ("a request gains a required field", "PaymentIn",
     lambda s: (s["properties"].update(terminal={"type": "string"}),
                s["required"].append("terminal")),
     "PaymentIn.terminal (request): the server requires it, the kiosk never sends it"),
    ("a request field is renamed", "CollectIn",
     lambda s: s["properties"].update(cash_tendered=s["properties"].pop("tendered")),
     "CollectIn.tendered (request): the server has no such field"),
    ("a request amount is taken only as a number", "PaymentIn",
     lambda s: s["properties"].update(amount={"type": "number"}),
     "PaymentIn.amount (request): a decimal the server does not take as a string"),
    ("a request field the kiosk may leave empty stops taking null", "FilingIn",
     lambda s: s["properties"].update(ruc={"type": "string"}),
     "FilingIn.ruc (request): null not accepted"),
    ("a schema disappears", "FeeOut", None, "FeeDebt: 'FeeOut' is not in the server's API"),
]


@pytest.mark.parametrize(("what", "schema", "change", "reported"), DRIFTS,
                         ids=[d[0] for d in DRIFTS])
def test_a_drift_on_the_server_is_reported(what, schema, change, reported):
    changed = spec()
    schemas = changed["components"]["schemas"]
    if change is None:  # the route is gone: nothing refers to the schema any more
        changed["paths"] = {path: operations for path, operations in changed["paths"].items()
                            if not path.endswith("/procedures/fees")}
    else:
        change(schemas[schema])
    problems = wire.check(wire.kiosk_models(), changed, NOT_IN_OPENAPI)
    assert any(p.startswith(reported) for p in problems), (what, problems)
    assert wire.check(wire.kiosk_models(), openapi(), NOT_IN_OPENAPI) == []  # copy, not original


def test_a_schema_split_into_input_and_output_still_matches():
    """FastAPI names a schema X-Input and X-Output when its two directions differ."""
    text = json.dumps(openapi()).replace('"#/components/schemas/ResidentOut"',
                                         '"#/components/schemas/ResidentOut-Output"')
    changed = json.loads(text)
    schemas = changed["components"]["schemas"]
    schemas["ResidentOut-Output"] = schemas.pop("ResidentOut")
    assert wire.check(wire.kiosk_models(), changed, NOT_IN_OPENAPI) == []
    schemas["ResidentOut-Output"]["required"].remove("dni")
    assert wire.check(wire.kiosk_models(), changed, NOT_IN_OPENAPI) == [
        "Resident.dni (reply): the kiosk requires it, the server may leave it out"]


def test_a_request_model_sends_what_the_server_reads():
    body = PaymentIn(debt_ids=[1], method="card", amount="829.38",
                     card={"authorization": "123456"})
    assert body.model_dump(mode="json") == {
        "debt_ids": [1], "method": "card", "amount": "829.38", "currency": "PEN",
        "card": {"authorization": "123456", "brand": "", "last4": ""}, "tendered": None}
