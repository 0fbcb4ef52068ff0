"""Mutual TLS through a real nginx (Debian `nginx`) running the shipped configuration
(deploy/nginx/kiosk-server.conf) on 127.0.0.1 in front of a real `kiosk-server run`:

- a kiosk enrols through nginx without a certificate, gets its own, and from then on passes;
- it renews its certificate over mTLS and keeps passing with the new one;
- a device with its credential but without a certificate is refused by nginx (bilingual 401);
- the same forwarded-certificate headers sent straight to uvicorn, not from the proxy, are
  refused by the server;
- a device retired with `kiosk-server revoke-device` is refused by nginx's CRL check once the
  command has written the CRL and reloaded nginx.
"""

import asyncio
import ipaddress
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kiosk import device_certificate
from kiosk.api import ApiClient, ApiError
from kiosk.config import KioskSettings
from kiosk.enrolment import ensure_enrolled, renew_if_due
from tests.conftest import need

pytestmark = pytest.mark.real

ROOT = Path(__file__).parents[2]
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
SHIPPED = ROOT / "deploy/nginx/kiosk-server.conf"
UPSTREAM_SERVER = re.compile(r"^    server 127\.0\.0\.1:\d+(?P<options>[^;]*);\n", re.M)


def with_upstreams(conf: str, ports: list[int]) -> str:
    """The shipped configuration with its upstream servers replaced by these local ports,
    each with the shipped options (max_fails, fail_timeout)."""
    shipped = list(UPSTREAM_SERVER.finditer(conf))
    assert len(shipped) >= 2, "the shipped upstream lists several servers"
    lines = "".join(f"    server 127.0.0.1:{port}{shipped[0]['options']};\n" for port in ports)
    return conf[:shipped[0].start()] + lines + UPSTREAM_SERVER.sub("", conf[shipped[0].start():])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        if process.poll() is not None:
            break
        time.sleep(0.1)
    raise RuntimeError(f"{process.args[0]} did not start:\n{log.read_text()[-3000:]}")


