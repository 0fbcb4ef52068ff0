"""Checking OCDS 1.1.5 packages offline: the JSON Schemas in tests/procurement/data (Draft 4,
their `$ref`s resolved by a registry, never fetched) and the closed codelists apart (a schema
alone does not catch every wrong code)."""

import csv
import json
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

DATA = Path(__file__).parent / "data"
BASE = "https://standard.open-contracting.org/schema/1__1__5/"


@cache
def registry() -> Registry:
    resources = []
    for name in ("release-schema.json", "release-package-schema.json",
                 "record-package-schema.json"):
        contents = json.loads((DATA / name).read_text(encoding="utf-8"))
        resources.append((BASE + name, Resource.from_contents(contents,
                                                              default_specification=DRAFT4)))
    return Registry().with_resources(resources)


def validator(name: str) -> Draft4Validator:
    schema = registry().contents(BASE + name)
    return Draft4Validator(schema, registry=registry(), format_checker=FormatChecker())


def schema_errors(package: dict, name: str) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator(name).iter_errors(package)]


@cache
def codes(codelist: str) -> frozenset[str]:
    with (DATA / "codelists" / f"{codelist}.csv").open(encoding="utf-8") as f:
        return frozenset(row["Code"] for row in csv.DictReader(f))


def codelist_errors(release: dict) -> list[str]:
    """Every closed code of a release, checked against its codelist (and our own rules:
    procurementMethod limited or direct, money in PEN)."""
    errors = []

    def check(value, codelist, where):
        if value is not None and value not in codes(codelist):
            errors.append(f"{where}: {value!r} not in {codelist}")

    for tag in release.get("tag", []):
        check(tag, "releaseTag", "tag")
    check(release.get("initiationType"), "initiationType", "initiationType")
    tender = release.get("tender", {})
    check(tender.get("status"), "tenderStatus", "tender.status")
    check(tender.get("procurementMethod"), "method", "tender.procurementMethod")
    if tender.get("procurementMethod") not in ("limited", "direct"):
        errors.append(f"procurementMethod {tender.get('procurementMethod')!r}: a small purchase "
                      "is limited or direct")
    check(tender.get("mainProcurementCategory"), "procurementCategory",
          "tender.mainProcurementCategory")
    for method in tender.get("submissionMethod", []):
        check(method, "submissionMethod", "tender.submissionMethod")
    for party in release.get("parties", []):
        for role in party.get("roles", []):
            check(role, "partyRole", f"party {party['id']}")
    for award in release.get("awards", []):
        check(award.get("status"), "awardStatus", "award.status")
    for contract in release.get("contracts", []):
        check(contract.get("status"), "contractStatus", "contract.status")

    def money(node, where):
        if isinstance(node, dict):
            if "currency" in node:
                check(node["currency"], "currency", where)
                if node["currency"] != "PEN":
                    errors.append(f"{where}: currency {node['currency']} is not PEN")
            for k, v in node.items():
                money(v, f"{where}/{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                money(v, f"{where}/{i}")

    money(release, "")
    return errors
