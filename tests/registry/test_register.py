"""The register at the registrar's terminal: numbers per kind and year never reused (also
with two registrars at once), persons validated, annotations appended and shown, reserving,
scans checked by content, RENIEC batches and what is overdue, and the marriage acta that the
civil-marriage service hands over."""

import asyncio
import hashlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from kiosk.api import ApiError
from server.audit.models import AuditEntry
from server.audit.service import SYSTEM
from server.identity import service as identity
from server.registry import reniec
from server.registry import service as registry
from server.registry.models import Acta, Annotation
from server.timeutil import today
from tests.conftest import table_counts
from tests.registry.rig import (
    DIEGO,
    LUIS,
    PNG,
    ROSA,
    acta_id,
    birth,
    card,
    key,
    resident,
    staff,
)


async def test_numbers_per_kind_and_year_are_never_reused_with_two_registrars_at_once(
        make_client, database):
    with database.sessionmaker() as db:
        identity.create_staff(db=db, by=SYSTEM, username="registrador2",
                              full_name="Óscar Meza Prado", role=identity.Role.REGISTRAR,
                              password="Miraflores2026")
        db.commit()
    one, two = await staff(make_client), await staff(make_client, "registrador2")
    actas = await asyncio.gather(*[c.registry.register(birth()) for c in (one, two)
                                   for _ in range(4)])
    year = today().year
    numbers = sorted(int(a.ref.rsplit("-", 1)[1]) for a in actas)
    assert numbers == list(range(2, 10))  # NAC-<year>-000001 is the demo's; no gap, no twice
    assert all(a.ref.startswith(f"NAC-{year}-") for a in actas)
    death = await one.registry.register({
        "kind": "death", "book": "Defunciones", "event_date": date(2026, 2, 1),
        "event_place": "Miraflores",
        "persons": [{"role": "fallecido", "given_names": "Ana", "surnames": "Ríos León"}]})
    assert death.ref == f"DEF-{year}-000001"  # its own series


async def test_bad_actas_are_refused_in_both_languages_and_nothing_is_written(
        make_client, database):
    registrar = await staff(make_client)
    before = table_counts(database)
    bad = [birth(persons=[{"role": "madre", "given_names": "A", "surnames": "B"}]),
           birth(persons=[{"role": "inscrito", "given_names": "A", "surnames": "B"},
                          {"role": "contrayente", "given_names": "C", "surnames": "D"}]),
           birth(event_date=today() + timedelta(days=1)),
           birth(paper_year=1990),  # a paper acta needs its number too
           birth(paper_year=1956, paper_number=345)]  # Rosa's: taken
    codes = []
    for body in bad:
        with pytest.raises(ApiError) as err:
            await registrar.registry.register(body)
        assert err.value.message.es and err.value.message.en
        codes.append(err.value.code)
    assert codes == ["principal_count", "role_not_in_kind", "event_in_future",
                     "paper_number_missing", "acta_number_taken"]
    with pytest.raises(ApiError) as err:  # a DNI is checked with python-stdnum
        await registrar.registry.register(birth(persons=[
            {"role": "inscrito", "given_names": "A", "surnames": "B", "dni": "1234"}]))
    assert err.value.status == 422
    assert table_counts(database) == before


async def test_only_the_registrar_keeps_the_register(make_client, cards_dir, database):
    cashier = await staff(make_client, "cajero")
    rosa = await resident(make_client, cards_dir, ROSA)
    wedding = acta_id(database, "MAT-1979-000088")
    for client in (cashier, rosa):
        for call in (client.registry.register(birth()),
                     client.registry.annotate(wedding, kind="otra", text="Nota cualquiera",
                                              reference="Ref 1"),
                     client.registry.export_reniec()):
            with pytest.raises(ApiError) as err:
                await call
            assert err.value.status == 403


async def test_annotations_are_appended_audited_and_shown_on_the_next_copy(
        make_client, cards_dir, database, server_app):
    registrar = await staff(make_client)
    wedding = acta_id(database, "MAT-1979-000088")
    acta = await registrar.registry.annotate(
        wedding, kind="rectificacion", text="Se rectifica el lugar: dice Lima, debe decir "
        "Miraflores, Lima.", reference="Res. Registral 101-2026-SGRC/MM")
    assert [a.seq for a in acta.annotations] == [1, 2, 3]
    assert acta.annotations[0].kind == "rectificacion"  # the first one is still as it was
    assert "Sáenz" in acta.annotations[0].text and acta.annotations[2].made_by_name == \
        "Lucía Vega Montes"
    rosa = await resident(make_client, cards_dir, ROSA)
    copy = await rosa.registry.copy(wedding, idempotency_key=key(), amount=acta_fee(),
                                    card=card())
    shown = [x.value for x in copy.document.lines if x.label.es.startswith("Anotación")]
    assert len(shown) == 3 and "Res. Registral 101-2026-SGRC/MM" in shown[2]
    with database.sessionmaker() as db:
        assert db.execute(select(Annotation.seq).where(Annotation.acta_id == wedding)
                          .order_by(Annotation.seq)).scalars().all() == [1, 2, 3]
        entry = db.execute(select(AuditEntry).where(
            AuditEntry.action == "registry.annotate").order_by(AuditEntry.seq.desc())).scalar()
        assert entry.details["seq"] == 3 and "Miraflores" in entry.details["text"]
    # There is no call that edits or removes an annotation: the API has none.
    paths = server_app.openapi()["paths"]
    methods = {(m, p) for p, ops in paths.items() if "annotations" in p for m in ops}
    assert methods == {("post", "/api/v1/registry/actas/{acta_id}/annotations")}


