"""What the `kiosk-server` commands share, the platform's and every domain's `cli.py`: the
`--demo` switch, settings and database from the environment, and how a Problem is told."""

import argparse
import os
import sys
from pathlib import Path

from server.config import ServerSettings
from server.db import Database
from server.errors import Problem


def common_parser() -> argparse.ArgumentParser:
    """The parent parser of every command that touches the database (`--demo`)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--demo", action="store_true",
                        help="demo mode: SQLite in var/demo, demo data, demo enrolment token")
    return common


def settings_for(args: argparse.Namespace) -> ServerSettings:
    overrides: dict = {}
    if getattr(args, "demo", False):
        data_dir = Path(os.environ.get("KIOSK_SERVER_DATA_DIR", "var/demo"))
        overrides |= {"demo": True, "data_dir": data_dir}
        if "KIOSK_SERVER_BANK_SECRETS" not in os.environ:
            overrides["bank_secrets"] = {"BANCO-DEMO": "demo-bank-secret"}
        if "KIOSK_SERVER_DATABASE_URL" not in os.environ:
            overrides["database_url"] = f"sqlite:///{data_dir / 'demo.db'}"
    return ServerSettings(**overrides)


def database_for(args: argparse.Namespace) -> Database:
    return Database(settings_for(args).database_url)


def told(exc: Problem) -> int:
    """Print a refusal in both languages; the command's exit status."""
    print(f"{exc.es} / {exc.en}", file=sys.stderr)
    return 1
