"""Finding the domains, so that adding one needs no edit outside its folder.

A domain is a package `server/<name>/` with a `service.py` (its public face). By convention a
domain may also have `models.py` (its tables), `routes.py` (`router`: under /api/v1 with a
device credential; `public_router`: under /api/v1 without one; `root_router`: at the site
root), `migrations/` (its own Alembic branch), `demo.py` (`seed(*, db, data_dir)` and
`ORDER`), `cli.py` (`register(subparsers, common)`) and `tasks.py` (`TASKS`: background
work, docs/tasks.md). The composition root (api, models,
migrate, cli, demo.seed) asks here for them.
"""

import importlib
from pathlib import Path
from types import ModuleType

import server


def _roots() -> list[Path]:
    return [Path(p) for p in server.__path__]


def domains() -> list[str]:
    """The domains' names, sorted."""
    return sorted({service.parent.name for root in _roots()
                   for service in root.glob("*/service.py")})


def modules(name: str) -> list[tuple[str, ModuleType]]:
    """(domain, module) for every domain that has a module `name`, e.g. "routes"."""
    found = []
    for domain in domains():
        if any((root / domain / f"{name}.py").exists() for root in _roots()):
            found.append((domain, importlib.import_module(f"server.{domain}.{name}")))
    return found


def migration_dirs() -> list[Path]:
    """The `migrations/` folders of the domains that carry their own Alembic branch."""
    return [root / domain / "migrations" for domain in domains() for root in _roots()
            if (root / domain / "migrations").is_dir()]
