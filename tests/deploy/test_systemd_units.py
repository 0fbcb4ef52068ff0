"""Both units pass `systemd-analyze verify` (the binaries' install path is mapped to this venv)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
INSTALL_BIN = "/opt/miraflores-kiosk/.venv/bin/"


@pytest.mark.parametrize("unit", ["kiosk.service", "kiosk-server.service",
                                  "deploy/systemd/kiosk-crl-publish.service",
                                  "deploy/systemd/kiosk-crl-publish.timer",
                                  "deploy/systemd/kiosk-crl-reload.path",
                                  "deploy/systemd/kiosk-crl-reload.service",
                                  "deploy/systemd/kiosk-server-worker.service",
                                  "deploy/systemd/kiosk-server@.service"])
def test_unit_verifies(unit, tmp_path):
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze is not installed")
    text = (ROOT / unit).read_text()
    assert INSTALL_BIN in text or not unit.endswith("kiosk-server.service")
    unit = Path(unit).name
    # A .path or .timer is verified beside the unit it starts.
    for sibling in (ROOT / "deploy/systemd").glob("*"):
        (tmp_path / sibling.name).write_text(sibling.read_text().replace(
            INSTALL_BIN, str(Path(sys.executable).parent) + "/"))
    (tmp_path / unit).write_text(text.replace(INSTALL_BIN, str(Path(sys.executable).parent) + "/"))
    result = subprocess.run(["systemd-analyze", "verify", str(tmp_path / unit)],
                            capture_output=True, text=True)
    # systemd-analyze warns (exit 0) on unknown keys or bad values: require silence about our
    # unit. It also loads the machine's own units and warns about theirs (Debian's
    # freeradius.service uses MemoryLimit=): those lines name another file and are not ours.
    output = "\n".join(line for line in (result.stdout + result.stderr).splitlines()
                       if line.strip() and not line.startswith(("/lib/systemd/", "/usr/lib/systemd/",
                                                                 "/etc/systemd/")))
    assert result.returncode == 0 and not output, output


def test_kiosk_unit_runs_on_tty1_and_restarts():
    unit = (ROOT / "kiosk.service").read_text()
    for line in ("Restart=always", "TTYPath=/dev/tty1", "StandardError=tty", "User=kiosk",
                 "NoNewPrivileges=yes", "ProtectSystem=strict", "DevicePolicy=closed",
                 "After=systemd-user-sessions.service network-online.target pcscd.service",
                 # speech: ALSA's devices for the headphone jack, as a member of "audio"
                 "DeviceAllow=char-alsa rw"):
        assert line in unit
    assert "audio" in unit.split("SupplementaryGroups=")[1].splitlines()[0].split()


def test_worker_unit_runs_the_tasks_with_the_servers_settings():
    worker = (ROOT / "deploy/systemd/kiosk-server-worker.service").read_text()
    server = (ROOT / "kiosk-server.service").read_text()
    assert f"ExecStart={INSTALL_BIN}kiosk-server worker" in worker
    for line in ("EnvironmentFile=-/etc/kiosk-server/env", "User=kiosk-server",
                 "Environment=KIOSK_SERVER_DATA_DIR=/var/lib/kiosk-server", "Restart=on-failure"):
        assert line in worker and line in server



def test_the_second_server_instance_serves_its_port_and_never_migrates():
    """nginx's upstream lists 8765 (kiosk-server.service) and 8766: the template's instance
    kiosk-server@8766 runs that one, with the first one's settings, after it has migrated."""
    instance = (ROOT / "deploy/systemd/kiosk-server@.service").read_text()
    server = (ROOT / "kiosk-server.service").read_text()
    nginx = (ROOT / "deploy/nginx/kiosk-server.conf").read_text()
    assert f"ExecStart={INSTALL_BIN}kiosk-server run --host 127.0.0.1 --port %i" in instance
    assert "db upgrade" not in instance and "db upgrade" in server
    assert "kiosk-server.service" in instance.split("After=")[1].splitlines()[0]
    for line in ("EnvironmentFile=-/etc/kiosk-server/env", "User=kiosk-server",
                 "Environment=KIOSK_SERVER_DATA_DIR=/var/lib/kiosk-server", "Restart=on-failure"):
        assert line in instance
    assert "server 127.0.0.1:8765 " in nginx and "server 127.0.0.1:8766 " in nginx
