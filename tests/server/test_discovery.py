"""A new server domain is its own folder and nothing else: in a copy of `server/`, a throw-away
domain `zz_wifi` is added as one folder, and a fresh interpreter finds its routes (with and
without a device credential), its table, its Alembic branch, its demo data and its command,
while every other file of the copy is byte for byte the repository's."""

import filecmp
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from alembic.script import ScriptDirectory

from server.migrate import MIGRATIONS, alembic_config

ROOT = Path(__file__).parents[2]

DOMAIN = {
    "__init__.py": '"""A throw-away domain: public Wi-Fi vouchers."""\n',
    "service.py": """
        from server.zz_wifi.vouchers import count

        __all__ = ["count"]
    """,
    "models.py": """
        from sqlalchemy import ForeignKey, String
        from sqlalchemy.orm import Mapped, mapped_column

        from server.db import Base


        class Voucher(Base):
            __tablename__ = "zz_wifi_vouchers"

            id: Mapped[int] = mapped_column(primary_key=True)
            code: Mapped[str] = mapped_column(String(16), unique=True)
            resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    """,
    "vouchers.py": """
        from sqlalchemy import func, select
        from sqlalchemy.orm import Session

        from server.zz_wifi.models import Voucher


        def count(*, db: Session) -> int:
            return db.execute(select(func.count(Voucher.id))).scalar_one()
    """,
    "routes.py": """
        from fastapi import APIRouter

        from server.deps import DbDep
        from server.zz_wifi import vouchers

        router = APIRouter(prefix="/zz-wifi", tags=["zz-wifi"])
        public_router = APIRouter(prefix="/zz-wifi", tags=["zz-wifi"])


        @router.get("/vouchers/count")
        def voucher_count(db: DbDep) -> dict:
            return {"vouchers": vouchers.count(db=db)}


        @public_router.get("/hotspots")
        def hotspots() -> list[str]:
            return ["Parque Kennedy"]
    """,
    "demo.py": """
        from pathlib import Path

        from sqlalchemy.orm import Session

        from server.zz_wifi.models import Voucher

        ORDER = 95


        def seed(*, db: Session, data_dir: Path) -> list[str]:
            if db.get(Voucher, 1) is None:
                db.add(Voucher(id=1, code="WIFI-DEMO-0001"))
            return ["Wi-Fi: 1 voucher demo"]
    """,
    "cli.py": """
        import argparse


        def hello(args: argparse.Namespace) -> int:
            print(f"hola {args.name}")
            return 0


        def register(sub, common: argparse.ArgumentParser) -> None:
            wifi = sub.add_parser("zz-wifi", help="public Wi-Fi")
            wifi_sub = wifi.add_subparsers(dest="wifi_command", required=True)
            say = wifi_sub.add_parser("hello", parents=[common])
            say.add_argument("name")
            say.set_defaults(func=hello)
    """,
    "migrations/zz_wifi_0001_vouchers.py": """
        import sqlalchemy as sa
        from alembic import op

        revision = "zz_wifi_0001"
        down_revision = None
        branch_labels = ("zz_wifi",)
        depends_on = "{platform_head}"


        def upgrade() -> None:
            op.create_table(
                "zz_wifi_vouchers",
                sa.Column("id", sa.Integer(), nullable=False),
                sa.Column("code", sa.String(length=16), nullable=False),
                sa.Column("resident_id", sa.Integer(), nullable=True),
                sa.ForeignKeyConstraint(["resident_id"], ["residents.id"],
                                        name="fk_zz_wifi_vouchers_resident_id_residents"),
                sa.PrimaryKeyConstraint("id", name="pk_zz_wifi_vouchers"),
                sa.UniqueConstraint("code", name="uq_zz_wifi_vouchers_code"))


        def downgrade() -> None:
            op.drop_table("zz_wifi_vouchers")
    """,
}

