"""The command-line tools an administrator uses: printer checks, staff accounts, enrolment."""

import subprocess
import sys
import time

import pytest

from server.cli import main as server_main
from tests.rigs.escpos_decode import decode
from tests.rigs.escpos_listener import EscposListener


def kiosk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True,
                          text=True, timeout=60)


def test_printer_test_prints_accents_qr_and_cut():
    with EscposListener() as printer:
        result = kiosk("printer", "test", printer.spec)
        assert result.returncode == 0, result.stderr
        for _ in range(100):
            if printer.jobs:
                break
            time.sleep(0.02)
    paper = decode(printer.printed)
    assert "Ñusta Íñiguez Güemes" in paper.text and "¿? ¡!" in paper.text
    assert paper.qr == ["https://example.invalid/verify/TEST-TEST-TEST"] and paper.cuts == 1
    assert "PRUEBA DE IMPRESORA" in result.stdout  # the preview


def test_printer_status_and_paper_out():
    with EscposListener(paper="out") as printer:
        status = kiosk("printer", "status", printer.spec)
        test = kiosk("printer", "test", printer.spec)
    assert "papel / paper: out" in status.stdout
    assert test.returncode == 1 and "no tiene papel" in test.stderr


def test_bad_printer_spec_is_explained():
    result = kiosk("printer", "status", "lpt1")
    assert result.returncode == 2 and "tcp:HOST[:PORT]" in result.stderr


def test_enroll_device_token_works_once(settings, make_client, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_SERVER_DATABASE_URL", settings.database_url)
    assert server_main(["enroll-device", "--site", "CCRP", "--kind", "terminal"]) == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("ENR-")
    assert server_main(["enroll-device", "--site", "NOPE", "--kind", "kiosk"]) == 1
    assert "No existe el local NOPE" in capsys.readouterr().err


async def test_create_staff_then_login(settings, make_client, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_SERVER_DATABASE_URL", settings.database_url)
    args = ["create-staff", "--username", "nuevo", "--full-name", "Nuevo Cajero",
            "--role", "cashier", "--password", "clave-segura-2026"]
    assert server_main(args) == 0
    assert server_main(args) == 1 and "ya existe" in capsys.readouterr().err
    short = ["create-staff", "--username", "x", "--full-name", "X", "--role", "cashier",
             "--password", "corta"]
    assert server_main(short) == 2
    terminal = await make_client("terminal")
    info = await terminal.auth.staff_login(username="nuevo", password="clave-segura-2026")
    assert info.staff.role == "cashier"


@pytest.mark.parametrize("rid", ["req-1234"])
async def test_request_id_is_echoed(server_app, rid):
    import httpx

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=server_app),
                                 base_url="http://kiosk.test") as http:
        response = await http.get("/healthz", headers={"X-Request-ID": rid})
        missing = await http.get("/api/v1/nothing-here")
    assert response.headers["X-Request-ID"] == rid
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
