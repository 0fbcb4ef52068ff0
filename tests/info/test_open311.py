"""Open311 GeoReport v2: services, POST a request, GET requests and their status."""

import httpx
import pytest

from kiosk.api import ApiError
from tests.conftest import table_counts
from tests.procedures.rig import resident, staff


@pytest.fixture
async def http(server_app):
    transport = httpx.ASGITransport(app=server_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://kiosk.test") as client:
        yield client

BASE = "/api/v1/open311/v2"


async def test_services_list_as_the_specification_says(http):
    response = await http.get(f"{BASE}/services.json")
    assert response.status_code == 200
    services = response.json()
    pothole = next(s for s in services if s["service_code"] == "BACHE")
    assert set(pothole) == {"service_code", "service_name", "description", "metadata", "type",
                            "keywords", "group"}
    assert pothole["metadata"] is False and pothole["type"] == "realtime"
    wrong = await http.get(f"{BASE}/services.json", params={"jurisdiction_id": "lima.gob.pe"})
    assert wrong.status_code == 404 and wrong.json()[0]["code"] == 404


async def test_post_a_request_then_follow_it_to_closed(http, make_client):
    kiosk = await make_client()
    form = {"api_key": kiosk.credential, "service_code": "ALUMBRADO", "lat": "-12.1211",
            "long": "-77.0297", "description": "Poste apagado frente al parque"}
    created = await http.post(f"{BASE}/requests.json", data=form)
    assert created.status_code == 200, created.text
    [ack] = created.json()
    request_id = ack["service_request_id"]
    assert set(ack) == {"service_request_id", "service_notice", "account_id"}
    [got] = (await http.get(f"{BASE}/requests/{request_id}.json")).json()
    assert got["status"] == "open" and got["service_code"] == "ALUMBRADO"
    assert got["agency_responsible"] == "Gerencia de Servicios a la Ciudad"
    assert got["lat"] == -12.1211 and got["requested_datetime"].endswith("-05:00")
    listed = (await http.get(f"{BASE}/requests.json", params={"status": "open"})).json()
    assert request_id in {r["service_request_id"] for r in listed}
    # The office that handles it closes it; another office cannot.
    licencias = await staff(make_client, "licencias")
    with pytest.raises(ApiError) as err:
        await licencias.info.set_report_status(request_id, status="closed", notes="Cambiada")
    assert err.value.code == "office_scope"
    admin = await staff(make_client, "admin")
    await admin.info.set_report_status(request_id, status="closed", notes="Luminaria cambiada")
    [closed] = (await http.get(f"{BASE}/requests.json",
                               params={"service_request_id": request_id})).json()
    assert closed["status"] == "closed" and closed["status_notes"] == "Luminaria cambiada"


@pytest.mark.parametrize("change, status", [
    ({"api_key": "1.nope"}, 403), ({"service_code": "OVNI"}, 404),
    ({"service_code": None}, 400), ({"lat": None, "long": None}, 400),
    ({"lat": "norte"}, 400), ({"media_url": "javascript:alert(1)"}, 400),
    ({"media_url": "https://fotos.example/" + "a" * 5000}, 400),
    ({"media_url": "https://usuario:clave@fotos.example/x.jpg"}, 400),
])
async def test_bad_posts_answer_in_the_specifications_error_format(http, make_client, database,
                                                                   change, status):
    kiosk = await make_client()
    form = {"api_key": kiosk.credential, "service_code": "BACHE", "lat": "-12.12",
            "long": "-77.03", "description": "Bache grande en la pista", **change}
    before = table_counts(database)
    response = await http.post(f"{BASE}/requests.json",
                               data={k: v for k, v in form.items() if v is not None})
    assert response.status_code == status
    [problem] = response.json()
    assert problem["code"] == status and problem["description"]
    assert table_counts(database) == before


async def test_a_resident_reports_at_a_kiosk_and_sees_it(make_client, cards_dir):
    rosa = await resident(make_client, cards_dir)
    report = await rosa.info.report(service_code="RESIDUOS", description="Desmonte en la "
                                    "esquina de Berlín y Bolognesi", address="Calle Berlín 300")
    assert report.office == "Gerencia de Servicios a la Ciudad" and report.status == "open"
    assert [r.id for r in await rosa.info.my_reports()] == [report.id]


async def test_free_text_is_cleaned_and_personal_data_stays_out_of_the_feed(http, make_client,
                                                                          database):
    kiosk = await make_client()
    created = await http.post(f"{BASE}/requests.json", data={
        "api_key": kiosk.credential, "service_code": "BACHE", "lat": "-12.12", "long": "-77.03",
        "media_url": "https://fotos.example/bache.jpg",
        "description": "Bache\x00 enorme \x1b[31mURGENTE\x1b[0m \u202eetnegru\u202c. "
                       "Llamar a Rosa, DNI 40123456, 987 654 321, rosa@correo.pe",
        "address_string": "Calle Berlín 245"})
    assert created.status_code == 200, created.text
    [ack] = created.json()
    [public] = (await http.get(f"{BASE}/requests/{ack['service_request_id']}.json")).json()
    text = public["description"]
    assert "\x00" not in text and "\x1b" not in text and "\u202e" not in text
    assert "URGENTE" in text and public["address"] == "Calle Berlín 245"
    assert "40123456" not in text and "987 654 321" not in text and "rosa@correo.pe" not in text
    assert public["media_url"] == "https://fotos.example/bache.jpg"