def _server_tls(directory: Path) -> tuple[Path, Path, Path]:
    """The municipality's CA and the server's own TLS certificate for 127.0.0.1 (what the
    kiosk checks the server with, `ca_bundle`; not the device CA)."""
    directory.mkdir()
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test municipal TLS CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - timedelta(hours=1)).not_valid_after(now + timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(hours=1)).not_valid_after(now + timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = directory / "ca.pem", directory / "server.pem", directory / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return paths


class Stack:
    """uvicorn (`kiosk-server run --demo`, client certificates required) behind nginx."""

    def __init__(self, tmp: Path) -> None:
        self.tmp, self.data_dir, self.prefix = tmp, tmp / "data", tmp / "nginx"
        self.app_port, self.port = _free_port(), _free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.tls_ca, self.tls_cert, self.tls_key = _server_tls(tmp / "tls")
        self.main_conf = self.prefix / "nginx.conf"
        self.env = {**os.environ, "KIOSK_SERVER_DATA_DIR": str(self.data_dir),
                    "KIOSK_SERVER_REQUIRE_CLIENT_CERT": "true",
                    "KIOSK_SERVER_CRL_RELOAD_COMMAND":
                        f"{NGINX} -p {self.prefix} -c {self.main_conf} -s reload"}
        self.env.pop("KIOSK_SERVER_DATABASE_URL", None)
        self.processes: list[subprocess.Popen] = []

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "server.cli", *args, "--demo"],
                              env=self.env, capture_output=True, text=True, timeout=120,
                              check=False)

    def start(self) -> "Stack":
        self.data_dir.mkdir()
        log = self.tmp / "server.log"
        with log.open("w") as out:
            server = subprocess.Popen(
                [sys.executable, "-m", "server.cli", "run", "--demo", "--port",
                 str(self.app_port)], env=self.env, stdout=out, stderr=subprocess.STDOUT)
        self.processes.append(server)
        _wait_port(self.app_port, server, log)
        # What the administrator runs once before starting nginx: the CA and a first CRL.
        made = self.cli("publish-crl")
        assert made.returncode == 0, made.stderr
        self._write_nginx_conf()
        error_log = self.prefix / "error.log"
        nginx = subprocess.Popen([NGINX, "-p", str(self.prefix), "-c", str(self.main_conf),
                                  "-e", str(error_log)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        self.processes.append(nginx)
        _wait_port(self.port, nginx, error_log)
        return self

    def _write_nginx_conf(self) -> None:
        shipped = with_upstreams(SHIPPED.read_text(), [self.app_port])
        site = (shipped.replace("listen 443 ssl;", f"listen 127.0.0.1:{self.port} ssl;")
                .replace("/etc/kiosk-server/tls/server.pem", str(self.tls_cert))
                .replace("/etc/kiosk-server/tls/server.key", str(self.tls_key))
                .replace("/var/lib/kiosk-server/", f"{self.data_dir}/"))
        assert site.count(str(self.data_dir)) == 2 and str(self.app_port) in site
        (self.prefix / "tmp").mkdir(parents=True)
        (self.prefix / "kiosk-server.conf").write_text(site)
        temp = "\n".join(f"  {kind}_temp_path {self.prefix}/tmp/{kind};"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        # Root runs its workers as root too: pytest's temporary directories are 0700.
        user = "user root;" if os.geteuid() == 0 else ""
        self.main_conf.write_text(f"""
daemon off;
{user}
worker_processes 1;
pid {self.prefix}/nginx.pid;
error_log {self.prefix}/error.log info;
events {{ worker_connections 64; }}
http {{
  log_format upstream '$request_uri $status upstream=$upstream_addr';
  access_log {self.prefix}/access.log upstream;
{temp}
  include {self.prefix}/kiosk-server.conf;
}}
""")

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()


@pytest.fixture
def stack(tmp_path):
    need(NGINX is not None, "nginx is not installed (apt-get install nginx)")
    stack = Stack(tmp_path)
    try:
        yield stack.start()
    finally:
        stack.stop()


def kiosk_settings(stack: Stack, name: str) -> KioskSettings:
    return KioskSettings(server=stack.url, ca_bundle=stack.tls_ca, demo=True, device_name=name,
                         state_dir=stack.tmp / f"kiosk-{name}")


async def enrolled_kiosk(stack: Stack, name: str) -> tuple[ApiClient, KioskSettings]:
    settings = kiosk_settings(stack, name)
    client = ApiClient(stack.url, verify=str(stack.tls_ca), retries=1)
    await ensure_enrolled(client, settings)
    return client, settings


async def test_a_kiosk_enrols_over_nginx_and_then_proves_itself_with_its_certificate(
        stack, monkeypatch):
    client, settings = await enrolled_kiosk(stack, "kiosk-mtls")
    files = device_certificate.CertFiles.under(settings.state_dir)
    assert files.identity.stat().st_mode & 0o777 == 0o600  # the key never readable by others
    first = x509.load_pem_x509_certificate(files.identity.read_bytes())
    me = await client.devices.me()
    assert me.name == "kiosk-mtls" and me.site_name
    await client.devices.heartbeat(software_version="1", reader_status="ok",
                                   printer_status="online", paper_status="ok", last_error=None)

    # Renewal, as the heartbeat does it when a third of the lifetime is left (made due here).
    assert not await renew_if_due(client, settings)
    monkeypatch.setattr(device_certificate, "RENEW_WHEN_LEFT", 1.01)
    assert await renew_if_due(client, settings)
    second = x509.load_pem_x509_certificate(files.identity.read_bytes())
    assert second.serial_number != first.serial_number
    assert second.public_key() != first.public_key()  # a new key, too
    assert (await client.devices.me()).name == "kiosk-mtls"  # over the new certificate

    # A kiosk restarted keeps using what it stored.
    await client.aclose()
    again = ApiClient(stack.url, verify=str(stack.tls_ca), retries=1)
    await ensure_enrolled(again, settings)
    assert (await again.devices.me()).id == me.id
    await again.aclose()


async def test_a_device_without_its_certificate_is_refused_by_nginx(stack):
    client, _ = await enrolled_kiosk(stack, "kiosk-nocert")
    bare = ApiClient(stack.url, verify=str(stack.tls_ca), retries=1,
                     credential=client.credential)  # the credential alone, copied elsewhere
    with pytest.raises(ApiError) as refused:
        await bare.devices.me()
    assert refused.value.status == 401 and refused.value.code == "client_certificate_required"
    assert "certificado" in refused.value.message.es
    assert "certificate" in refused.value.message.en
    # nginx answered itself: the request never went upstream.
    lines = (stack.prefix / "access.log").read_text().splitlines()
    assert "/api/v1/devices/self 401 upstream=-" in lines
    await bare.aclose()
    await client.aclose()


async def test_forwarded_certificate_headers_sent_straight_to_uvicorn_are_not_believed(stack):
    client, settings = await enrolled_kiosk(stack, "kiosk-spoofed")
    identity = device_certificate.CertFiles.under(settings.state_dir).identity.read_text()
    cert_pem = identity[identity.index("-----BEGIN CERTIFICATE-----"):]
    headers = {"Authorization": f"Bearer {client.credential}",
               "X-Client-Cert": quote(cert_pem, safe=""), "X-Client-Verify": "SUCCESS",
               "X-Forwarded-For": "127.0.0.1"}
    # From another address than the proxy's (127.0.0.1): someone who reached uvicorn itself.
    transport = httpx.AsyncHTTPTransport(local_address="127.0.0.3")
    async with httpx.AsyncClient(transport=transport) as http:
        spoofed = await http.get(f"http://127.0.0.1:{stack.app_port}/api/v1/devices/self",
                                 headers=headers)
    assert spoofed.status_code == 401
    assert spoofed.json()["code"] == "client_certificate_required"
    assert (await client.devices.me()).name == "kiosk-spoofed"  # through nginx it passes
    await client.aclose()


async def test_a_revoked_device_is_refused_by_nginx_after_the_cli_reloads_it(stack):
    client, settings = await enrolled_kiosk(stack, "kiosk-stolen")
    me = await client.devices.me()
    await client.aclose()

    revoked = stack.cli("revoke-device", "--device", str(me.id), "--reason", "robado")
    assert revoked.returncode == 0, revoked.stderr
    crl = x509.load_pem_x509_crl((stack.data_dir / "device-ca/crl.pem").read_bytes())
    assert len(list(crl)) == 1

    # A graceful reload: new connections meet the new CRL within moments.
    deadline = time.monotonic() + 10
    while True:
        stolen = ApiClient(stack.url, verify=str(stack.tls_ca), retries=1)
        stolen.credential = client.credential
        stolen.use_client_certificate(
            str(device_certificate.CertFiles.under(settings.state_dir).identity))
        response = await stolen.transport._http.get(
            "/api/v1/devices/self", headers={"Authorization": f"Bearer {client.credential}"})
        await stolen.aclose()
        # The server refuses the revoked credential at once (401); nginx, once reloaded, refuses
        # the certificate itself (400) before the request reaches the server: wait for that.
        if response.status_code == 400 or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.2)
    # 400 from nginx's certificate check (the server itself would say 401): the CRL refused it.
    assert response.status_code == 400
    assert "SSL certificate error" in response.text
    # Another kiosk's certificate still passes: only the stolen one is on the list.
    other, _ = await enrolled_kiosk(stack, "kiosk-other")
    assert (await other.devices.me()).name == "kiosk-other"
    await other.aclose()
