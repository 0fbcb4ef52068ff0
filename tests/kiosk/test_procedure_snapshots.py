"""How trámites look at 80x25 in Spanish and English, on fixed data: the catalogue, a
procedure's checklist, the filing form, the cargo, Mis trámites and a search."""

from datetime import UTC, date, datetime
from decimal import Decimal as D

import pytest

from kiosk.api.info import Info, SearchHit, SearchResult
from kiosk.api.offices import Office
from kiosk.api.procedures import (
    Event,
    Expediente,
    FieldSpec,
    Procedure,
    Procedures,
    Requirement,
)
from kiosk.api.text import Text
from screens.consultas.search import SearchScreen
from screens.documents.receipt import ReceiptScreen
from screens.procedures.catalogue import CatalogueScreen
from screens.procedures.filing import FilingScreen
from screens.procedures.mine import MyFilesScreen
from screens.procedures.procedure import ProcedureScreen
from tests.kiosk import test_account_snapshots as base

SIZE = (80, 25)
CATASTRO = Office(code="SGCAT", name=Text(es="Subgerencia de Catastro", en="Cadastre Office"),
                  address="Calle Diez Canseco 194", hours="Lun-Vie 8:00-16:30",
                  phone="617-7272")


def _proc(code, es, en, fee, qualification="positive", days=5, attachment=False):
    reqs = [Requirement(es="Formulario de solicitud firmado", en="Signed application form",
                        attachment=False),
            Requirement(es="Pago del derecho de trámite", en="Payment of the procedure fee",
                        attachment=False)]
    if attachment:
        reqs.insert(1, Requirement(es="Croquis de ubicación", en="Location sketch",
                                   attachment=True))
    return Procedure(code=code, version=date(2026, 1, 1), name=Text(es=es, en=en),
                     filer="Propietario o poseedor", requirements=reqs,
                     fields=[FieldSpec(name="direccion", es="Dirección del predio",
                                       en="Property address")],
                     fee_uit=D("0.0152"), fee=D(fee), qualification=qualification,
                     deadline_days=days, office=CATASTRO, authority="Subgerente de Catastro",
                     reconsideration_days=15, appeal_days=15, legal_basis="Ordenanza 444-MM",
                     kiosk_complete=not attachment)


CATALOGUE = [_proc(f"X-{n:02d}", f"Trámite de ejemplo número {n}",
                   f"Sample procedure number {n}", "10.00") for n in range(1, 12)]
CN01 = _proc("CN-01", "Certificado de numeración", "House-number certificate", "83.60")
FILE = Expediente(
    number="2026-000123", start_code="7K2Q-9XWD-4HPA", procedure_code="CN-01",
    procedure_name=CN01.name, filer_name="Rosa Quispe Mamani", channel="kiosk",
    state="observado", state_text=Text(es="Observado: debe subsanar",
                                       en="Observed: you must correct it"),
    outcome=None, by_silence=False, office=CATASTRO, received_on=date(2026, 11, 20),
    due_on=date(2026, 11, 27), correct_by=date(2026, 12, 2),
    observation="Indique el número de lote.",
    expected=Text(es="Subsane hasta el 02/12/2026: Indique el número de lote.",
                  en="Correct it by 02/12/2026: Indique el número de lote."),
    fee=D("83.60"), fee_receipt="R-PM-2026-000045", cargo_code="7K2Q-9XWD-4HPA",
    resolution_code=None, missing_attachments=[], attachments=[],
    events=[Event(at=datetime(2026, 11, 20, 15, tzinfo=UTC), action="file", state="registrado",
                  office="Subgerencia de Catastro", note="",
                  text=Text(es="Se registró el expediente.", en="The file was registered."))])
CARGO = base._document("cargo", Text(es="Cargo de recepción", en="Filing receipt"), [
    ("Trámite", "Procedure", "CN-01 Certificado de numeración"),
    ("Expediente", "File", "2026-000123"),
    ("Fecha de recepción", "Received on", "24/11/2026"),
    ("Respuesta hasta", "Answer by", "01/12/2026"),
    ("1. Formulario de solicitud firmado", "1. Signed application form", "OK"),
    ("Derecho pagado", "Fee paid", "S/ 83.60 rec. R-PM-2026-000045")],
    "CAR-PM-2026-000007", "7K2Q-9XWD-4HPA")
HITS = SearchResult(query="licencia", hits=[
    SearchHit(kind=kind, ref=ref, title=Text(es=es, en=en), body=Text(es="", en=""), score=1)
    for kind, ref, es, en in [
        ("procedure", "LF-01", "Licencia de funcionamiento riesgo bajo (LF-01)",
         "Operating licence, low risk"),
        ("procedure", "LF-02", "Licencia de funcionamiento riesgo medio (LF-02)",
         "Operating licence, medium risk"),
        ("faq", "1", "¿Qué necesito para una licencia de funcionamiento?",
         "What do I need for an operating licence?"),
        ("office", "SGLC", "Subgerencia de Licencias y Comercialización",
         "Business Licences Office")]])


class FixedProcedures(Procedures):
    async def catalogue(self):
        return CATALOGUE

    async def my_files(self):
        return [FILE]


class FixedInfo(Info):
    async def search(self, query):
        return HITS


def make_app(tmp_path, cards_dir, lang):
    app = base.make_app(tmp_path, cards_dir, lang)
    app.client.procedures = FixedProcedures(app.client.transport)
    app.client.info = FixedInfo(app.client.transport)
    return app


@pytest.mark.parametrize("screen", ["catalogue", "procedure", "filing", "cargo", "mine"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_procedure_screens(snap_compare, tmp_path, cards_dir, lang, screen):
    factory = {"catalogue": CatalogueScreen, "procedure": lambda: ProcedureScreen(CN01),
               "filing": lambda: FilingScreen(CN01), "cargo": lambda: ReceiptScreen(CARGO),
               "mine": MyFilesScreen}[screen]
    assert snap_compare(make_app(tmp_path, cards_dir, lang), terminal_size=SIZE,
                        run_before=base._as_rosa(factory))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_search(snap_compare, tmp_path, cards_dir, lang):
    async def search(pilot):
        await base._as_rosa(SearchScreen)(pilot)
        for char in "licencia":
            await pilot.press(char)
        await pilot.press("enter")
        for _ in range(20):
            await pilot.pause(0.02)

    assert snap_compare(make_app(tmp_path, cards_dir, lang), terminal_size=SIZE,
                        run_before=search)
