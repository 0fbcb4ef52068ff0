"""How Sesión de Concejo looks at 80x25 in Spanish and English, on fixed data: the calendar,
a session's agenda with its results, the live session (quorum, item, the count and each
member's vote), the agreements and one agreement as printed."""

import asyncio
from datetime import UTC, date, datetime

import pytest

from devices.card.simulated import SimulatedReader
from devices.payment.simulated import SimulatedTerminal
from devices.printer.spec import open_printer
from kiosk.api.council import API, Agreement, Attendance, Item, Session, VoteCast
from kiosk.api.text import Text
from kiosk.app import KioskApp
from kiosk.config import KioskSettings
from screens.council.agreements import AgreementsScreen
from screens.council.calendar import AgendaScreen, CalendarScreen
from screens.council.live import LiveScreen
from screens.documents.receipt import ReceiptScreen
from tests.kiosk import test_account_snapshots as base

SIZE = (80, 25)
KINDS = {"ordinaria": Text(es="Sesión ordinaria", en="Ordinary session"),
         "extraordinaria": Text(es="Sesión extraordinaria", en="Extraordinary session")}
STATES = {"concluida": Text(es="concluida", en="concluded"),
          "en_curso": Text(es="en curso", en="in progress"),
          "convocada": Text(es="convocada", en="convened")}
SECTION = Text(es="Orden del día", en="Order of the day")
MAJ = {"simple": Text(es="mayoría simple", en="simple majority"),
       "absoluta": Text(es="mayoría absoluta", en="absolute majority"),
       "dos_tercios": Text(es="dos tercios", en="two thirds")}
NAMES = ["Carlos Canales Anchorena", "Ana María Benavides Ugarte", "Jorge Luis Salazar Prado",
         "Lucía Fernández Ríos", "Miguel Ángel Torres Vidal", "Patricia Rojas Salinas",
         "Fernando Gutiérrez León", "Claudia Paredes Núñez", "Ricardo Mendoza Arce",
         "Silvia Campos Otero"]
CODES = ["ALCALDE"] + [f"R{i:02d}" for i in range(1, 10)]


def _item(seq, title, kind="none", majority="simple", state="pendiente", result=None,
          counts=None, agreement=None, votes=()):
    return Item(seq=seq, section="orden_del_dia" if kind != "none" else "informes",
                section_text=SECTION, title=title, kind=kind, majority=majority,
                majority_text=MAJ[majority], state=state, result=result, counts=counts,
                agreement=agreement, votes=list(votes), offset_seconds=None)


def _session(code, kind, state, when, items, present=None, current=None, attendance=()):
    return Session(code=code, kind=kind, kind_text=KINDS[kind], title="Sesión", place=(
        "Salón de Sesiones, Palacio Municipal"),
        stream_url="https://stream.miraflores.gob.pe/concejo/index.m3u8",
        convened_on=date(2026, 11, 20), starts_at=when, state=state,
        state_text=STATES[state], legal_number=12, able=11, quorum=6, present=present,
        current_item=current, last_event=40, items=items, attendance=list(attendance),
        minutes_approved=False)


VOTES = [VoteCast(member=c, name=n, option=o) for c, n, o in
         zip(CODES, NAMES, ["a_favor"] * 6 + ["en_contra"] * 2, strict=False)]
PAST = _session("SC-2026-001", "ordinaria", "concluida", datetime(2026, 11, 16, 23, tzinfo=UTC), [
    _item(1, "Aprobación del acta de la sesión anterior"),
    _item(2, "Ordenanza que aprueba el régimen de beneficios tributarios por pronto pago",
          "ordenanza", state="votado", result="aprobado",
          counts={"a_favor": 9, "en_contra": 2, "abstencion": 0, "ausente": 1},
          agreement="Ordenanza N.° 001-2026/MM"),
    _item(3, "Acuerdo que desafecta el parque Domodossola para estacionamiento", "acuerdo",
          "dos_tercios", state="votado", result="desaprobado",
          counts={"a_favor": 6, "en_contra": 5, "abstencion": 0, "ausente": 1})], present=11)
