"""The import rules of DESIGN.md, checked on the source (a broken rule fails here first)."""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
DOMAINS = {"accounts", "audit", "auth", "documents", "elections", "identity", "idempotency",
           "info", "payments", "procedures", "sites"}
VENDOR = {"smartcard", "escpos", "cryptography"}


def imports(package: str):
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield path, alias.name
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                yield path, node.module


def test_server_and_clients_never_import_each_other():
    for path, module in imports("server"):
        assert module.split(".")[0] not in {"kiosk", "screens", "devices"}, (path, module)
    for package in ("kiosk", "screens", "devices"):
        for path, module in imports(package):
            assert module.split(".")[0] != "server", (path, module)


def test_devices_use_only_the_standard_library_and_vendor_libraries():
    for path, module in imports("devices"):
        top = module.split(".")[0]
        assert top in sys.stdlib_module_names or top in VENDOR or top == "devices", (
            path, module)


def test_only_the_composition_root_picks_device_backends():
    backends = ("devices.card.pcsc", "devices.card.simulated", "devices.printer.spec",
                "devices.printer.network", "devices.printer.usb", "devices.payment.simulated",
                "devices.payment.spec")
    allowed = {ROOT / "kiosk/__main__.py", ROOT / "kiosk/app.py"}
    for package in ("kiosk", "screens"):
        for path, module in imports(package):
            if module in backends:
                assert path in allowed, (path, module)


def test_server_domains_reach_each_other_only_through_service():
    for path, module in imports("server"):
        parts = path.relative_to(ROOT / "server").parts
        if len(parts) < 2 or parts[0] not in DOMAINS:
            continue
        target = module.split(".")
        if (target[0] == "server" and len(target) > 2 and target[1] in DOMAINS
                and target[1] != parts[0]):
            assert target[2] == "service", (path, module)


def test_screens_do_not_import_the_app_shell():
    for path, module in imports("screens"):
        assert module != "kiosk.app", (path, module)


def test_election_crypto_stands_alone():
    """The verifier must run from the record alone: stdlib and libsodium only."""
    for path, module in imports("election_crypto"):
        top = module.split(".")[0]
        assert top in sys.stdlib_module_names or top in {"nacl", "election_crypto"}, (
            path, module)
