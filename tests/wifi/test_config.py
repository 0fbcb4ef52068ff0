"""The FreeRADIUS configuration is generated from the project's files and the hotspot registry:
every client requires Message-Authenticator, the server is reached over the loopback or TLS
only; a RADIUS server's token is shown once and only its hash kept."""

from pathlib import Path

from sqlalchemy import select

from server.cli import main
from server.wifi.models import RadiusServer


def test_the_cli_writes_the_configuration(settings, database, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("KIOSK_SERVER_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KIOSK_SERVER_DATA_DIR", str(settings.data_dir))
    assert main(["wifi", "radius-token", "radius-1"]) == 0
    token = capsys.readouterr().out.rsplit(" ", 1)[-1].strip()
    assert token.startswith("rad_")  # never "-…", which the command line below takes for an option
    with database.sessionmaker() as db:
        row = db.execute(select(RadiusServer).where(RadiusServer.name == "radius-1")).scalar_one()
        assert token not in row.token_sha256 and len(row.token_sha256) == 64
    out = tmp_path / "raddb"
    assert main(["wifi", "freeradius-config", "--out", str(out), "--token", token,
                 "--server-url", "http://127.0.0.1:8765"]) == 0
    clients = (out / "clients.conf").read_text()
    assert clients.count("client ") == 1  # the demo hotspots share the loopback
    assert clients.count("require_message_authenticator = yes") == 1
    site = (out / "sites-enabled" / "wifi").read_text()
    assert f"Bearer {token}" in site and "@@" not in site
    assert "http://127.0.0.1:8765/api/v1/wifi/radius/authorize" not in site
    assert 'connect_uri = "http://127.0.0.1:8765"' in (out / "mods-enabled" / "rest").read_text()
    assert main(["wifi", "freeradius-config", "--out", str(tmp_path / "x"), "--token", token,
                 "--server-url", "http://10.0.0.5:8765"]) == 2  # passwords in clear: refused
    assert "https" in capsys.readouterr().out
    assert not Path(tmp_path / "x").exists()