LIVE = _session("SC-2026-002", "ordinaria", "en_curso", datetime(2026, 11, 30, 23, tzinfo=UTC), [
    _item(1, "Aprobación del acta de la sesión ordinaria anterior", state="en_debate"),
    _item(5, "Ordenanza que regula el uso de terrazas en la vía pública", "ordenanza",
          state="en_votacion", votes=VOTES)], present=10, current=5,
    attendance=[Attendance(member=c, name=n, status="presente") for c, n in zip(CODES, NAMES,
                                                                               strict=True)])
NEXT = _session("SC-2026-003", "extraordinaria", "convocada",
                datetime(2026, 12, 10, 15, tzinfo=UTC), [
                    _item(1, "Acuerdo que aprueba el presupuesto participativo", "acuerdo",
                          "absoluta")])
AGREEMENTS = [
    Agreement(number="Ordenanza N.° 001-2026/MM", kind="ordenanza",
              kind_text=Text(es="Ordenanza Municipal", en="Municipal ordinance"),
              title="Ordenanza que aprueba el régimen de beneficios tributarios por pronto "
              "pago de arbitrios", session="SC-2026-001", adopted_on=date(2026, 11, 16),
              document_code="7K2M-9QXD-4RTB", verify_url="http://127.0.0.1:8765/verify/x"),
    Agreement(number="Acuerdo de Concejo N.° 001-2026/MM", kind="acuerdo",
              kind_text=Text(es="Acuerdo de Concejo", en="Council agreement"),
              title="Acuerdo que declara de interés local la recuperación de la huaca "
              "Pucllana", session="SC-2026-001", adopted_on=date(2026, 11, 16),
              document_code="C3PV-8WNA-2HJZ", verify_url="http://127.0.0.1:8765/verify/y")]
DOCUMENT = base._document("council_acuerdo", Text(es="Acuerdo de Concejo",
                                                  en="Council agreement"), [
    ("Número", "Number", "Acuerdo de Concejo N.° 001-2026/MM"),
    ("Asunto", "Subject", "Acuerdo que declara de interés local la recuperación de la huaca "
     "Pucllana"),
    ("Sesión", "Session", "SC-2026-001 (16/11/2026)"),
    ("Votación", "Vote", "11 a favor, 0 en contra, 0 abstenciones, 1 ausentes "
     "(mayoría simple)")], "AC-PM-2026-000001", "C3PV-8WNA-2HJZ")


class FixedCouncil(API):
    async def sessions(self, **_criteria):
        return [PAST, LIVE, NEXT]

    async def session(self, code):
        return {s.code: s for s in (PAST, LIVE, NEXT)}[code]

    async def agreements(self, q=None):
        return AGREEMENTS

    async def follow(self, code, *, last_event_id=0):
        await asyncio.Event().wait()  # nothing happens on fixed data
        yield  # pragma: no cover


def make_app(tmp_path, cards_dir, lang) -> KioskApp:
    settings = KioskSettings(server="http://snapshot.invalid", lang=lang, reader="simulated",
                             printer="none", state_dir=tmp_path, demo=True,
                             demo_cards_dir=cards_dir)
    app = KioskApp(settings, base.FixedClient(settings.server), SimulatedReader(),
                   open_printer("none"), payment_terminal=SimulatedTerminal(),
                   start_workers=False)
    app.site_name = "Palacio Municipal"
    app.client.council = FixedCouncil(app.client.transport)
    return app


def _screen(name: str):
    return {
        "calendar": CalendarScreen,
        "agenda": lambda: AgendaScreen(PAST),
        "live": lambda: LiveScreen("SC-2026-002"),
        "agreements": AgreementsScreen,
        "agreement": lambda: ReceiptScreen(DOCUMENT, callout="Acuerdo de Concejo"),
    }[name]


@pytest.mark.parametrize("screen", ["calendar", "agenda", "live", "agreements", "agreement"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_council_screens(snap_compare, tmp_path, cards_dir, lang, screen):
    assert snap_compare(make_app(tmp_path, cards_dir, lang), terminal_size=SIZE,
                        run_before=base._as_rosa(_screen(screen)))