def acta_fee() -> Decimal:
    return Decimal("10.45")


async def test_reserving_hides_an_acta_from_kiosks_and_an_adoption_reserves_by_itself(
        make_client, cards_dir, database):
    registrar = await staff(make_client)
    luis_birth = acta_id(database, "NAC-1990-000812")
    luis = await resident(make_client, cards_dir, LUIS)
    assert "NAC-1990-000812" in [a.ref for a in await luis.registry.mine()]
    acta = await registrar.registry.reserve(luis_birth, reason="Orden judicial 55-2026")
    assert acta.reserved and acta.reserved_reason == "Orden judicial 55-2026"
    assert "NAC-1990-000812" not in [a.ref for a in await luis.registry.mine()]
    with pytest.raises(ApiError) as err:
        await luis.registry.acta(luis_birth)
    assert err.value.status == 404
    new = await registrar.registry.register(birth())
    assert not new.reserved
    adopted = await registrar.registry.annotate(new.id, kind="adopcion",
                                                text="Adopción por Diego Paredes Núñez.",
                                                reference="Exp. 77-2026")
    assert adopted.reserved and "Exp. 77-2026" in adopted.reserved_reason


async def test_a_scan_is_checked_by_its_content_and_kept_with_its_sha256(make_client, database):
    registrar = await staff(make_client)
    acta = acta_id(database, "DEF-2025-000061")
    with pytest.raises(ApiError) as err:
        await registrar.registry.attach_image(acta, filename="acta.pdf", content=b"MZ\x90\x00")
    assert err.value.status == 415 and "PDF, PNG o JPEG" in err.value.message.es
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    out = await registrar.registry.attach_image(acta, filename="acta.png", content=pdf)
    assert out.image.media_type == "application/pdf"  # by content, not by name
    assert out.image.sha256 == hashlib.sha256(pdf).hexdigest()
    response = await registrar.transport.request("GET", f"/api/v1/registry/actas/{acta}/image")
    assert response.content == pdf and response.headers["x-content-sha256"] == out.image.sha256
    second = await registrar.registry.attach_image(acta, filename="acta2.png", content=PNG)
    assert second.image.sha256 == hashlib.sha256(PNG).hexdigest()  # the newest is shown


async def test_reniec_batches_send_each_acta_once_with_a_checksum_and_show_what_is_overdue(
        make_client, database):
    registrar = await staff(make_client)
    status = await registrar.registry.reniec()
    assert status.deadline_days == 15
    assert status.unsent == 2  # the demo's marriage of this week and a birth of 20 days ago
    assert [a.names for a in status.overdue] == ["Camila Ramírez Torres"]
    batch = await registrar.registry.export_reniec()
    assert batch.count == 2 and batch.number.startswith(f"RENIEC-{today().year}-")
    content = await registrar.registry.reniec_file(batch.number)
    assert hashlib.sha256(content).hexdigest() == batch.sha256
    assert reniec.check_file(content)
    lines = content.decode("utf-8").splitlines()
    assert lines[0].startswith(f"H|RENIEC-LOTE|1|{batch.number}|150122|")
    assert lines[-1].startswith("T|2|")
    assert sum(1 for x in lines if x.startswith("A|")) == 2
    assert any(x.startswith("P|") and "Castillo Vargas" in x and LUIS in x for x in lines)
    tampered = content.replace(b"Camila", b"Camilo")
    assert not reniec.check_file(tampered)
    after = await registrar.registry.reniec()
    assert after.unsent == 0 and after.overdue == [] and after.batches[0].number == batch.number
    with pytest.raises(ApiError) as err:
        await registrar.registry.export_reniec()
    assert err.value.code == "nothing_to_send"
    late = acta_id(database, next(a.ref for a in status.overdue))
    acta = await registrar.registry.acta(late)
    assert acta.batch == batch.number and acta.sent_at is not None


def test_a_concluded_ceremony_registers_its_marriage_acta_once(database):
    spouses = [registry.PersonIn(role="contrayente", given_names="Diego Alonso",
                                 surnames="Paredes Núñez", dni=DIEGO),
               registry.PersonIn(role="contrayente", given_names="Gabriela",
                                 surnames="Torres Villanueva", dni="44556677")]
    witnesses = [registry.PersonIn(role="testigo", given_names="Ana Lucía",
                                   surnames="Flores Chávez", dni="09876543"),
                 registry.PersonIn(role="testigo", given_names="Teresa",
                                   surnames="Gutiérrez de Paredes", dni="08123456")]
    with database.sessionmaker() as db:
        ref = registry.register_marriage(
            db=db, by=SYSTEM, ceremony="MAT-CER-2026-000031", spouses=spouses,
            witnesses=witnesses, officiant="Lucía Vega Montes", celebrated_on=today(),
            place="Parque Kennedy")
        again = registry.register_marriage(
            db=db, by=SYSTEM, ceremony="MAT-CER-2026-000031", spouses=spouses,
            witnesses=witnesses, officiant="Lucía Vega Montes", celebrated_on=today(),
            place="Parque Kennedy")
        db.commit()
        assert again == ref and ref.kind == "marriage" and ref.free_copy
        acta = db.get(Acta, ref.id)
        assert acta.event_place == "Parque Kennedy" and acta.registrar_name == \
            "Lucía Vega Montes" and acta.sent_at is None
        with pytest.raises(Exception) as err:
            registry.register_marriage(db=db, by=SYSTEM, ceremony="X-1", spouses=spouses,
                                       witnesses=witnesses[:1], officiant="Lucía Vega Montes",
                                       celebrated_on=today(), place="Parque Kennedy")
        assert getattr(err.value, "code", "") == "witnesses_missing"
