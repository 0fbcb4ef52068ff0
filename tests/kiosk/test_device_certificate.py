"""The kiosk's own key and client certificate: made at enrolment, kept 0600 in the state dir,
renewed from the heartbeat when a third of its lifetime is left (mTLS itself through a real
nginx: tests/real/test_nginx_mtls.py)."""

from datetime import UTC, datetime, timedelta

from cryptography import x509
from sqlalchemy import select

from kiosk import device_certificate
from server.sites.models import DeviceCertificate
from tests.kiosk.conftest import wait_until


def _serials(database) -> list[str]:
    # A reader: on SQLite a writer session here would wait on the app's own writes, on the
    # same event loop.
    with database.reader() as db:
        return list(db.execute(select(DeviceCertificate.serial)
                               .order_by(DeviceCertificate.id)).scalars())


def _stored(app) -> x509.Certificate | None:
    files = device_certificate.CertFiles.under(app.settings.state_dir)
    if not files.present():
        return None
    return x509.load_pem_x509_certificate(files.identity.read_bytes())


async def test_enrolment_keeps_the_kiosks_own_key_and_certificate(kiosk_app, database):
    app = kiosk_app()
    async with app.run_test() as pilot:
        assert await wait_until(pilot, lambda: _stored(app) is not None and app.server_online)
        files = device_certificate.CertFiles.under(app.settings.state_dir)
        assert files.identity.stat().st_mode & 0o777 == 0o600
        assert b"PRIVATE KEY" in files.identity.read_bytes()
        assert files.ca.is_file()
        # The demo over plain http carries on with its credential: one certificate, unused.
        assert _serials(database) == [format(_stored(app).serial_number, "x")]


async def test_the_heartbeat_renews_the_certificate_when_a_third_is_left(
        kiosk_app, database, monkeypatch):
    monkeypatch.setattr(device_certificate, "RENEW_WHEN_LEFT", 1.01)  # due at once
    app = kiosk_app()
    async with app.run_test() as pilot:
        assert await wait_until(pilot, lambda: len(_serials(database)) >= 2, seconds=10)
        serials = _serials(database)
        assert await wait_until(pilot, lambda: format(_stored(app).serial_number, "x")
                                == _serials(database)[-1])
        assert len(set(serials)) == len(serials)


def test_renewal_is_due_only_in_the_last_third_of_the_lifetime(tmp_path):
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "device-1")])
    start = datetime(2026, 12, 1, tzinfo=UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1).not_valid_before(start)
            .not_valid_after(start + timedelta(days=6)).sign(key, hashes.SHA256()))
    files = device_certificate.CertFiles.under(tmp_path)
    assert not device_certificate.renewal_due(files, now=start)  # nothing stored yet
    files.identity.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    assert not device_certificate.renewal_due(files, now=start + timedelta(days=3, hours=23))
    assert device_certificate.renewal_due(files, now=start + timedelta(days=4, hours=1))


def _expire(files: device_certificate.CertFiles) -> None:
    """Replace the stored certificate by one that ended yesterday (the kiosk was off)."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "device-old")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(7)
            .not_valid_before(now - timedelta(days=8)).not_valid_after(now - timedelta(days=1))
            .sign(key, hashes.SHA256()))
    files.identity.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                          serialization.NoEncryption())
        + cert.public_bytes(serialization.Encoding.PEM))


async def test_a_kiosk_off_past_its_certificates_life_says_so_and_enrols_again_with_a_code(
        make_client, tmp_path):
    import pytest

    from kiosk.config import KioskSettings
    from kiosk.enrolment import CertificateExpired, ensure_enrolled

    def settings(token: str | None) -> KioskSettings:
        return KioskSettings(server="http://kiosk.test", state_dir=tmp_path, demo=False,
                             device_name="off-too-long", enrolment_token=token)

    first = await ensure_enrolled(await make_client(enrol=False), settings("DEMO-MIRAFLORES"))
    files = device_certificate.CertFiles.under(tmp_path)
    _expire(files)
    with pytest.raises(CertificateExpired) as told:  # no code at hand: the screen says why
        await ensure_enrolled(await make_client(enrol=False), settings(None))
    assert "venció" in told.value.es and "expired" in told.value.en
    again = await ensure_enrolled(await make_client(enrol=False), settings("DEMO-MIRAFLORES"))
    assert again["device_id"] != first["device_id"]
    assert not device_certificate.expired(files)
