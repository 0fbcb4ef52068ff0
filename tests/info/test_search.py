"""Consultas: one search box, tolerant of accents and typos, ranked."""

import pytest

from server.info.search import Entry, Index, fold
from server.timeutil import today
from tests.procedures.rig import staff


def test_folding_drops_accents_and_case():
    assert fold("Licéncia de FUNCIONAMIENTO") == "licencia de funcionamiento"


@pytest.mark.parametrize("query", ["licencia de funcionamiento", "licéncia funcionamiento",
                                   "lisencia funcionamento", "LICENCIA FUNC"])
async def test_typos_and_accents_find_the_operating_licences_first(make_client, query):
    kiosk = await make_client()
    result = await kiosk.info.search(query)
    top = [h.ref for h in result.hits[:3]]
    assert len(top) == 3 and all(ref.startswith("LF-") for ref in top), top


async def test_search_covers_offices_faq_news_and_fees(make_client):
    kiosk = await make_client()
    office = (await kiosk.info.search("obras privadas horario")).hits
    assert (office[0].kind, office[0].ref) == ("office", "SGOP")
    assert office[1].kind == "news"  # "Nuevo horario de atención de la Subgerencia..."
    assert "Diez Canseco" in office[0].body.es
    faq = (await kiosk.info.search("silencio positivo")).hits
    assert any(h.kind == "faq" for h in faq[:2])
    news = (await kiosk.info.search("bodegas campaña")).hits
    assert news[0].kind == "news"
    info = (await kiosk.info.search("acceso informacion publica")).hits[0]
    assert info.ref == "AI-01" and "S/ 0.00" in info.body.es


async def test_a_file_number_in_the_search_box_points_to_following_it(make_client):
    kiosk = await make_client()
    result = await kiosk.info.search("2026-000123")
    assert result.hint is not None and "Seguir" in result.hint.es
    # Too short to search (any text is a valid query): no hits, and the kiosk says why.
    for short in ("a", "", "  b  "):
        short_result = await kiosk.info.search(short)
        assert short_result.hits == [] and short_result.hint is not None
        assert (short_result.hint.es, short_result.hint.en) == (
            "Escriba al menos dos letras.", "Type at least two letters.")


async def test_a_published_version_is_found_at_once(make_client):
    admin = await staff(make_client, "admin")
    current = await admin.procedures.get("AN-02")
    data = current.model_dump(mode="json", include={
        "code", "filer", "requirements", "fields", "qualification", "deadline_days",
        "authority", "reconsideration_days", "appeal_days", "legal_basis"})
    await admin.procedures.publish(data | {
        "name_es": "Autorización temporal de banderolas, afiches y gigantografías",
        "name_en": current.name.en, "fee_uit": "0.0112", "office_code": "SGLC",
        "valid_from": str(today())})
    hits = (await admin.info.search("gigantografias")).hits
    assert hits and hits[0].ref == "AN-02"


def test_ranking_prefers_titles_and_entries_matching_every_word():
    index = Index([Entry("faq", "1", "Pago de arbitrios", "cuándo pagar"),
                   Entry("faq", "2", "Horarios", "pago en caja de arbitrios y predial"),
                   Entry("faq", "3", "Predial", "el impuesto predial se paga")])
    assert [e.ref for e, _ in index.search("pago arbitrios")][:2] == ["1", "2"]
    assert index.search("predial")[0][0].ref == "3"
    assert index.search("zzzz") == []


async def test_the_search_learns_the_councils_agreements_and_ordinances(make_client):
    kiosk = await make_client()
    hits = (await kiosk.info.search("huaca pucllana")).hits
    assert hits[0].kind == "agreement"
    assert hits[0].title.es.startswith("Acuerdo de Concejo N.° 001-")
    assert hits[0].ref in hits[0].body.es  # its verification code, to print or check it
    found = await kiosk.documents.verify(hits[0].ref)
    assert found.valid
