"""Devices that prove who they are: the device CA issues, renews and revokes client
certificates; with `require_client_cert` a device request needs its own certificate as the
trusted proxy forwards it (the real nginx is in tests/real/test_nginx_mtls.py)."""

from datetime import timedelta
from urllib.parse import quote

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select

from kiosk.api import ApiClient, ApiError
from kiosk.device_certificate import new_key_and_csr
from server.app import create_app
from server.audit.models import AuditEntry
from server.cli import main
from server.sites.ca import device_id_of


def _audit(database, action: str) -> list[AuditEntry]:
    with database.sessionmaker() as db:
        return list(db.execute(select(AuditEntry).where(AuditEntry.action == action)
                               .order_by(AuditEntry.seq)).scalars())


def _public_bytes(key) -> bytes:
    return key.public_bytes(serialization.Encoding.DER,
                            serialization.PublicFormat.SubjectPublicKeyInfo)


async def _enrol_with_csr(make_client, name: str = "k-cert"):
    client = await make_client("kiosk", enrol=False)
    key_pem, csr = new_key_and_csr(name)
    enrolment = await client.devices.enroll(token="DEMO-MIRAFLORES", name=name, kind="kiosk",
                                            csr=csr)
    return client, key_pem, enrolment


async def test_enrolment_with_a_request_returns_a_short_lived_certificate_for_that_device(
        make_client, settings, database):
    _, key_pem, enrolment = await _enrol_with_csr(make_client)
    cert = x509.load_pem_x509_certificate(enrolment.certificate.encode())
    ca = x509.load_pem_x509_certificate(enrolment.ca_chain.encode())
    key = serialization.load_pem_private_key(key_pem, None)
    assert _public_bytes(cert.public_key()) == _public_bytes(key.public_key())  # the kiosk's key
    cert.verify_directly_issued_by(ca)
    assert ca == x509.load_pem_x509_certificate(
        (settings.device_ca_dir / "ca.pem").read_bytes())  # the CA kept in data_dir
    assert device_id_of(cert) == enrolment.device_id
    sans = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert f"urn:kiosk:site:{enrolment.site_code}" in sans.get_values_for_type(
        x509.UniformResourceIdentifier)
    lifetime = cert.not_valid_after_utc - cert.not_valid_before_utc
    assert timedelta(days=7) <= lifetime <= timedelta(days=7, minutes=5)
    assert (settings.device_ca_dir / "ca-key.pem").stat().st_mode & 0o777 == 0o600
    entry = _audit(database, "device.enroll")[-1]
    assert entry.details["certificate_until"] == cert.not_valid_after_utc.isoformat()


async def test_an_old_kiosk_without_a_request_still_enrols(make_client):
    client = await make_client("kiosk", enrol=False)
    enrolment = await client.devices.enroll(token="DEMO-MIRAFLORES", name="old", kind="kiosk")
    assert enrolment.certificate is None and enrolment.credential
    assert (await client.devices.me()).name == "old"


async def test_a_forged_certificate_request_is_refused_in_both_languages(make_client):
    client = await make_client("kiosk", enrol=False)
    _, csr = new_key_and_csr("k")
    forged = csr.replace(csr.splitlines()[3], csr.splitlines()[3][:-4] + "AAAA")
    with pytest.raises(ApiError) as refused:
        await client.devices.enroll(token="DEMO-MIRAFLORES", name="k", kind="kiosk",
                                    csr=forged)
    assert refused.value.status == 422 and refused.value.code == "csr_invalid"
    assert "solicitud de certificado" in refused.value.message.es
    assert "certificate request" in refused.value.message.en


async def test_renewal_gives_a_new_certificate_for_a_new_key(make_client, database):
    client, _, enrolment = await _enrol_with_csr(make_client)
    new_key, csr = new_key_and_csr("k-cert")
    renewed = await client.devices.renew_certificate(csr=csr)
    old = x509.load_pem_x509_certificate(enrolment.certificate.encode())
    new = x509.load_pem_x509_certificate(renewed.certificate.encode())
    assert new.serial_number != old.serial_number
    assert device_id_of(new) == enrolment.device_id
    assert _public_bytes(new.public_key()) == _public_bytes(
        serialization.load_pem_private_key(new_key, None).public_key())
    assert renewed.not_after == new.not_valid_after_utc
    assert _audit(database, "device.certificate.renew")[-1].target == \
        f"device:{enrolment.device_id}"


async def test_an_administrator_retires_a_device_its_certificates_go_on_the_crl(
        make_client, settings, database):
    kiosk, _, enrolment = await _enrol_with_csr(make_client)
    cert = x509.load_pem_x509_certificate(enrolment.certificate.encode())
    terminal = await make_client("terminal")
    await terminal.auth.staff_login(username="cajero", password="Miraflores2026")
    with pytest.raises(ApiError) as forbidden:  # a cashier may not
        await terminal.transport.request("POST", f"/api/v1/devices/{enrolment.device_id}/revoke",
                                         json={"reason": "robado"})
    assert forbidden.value.status == 403
    await terminal.auth.logout()
    await terminal.auth.staff_login(username="admin", password="Miraflores2026")
    await terminal.transport.request("POST", f"/api/v1/devices/{enrolment.device_id}/revoke",
                                     json={"reason": "robado / stolen"})

    with pytest.raises(ApiError) as refused:  # the credential alone stops working at once
        await kiosk.devices.me()
    assert refused.value.status == 401
    published = await terminal.transport.request("GET", "/api/v1/devices/crl")
    for crl in (x509.load_pem_x509_crl(published.content),
                x509.load_pem_x509_crl((settings.device_ca_dir / "crl.pem").read_bytes())):
        assert crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None
        assert crl.is_signature_valid(x509.load_pem_x509_certificate(
            enrolment.ca_chain.encode()).public_key())
    entry = _audit(database, "device.revoke")[-1]
    assert entry.target == f"device:{enrolment.device_id}" and entry.actor.startswith("staff:")
    assert entry.details["certificates"] == 1