PROBE = """
import asyncio, contextlib, io, json, sys
from pathlib import Path

import httpx
from sqlalchemy import inspect, text

import server
from server import discovery
from server.app import create_app
from server.cli import main
from server.config import ServerSettings
from server.db import Database
from server.demo.seed import seed
from server.migrate import upgrade
from server.models import Base

work = Path(sys.argv[1])
url = f"sqlite:///{work / 'probe.db'}"
upgrade(url)
database = Database(url)
with database.engine.connect() as conn:
    tables = set(inspect(conn).get_table_names())
    heads = sorted(r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version")))
with database.sessionmaker() as db:
    lines = seed(db=db, data_dir=work / "data", election=False)
with database.sessionmaker() as db:
    vouchers = db.execute(text("SELECT code FROM zz_wifi_vouchers")).scalars().all()

async def calls():
    app = create_app(ServerSettings(database_url=url, data_dir=work / "data", demo=True))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://t") as client:
        public = await client.get("/api/v1/zz-wifi/hotspots")
        guarded = await client.get("/api/v1/zz-wifi/vouchers/count")
        enrolled = await client.post("/api/v1/devices/enroll", json={
            "token": "DEMO-MIRAFLORES", "name": "probe", "kind": "kiosk"})
        credential = enrolled.json()["credential"]
        counted = await client.get("/api/v1/zz-wifi/vouchers/count",
                                   headers={"Authorization": f"Bearer {credential}"})
    return public, guarded, counted

public, guarded, counted = asyncio.run(calls())
out = io.StringIO()
with contextlib.redirect_stdout(out):
    status = main(["zz-wifi", "hello", "Rosa"])
print(json.dumps({
    "server": server.__file__, "domains": discovery.domains(),
    "metadata": "zz_wifi_vouchers" in Base.metadata.tables, "tables": sorted(tables),
    "heads": heads, "seed": lines, "vouchers": vouchers,
    "public": [public.status_code, public.json()], "guarded": guarded.status_code,
    "counted": [counted.status_code, counted.json()], "cli": [status, out.getvalue()],
}))
"""


def _platform_head() -> str:
    """The head of the platform's own chain (domains' branches are heads too)."""
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return next(h for h in script.get_heads()
                if Path(script.get_revision(h).path).parent == MIGRATIONS / "versions")


def test_a_new_domain_is_one_folder(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(ROOT / "server", copy / "server",
                    ignore=shutil.ignore_patterns("__pycache__"))
    domain = copy / "server" / "zz_wifi"
    for name, body in DOMAIN.items():
        path = domain / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body).lstrip().replace(
            "{platform_head}", _platform_head()), encoding="utf-8")

    # Nothing outside the new folder was touched.
    compared = filecmp.dircmp(ROOT / "server", copy / "server", ignore=["__pycache__"])
    assert _differences(compared) == []
    assert compared.right_only == ["zz_wifi"]

    env = {**os.environ, "PYTHONPATH": str(copy)}
    run = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path)], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout.strip().splitlines()[-1])
    assert found["server"].startswith(str(copy))  # the copy ran, not the repository
    assert "zz_wifi" in found["domains"] and found["metadata"]
    # Its own Alembic branch ran, after the platform chain it depends on.
    assert {"zz_wifi_vouchers", "residents", "expedientes"} <= set(found["tables"])
    assert "zz_wifi_0001" in found["heads"]
    assert found["seed"][-3] == "Wi-Fi: 1 voucher demo"  # after every other domain's demo
    assert found["vouchers"] == ["WIFI-DEMO-0001"]
    assert found["public"] == [200, ["Parque Kennedy"]]
    assert found["guarded"] == 401  # `router` sits behind the device credential
    assert found["counted"] == [200, {"vouchers": 1}]
    assert found["cli"] == [0, "hola Rosa\n"]


def _differences(cmp: filecmp.dircmp) -> list[str]:
    found = [f"{cmp.left}/{name}" for name in cmp.diff_files + cmp.left_only + cmp.funny_files]
    found += [f"{cmp.right}/{name}" for name in cmp.right_only if name != "zz_wifi"]
    for sub in cmp.subdirs.values():
        found += _differences(sub)
    return found
