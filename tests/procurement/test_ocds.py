"""Open contracting data: every stage of a request (planning, tender, tenderUpdate, award,
contract; void and cancelled ones too) published at once as OCDS 1.1 releases; each release
package, record package (compiled by ocdskit) and the whole feed valid against the OCDS 1.1.5
schema, offline, and every closed code in its codelist."""

import httpx
import pytest

from tests.procurement.ocds_check import codelist_errors, schema_errors
from tests.procurement.rig import (
    LARCO,
    ROSA_RUC,
    SECOND,
    committee,
    key,
    pass_deadline,
    prices,
    representative,
    request_body,
)


async def anyone(server_app, path: str) -> dict:
    """A GET with no device credential at all: open data is open."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=server_app),
                                 base_url="http://anyone.test") as http:
        response = await http.get(path)
        assert response.status_code == 200, response.text
        return response.json()


def valid_release_package(package: dict) -> None:
    assert schema_errors(package, "release-package-schema.json") == []
    for release in package["releases"]:
        assert codelist_errors(release) == [], release["id"]


async def test_every_stage_is_valid_ocds(make_client, cards_dir, database, server_app):
    logistica, keys, _ = await committee(make_client)
    req = await logistica.procurement.publish(request_body(invited=(ROSA_RUC, LARCO)))
    package = await anyone(server_app, f"/api/v1/ocds/releases/{req.ocid}")
    assert [r["tag"] for r in package["releases"]] == [["planning"], ["tender"]]
    tender = package["releases"][1]["tender"]
    assert tender["procurementMethod"] == "limited" and tender["value"]["currency"] == "PEN"
    assert tender["status"] == "active" and len(tender["items"]) == 2
    valid_release_package(package)
    for ruc, paint in ((ROSA_RUC, "61.00"), (LARCO, "60.00")):
        client = await representative(make_client, cards_dir, ruc)
        await client.procurement.submit(req, ruc=ruc, prices=prices(paint, "9.00"),
                                        delivery_days=5, validity_days=30,
                                        idempotency_key=key())
    pass_deadline(database, req.code)
    await logistica.procurement.open(req.code, committee=keys, second_official=SECOND,
                                     second_password="Miraflores2026")
    await logistica.procurement.award(req.code)
    done = await logistica.procurement.order(req.code)

    package = await anyone(server_app, f"/api/v1/ocds/releases/{req.ocid}")
    assert [r["tag"][0] for r in package["releases"]] == [
        "planning", "tender", "tenderUpdate", "award", "contract"]
    valid_release_package(package)
    last = package["releases"][-1]
    assert last["tender"]["status"] == "complete" and last["tender"]["numberOfTenderers"] == 2
    assert last["awards"][0]["suppliers"][0]["id"] == f"PE-RUC-{LARCO}"
    assert last["contracts"][0]["id"] == done.order_number
    assert "supplier" in next(p for p in last["parties"]
                              if p["id"] == f"PE-RUC-{LARCO}")["roles"]
    # Before the award nobody's prices were in the open data either.
    assert "awards" not in package["releases"][2]

    records = await anyone(server_app, f"/api/v1/ocds/records/{req.ocid}")
    assert schema_errors(records, "record-package-schema.json") == []
    record = records["records"][0]
    assert record["ocid"] == req.ocid and len(record["releases"]) == 5
    compiled = record["compiledRelease"]
    assert compiled["tender"]["status"] == "complete" and compiled["contracts"]
    assert codelist_errors(compiled) == []

    # A request to one supplier alone (direct), cancelled; another void after its opening.
    direct = await logistica.procurement.publish(request_body(invited=(ROSA_RUC,)))
    await logistica.procurement.cancel(direct.code, reason="Se atenderá con stock del almacén")
    void = await logistica.procurement.publish(request_body(invited=(LARCO,)))
    pass_deadline(database, void.code)
    await logistica.procurement.open(void.code, committee=keys, second_official=SECOND,
                                     second_password="Miraflores2026")
    ended = await logistica.procurement.void(void.code, reason="Ninguna cotización recibida")
    assert ended.state == "desierta"
    feed = await anyone(server_app, "/api/v1/ocds/releases")
    valid_release_package(feed)
    by_ocid = {}
    for r in feed["releases"]:
        by_ocid.setdefault(r["ocid"], []).append(r)
    cancelled = by_ocid[direct.ocid][-1]
    assert cancelled["tag"] == ["tenderCancellation"]
    assert cancelled["tender"]["status"] == "cancelled"
    assert cancelled["tender"]["procurementMethod"] == "direct"
    assert by_ocid[void.ocid][-1]["tender"]["status"] == "unsuccessful"


def test_a_wrong_code_is_caught_even_where_the_schema_lets_it_pass():
    release = {"ocid": "ocds-mflr26-X", "id": "1", "date": "2026-11-30T00:00:00Z",
               "tag": ["tender"], "initiationType": "tender",
               "tender": {"id": "X", "procurementMethod": "open", "status": "active",
                          "value": {"amount": 1, "currency": "USD"}}}
    assert schema_errors({"uri": "https://x.test", "version": "1.1",
                          "publishedDate": "2026-11-30T00:00:00Z",
                          "publisher": {"name": "x"}, "releases": [release]},
                         "release-package-schema.json") == []
    errors = codelist_errors(release)
    assert any("procurementMethod 'open'" in e for e in errors)
    assert any("USD is not PEN" in e for e in errors)
    release["tender"]["status"] = "evaluation"
    assert schema_errors({"uri": "https://x.test", "version": "1.1",
                          "publishedDate": "2026-11-30T00:00:00Z",
                          "publisher": {"name": "x"}, "releases": [release]},
                         "release-package-schema.json")


@pytest.mark.parametrize("path", ["/api/v1/ocds/releases/ocds-mflr26-NOPE",
                                  "/api/v1/ocds/records/ocds-mflr26-NOPE"])
async def test_an_unknown_ocid_is_a_bilingual_404(server_app, path):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=server_app),
                                 base_url="http://anyone.test") as http:
        response = await http.get(path)
    assert response.status_code == 404
    assert response.json()["message"]["en"].startswith("There is no contracting data")


def test_the_command_line_exports_valid_packages(settings, database, monkeypatch, capsys,
                                                  tmp_path):
    import json

    from server.cli import main as server_main

    monkeypatch.setenv("KIOSK_SERVER_DATABASE_URL", settings.database_url)
    out = tmp_path / "releases.json"
    assert server_main(["procurement", "export-ocds", "--out", str(out)]) == 0
    package = json.loads(out.read_text(encoding="utf-8"))
    valid_release_package(package)
    ocid = package["releases"][0]["ocid"]  # the demo's request
    records = tmp_path / "record.json"
    assert server_main(["procurement", "export-ocds", "--records", "--ocid", ocid,
                        "--out", str(records)]) == 0
    assert schema_errors(json.loads(records.read_text(encoding="utf-8")),
                         "record-package-schema.json") == []
    assert server_main(["procurement", "export-ocds", "--records", "--out",
                        str(records)]) == 1
    assert "Give --ocid" in capsys.readouterr().err