async def test_an_administrator_cannot_retire_the_terminal_they_work_at(make_client):
    terminal = await make_client("terminal")
    await terminal.auth.staff_login(username="admin", password="Miraflores2026")
    me = await terminal.devices.me()
    with pytest.raises(ApiError) as refused:
        await terminal.devices.retire(me.id, reason="por error")
    assert refused.value.status == 409 and refused.value.code == "device_is_yours"
    assert "desde otro terminal" in refused.value.message.es
    assert (await terminal.devices.me()).id == me.id  # still enrolled, still working


def test_cli_revokes_writes_the_crl_and_reloads_the_proxy(settings, database, tmp_path,
                                                           monkeypatch, capsys):
    from server.sites.ca import DeviceCA
    from server.sites.devices import enroll

    with database.sessionmaker() as db:
        _, csr = new_key_and_csr("cli")
        out = enroll(db=db, token="DEMO-MIRAFLORES", name="cli", kind="kiosk",
                     demo_token="DEMO-MIRAFLORES", csr=csr, settings=settings)
    serial = x509.load_pem_x509_certificate(out.certificate.encode()).serial_number
    reloaded = tmp_path / "reloaded"
    monkeypatch.setenv("KIOSK_SERVER_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KIOSK_SERVER_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("KIOSK_SERVER_CRL_RELOAD_COMMAND", f"touch {reloaded}")
    assert main(["revoke-device", "--device", str(out.device_id), "--reason", "retirado"]) == 0
    crl = x509.load_pem_x509_crl(DeviceCA(settings.device_ca_dir).crl_path.read_bytes())
    assert crl.get_revoked_certificate_by_serial_number(serial) is not None
    assert reloaded.exists()  # nginx reads ssl_crl only on reload
    assert f"Device {out.device_id} retired" in capsys.readouterr().out
    assert main(["revoke-device", "--device", "999999", "--reason", "x y z"]) == 1


@pytest.fixture
def strict_app(settings, database):
    settings = settings.model_copy(update={"require_client_cert": True,
                                           "trusted_proxies": ["127.0.0.2"]})
    return create_app(settings, database)


def _client(app, peer: str = "127.0.0.2") -> ApiClient:
    return ApiClient("http://kiosk.test", retries=1,
                     transport=httpx.ASGITransport(app=app, client=(peer, 40000)))


def _as_forwarded(pem: str) -> dict[str, str]:
    return {"X-Client-Cert": quote(pem, safe=""), "X-Client-Verify": "SUCCESS"}


async def _me(client: ApiClient, headers: dict[str, str]) -> httpx.Response:
    response = await client.transport._http.get(
        "/api/v1/devices/self", headers={"Authorization": f"Bearer {client.credential}",
                                         **headers})
    return response


async def test_with_client_certificates_required_only_the_devices_own_one_passes(strict_app):
    one, two = _client(strict_app), _client(strict_app)
    enrolled = []
    for n, client in enumerate((one, two)):
        _, csr = new_key_and_csr(f"strict-{n}")
        enrolled.append(await client.devices.enroll(token="DEMO-MIRAFLORES", name=f"strict-{n}",
                                                    kind="kiosk", csr=csr))
    own, other = enrolled[0].certificate, enrolled[1].certificate

    assert (await _me(one, _as_forwarded(own))).status_code == 200
    refused = await _me(one, {})  # no certificate: a stolen credential is not enough
    assert refused.status_code == 401
    body = refused.json()
    assert body["code"] == "client_certificate_required"
    assert "certificado" in body["message"]["es"] and "certificate" in body["message"]["en"]
    assert (await _me(one, _as_forwarded(other))).status_code == 401  # another kiosk's
    assert (await _me(one, {**_as_forwarded(own), "X-Client-Verify": "FAILED:expired"})
            ).status_code == 401
    # The same headers from anything but the proxy are ignored: uvicorn reached directly.
    spoofer = _client(strict_app, peer="10.1.2.3")
    spoofer.credential = one.credential
    assert (await _me(spoofer, _as_forwarded(own))).status_code == 401


async def test_open311_posts_need_the_devices_certificate_too(strict_app):
    """Open311 carries the credential as `api_key`, not Authorization: the same rule holds."""
    kiosk = _client(strict_app)
    _, csr = new_key_and_csr("open311")
    enrolment = await kiosk.devices.enroll(token="DEMO-MIRAFLORES", name="open311",
                                           kind="kiosk", csr=csr)
    url = "/api/v1/open311/v2/requests.json"
    form = {"api_key": enrolment.credential}  # no service_code: past the device, a 400
    bare = await kiosk.transport._http.post(url, data=form)
    assert bare.status_code == 403
    own = await kiosk.transport._http.post(url, data=form,
                                           headers=_as_forwarded(enrolment.certificate))
    assert own.status_code == 400 and "service_code" in own.text


async def test_when_certificates_are_required_a_kiosk_without_a_request_is_told_to_update(
        strict_app, database):
    """It could never pass nginx: better refused at enrolment, in words, than locked out."""
    with pytest.raises(ApiError) as refused:
        await _client(strict_app).devices.enroll(token="DEMO-MIRAFLORES", name="old",
                                                 kind="kiosk")
    assert refused.value.status == 422 and refused.value.code == "csr_required"
    assert "actualice" in refused.value.message.es and "update" in refused.value.message.en
    assert _audit(database, "device.enroll")[-1].outcome == "denied"
