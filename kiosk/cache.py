"""Public reads kept for when the server is away (docs/offline.md): the last good answer of
each (the TUPA catalogue first), with when it was fetched, so a screen can show it offline
and say how old it is. Only public data is kept here, never a person's."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

DIR = "cache"


@dataclass(frozen=True)
class Kept:
    data: Any
    fetched_at: datetime

    def age(self, now: datetime | None = None) -> timedelta:
        return max((now or datetime.now(UTC)) - self.fetched_at, timedelta(0))


def _path(state_dir: Path, name: str) -> Path:
    return state_dir / DIR / f"{name}.json"


def keep(state_dir: Path, name: str, data: Any, *, now: datetime | None = None) -> None:
    """Keep this answer (replacing the one before at once: a reader never sees half)."""
    path = _path(state_dir, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    # A file of its own per writer: two screens keeping the same read at once never mix.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w") as out:
            out.write(json.dumps({"fetched_at": (now or datetime.now(UTC)).isoformat(),
                                  "data": data}))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read(state_dir: Path, name: str) -> Kept | None:
    try:
        kept = json.loads(_path(state_dir, name).read_text())
        return Kept(data=kept["data"], fetched_at=datetime.fromisoformat(kept["fetched_at"]))
    except (OSError, ValueError, KeyError):
        return None  # never kept, or unreadable: as if there were no copy
