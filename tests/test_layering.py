"""The import rules of docs/architecture-server.md, checked on the source (a broken rule fails
here first). Server domains are found, not listed: every `server/<name>/service.py` is one."""

import ast
import importlib
import inspect
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).parents[1]
SERVER = ROOT / "server"
DOMAINS = {path.parent.name for path in SERVER.glob("*/service.py")}
VENDOR = {"smartcard", "escpos", "cryptography", "serial"}
# The platform modules that assemble the domains (they import them, by discovery): a domain
# importing one of these would import itself in a circle.
COMPOSITION_ROOT = {"server.api", "server.app", "server.cli", "server.discovery", "server.migrate",
                    "server.models", "server.demo.seed", "server.tasks.registry",
                    "server.tasks.engine", "server.tasks.local"}


def _module_of(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    package = _module_of(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[:len(package) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def imports(package: str):
    """(file, module) for every import; `from a.b import c` yields `a.b.c` when `c` is a
    module and `a.b` otherwise, so `from server.x import models` counts as `server.x.models`."""
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield path, alias.name
            elif isinstance(node, ast.ImportFrom):
                module = _absolute(path, node)
                for alias in node.names:
                    candidate = f"{module}.{alias.name}"
                    is_module = (ROOT / Path(*candidate.split("."))).with_suffix(".py").exists() \
                        or (ROOT / Path(*candidate.split(".")) / "__init__.py").exists()
                    yield path, candidate if is_module else module


def imported_names(package: str):
    """(file, module, name) for every `from module import name` and every `alias.name` read on
    a module imported under an alias."""
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                module = _absolute(path, node)
                for alias in node.names:
                    candidate = f"{module}.{alias.name}"
                    if (ROOT / Path(*candidate.split("."))).with_suffix(".py").exists():
                        aliases[alias.asname or alias.name] = candidate
                    else:
                        yield path, module, alias.name
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        aliases[alias.asname] = alias.name
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in aliases):
                yield path, aliases[node.value.id], node.attr


def domain_of(path: Path) -> str | None:
    parts = path.relative_to(SERVER).parts
    return parts[0] if len(parts) > 1 and parts[0] in DOMAINS else None


def test_domains_are_found_not_listed():
    from server import discovery

    assert {"accounts", "identity", "offices", "payments", "procedures", "sites"} <= DOMAINS
    assert set(discovery.domains()) == DOMAINS
    assert not {"demo", "kernel", "migrations"} & DOMAINS


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
                "devices.payment.spec", "devices.speech.spec", "devices.speech.espeak",
                "devices.speech.simulated", "devices.scanner.spec", "devices.scanner.simulated",
                "devices.scanner.hid", "devices.scanner.serial")
    allowed = {ROOT / "kiosk/__main__.py", ROOT / "kiosk/app.py"}
    for package in ("kiosk", "screens"):
        for path, module in imports(package):
            if module in backends:
                assert path in allowed, (path, module)


def _reached_domain(module: str) -> str | None:
    target = module.split(".")
    return target[1] if target[0] == "server" and len(target) > 1 and target[1] in DOMAINS \
        else None


def test_server_domains_reach_each_other_only_through_service():
    """Models, schemas and every other module of a domain are its internals."""
    wrong = []
    for path, module in imports("server"):
        other = _reached_domain(module)
        if other is None or other == domain_of(path):
            continue
        if module != f"server.{other}.service":
            wrong.append((str(path.relative_to(ROOT)), module))
    assert not wrong, wrong


def test_domains_stay_below_the_composition_root():
    """Domains do not import what assembles them; only a domain's demo.py uses the demo kit."""
    wrong = []
    for path, module in imports("server"):
        if domain_of(path) is None:
            continue
        demo_kit = module.startswith("server.demo.") and module not in COMPOSITION_ROOT
        if module in COMPOSITION_ROOT or (module.startswith("server.demo")
                                          and not (demo_kit and path.name == "demo.py")):
            wrong.append((str(path.relative_to(ROOT)), module))
    assert not wrong, wrong


def test_the_kernel_knows_no_domain_and_no_database():
    for path, module in imports("server/kernel"):
        assert _reached_domain(module) is None, (path, module)
        assert not module.startswith(("sqlalchemy", "server.db", "server.deps")), (path, module)


def _services() -> dict[str, ModuleType]:
    return {name: importlib.import_module(f"server.{name}.service") for name in sorted(DOMAINS)}


def test_service_modules_expose_no_orm_class_and_no_submodule():
    """A service's public names are functions, values (frozen refs, schemas) and constants:
    never a mapped class (the rows stay in their domain) nor a module of the server."""
    wrong = []
    for name, service in _services().items():
        assert hasattr(service, "__all__"), f"server.{name}.service declares no __all__"
        for attr, value in vars(service).items():
            if attr.startswith("_"):
                continue
            if isinstance(value, type) and hasattr(value, "__mapper__"):
                wrong.append(f"server.{name}.service.{attr} is the ORM class {value.__module__}."
                             f"{value.__qualname__}")
            elif isinstance(value, ModuleType) and value.__name__.startswith("server."):
                wrong.append(f"server.{name}.service.{attr} is the module {value.__name__}")
    assert not wrong, wrong


def test_service_functions_over_the_database_take_keywords_only():
    wrong = []
    for name, service in _services().items():
        for attr in getattr(service, "__all__", []):
            value = getattr(service, attr)
            if not inspect.isfunction(value):
                continue
            params = inspect.signature(value).parameters.values()
            if "db" in inspect.signature(value).parameters and any(
                    p.kind != p.KEYWORD_ONLY for p in params):
                wrong.append(f"server.{name}.service.{attr}")
    assert not wrong, wrong


def test_nobody_reads_a_private_name_or_a_submodule_through_a_service():
    wrong = []
    services = _services()
    for path, module, name in imported_names("server"):
        other = _reached_domain(module)
        if other is None or other == domain_of(path) or module != f"server.{other}.service":
            continue
        value = getattr(services[other], name, None)
        if name.startswith("_") or isinstance(value, ModuleType) or value is None:
            wrong.append((str(path.relative_to(ROOT)), f"{module}.{name}"))
    assert not wrong, wrong


def test_every_device_and_person_parameter_is_typed():
    """`device`, `resident`, `staff` and `session` parameters carry their type (a ref)."""
    names = {"device", "acta_device", "resident", "staff", "session"}
    wrong = []
    for path in SERVER.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                args = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
                wrong += [f"{path.relative_to(ROOT)}:{node.lineno} {node.name}({a.arg})"
                          for a in args if a.arg in names and a.annotation is None]
    assert not wrong, wrong


def test_screens_do_not_import_the_app_shell():
    for path, module in imports("screens"):
        assert module != "kiosk.app", (path, module)


def test_election_crypto_stands_alone():
    """The verifier must run from the record alone: stdlib and libsodium only."""
    for path, module in imports("election_crypto"):
        top = module.split(".")[0]
        assert top in sys.stdlib_module_names or top in {"nacl", "election_crypto"}, (
            path, module)
