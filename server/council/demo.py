"""Demo council: the 2023-2026 term (the mayor and 11 regidores, with committees), one
regidor on leave this week, a session held two weeks ago (roll call, votes, two agreements
and an ordinance, its minutes still a draft), today's ordinary session (convened, with its
agenda and stream) and an extraordinary one with due notice. Idempotent."""

from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from server.audit.service import SYSTEM
from server.council import members as council
from server.council import rules as r
from server.council import sessions as s
from server.council.models import Absence, Agreement, Member, Session, Term
from server.council.schemas import CouncilItemIn
from server.sites import service as sites
from server.timeutil import LIMA, lima, today, utcnow

ORDER = 85
STREAM = "https://stream.miraflores.gob.pe/concejo/index.m3u8"
MEMBERS = [  # code, name, role, party, committees
    ("ALCALDE", "Carlos Canales Anchorena", "alcalde", "Renovación Popular", ""),
    ("R01", "Ana María Benavides Ugarte", "regidor", "Renovación Popular",
     "Economía y Presupuesto, Desarrollo Urbano"),
    ("R02", "Jorge Luis Salazar Prado", "regidor", "Renovación Popular", "Seguridad Ciudadana"),
    ("R03", "Lucía Fernández Ríos", "regidor", "Renovación Popular", "Desarrollo Humano"),
    ("R04", "Miguel Ángel Torres Vidal", "regidor", "Renovación Popular", "Medio Ambiente"),
    ("R05", "Patricia Rojas Salinas", "regidor", "Renovación Popular",
     "Economía y Presupuesto"),
    ("R06", "Fernando Gutiérrez León", "regidor", "Renovación Popular", "Desarrollo Urbano"),
    ("R07", "Claudia Paredes Núñez", "regidor", "Renovación Popular", "Cultura y Turismo"),
    ("R08", "Ricardo Mendoza Arce", "regidor", "Avanza País", "Seguridad Ciudadana"),
    ("R09", "Silvia Campos Otero", "regidor", "Avanza País", "Desarrollo Humano"),
    ("R10", "Andrés Vega Cárdenas", "regidor", "Podemos Perú", "Medio Ambiente"),
    ("R11", "Rosa Elena Huamán Cruz", "regidor", "Fuerza Popular", "Cultura y Turismo"),
]
TODAY_AGENDA = [
    CouncilItemIn(section="acta", title="Aprobación del acta de la sesión ordinaria anterior",
           kind="none"),
    CouncilItemIn(section="despacho", title="Oficio de la Contraloría sobre el control concurrente "
           "de la obra del malecón", kind="none"),
    CouncilItemIn(section="informes", title="Informe de la Gerencia de Seguridad Ciudadana "
           "(serenazgo, tercer trimestre)", kind="none"),
    CouncilItemIn(section="pedidos", title="Pedido de la regidora Benavides: iluminación del "
           "parque Kennedy", kind="none"),
    CouncilItemIn(section="orden_del_dia", title="Ordenanza que regula el uso de terrazas en la "
           "vía pública", kind="ordenanza", majority="simple"),
    CouncilItemIn(section="orden_del_dia", title="Acuerdo que aprueba el convenio con la "
           "Municipalidad de Barranco para la ciclovía del malecón", kind="acuerdo",
           majority="absoluta"),
    CouncilItemIn(section="orden_del_dia", title="Acuerdo que autoriza el viaje del alcalde a "
           "Santiago de Chile (foro de ciudades)", kind="acuerdo", majority="simple"),
]
PAST_AGENDA = [
    CouncilItemIn(section="acta", title="Aprobación del acta de la sesión anterior", kind="none"),
    CouncilItemIn(section="orden_del_dia", title="Ordenanza que aprueba el régimen de beneficios "
           "tributarios por pronto pago de arbitrios", kind="ordenanza", majority="simple"),
    CouncilItemIn(section="orden_del_dia", title="Acuerdo que declara de interés local la "
           "recuperación de la huaca Pucllana", kind="acuerdo", majority="simple"),
    CouncilItemIn(section="orden_del_dia", title="Acuerdo que aprueba la donación de equipos "
           "informáticos a colegios públicos del distrito", kind="acuerdo",
           majority="dos_tercios"),
    CouncilItemIn(section="orden_del_dia", title="Acuerdo que desafecta el parque Domodossola para "
           "estacionamiento", kind="acuerdo", majority="dos_tercios"),
]


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LIMA)


def _session(db: DbSession, term: Term, kind: str, title: str, starts_at: datetime,
             items: list[CouncilItemIn], convened_on: date) -> Session:
    row = Session(code=s.next_code(db, lima(starts_at).year), term_id=term.id, kind=kind,
                  title=title,
                  place="Salón de Sesiones, Palacio Municipal", stream_url=STREAM,
                  convened_on=convened_on, starts_at=starts_at, state="convocada", event_seq=0)
    db.add(row)
    db.flush()
    s._renumber(db, row, items)
    return row


def _hold_past(db: DbSession, term: Term, session: Session) -> None:
    """Hold a past session through the use cases, then date it when it was held."""
    device = sites.ensure_system_device(db=db, site_code="PM", name="Secretaría del concejo")
    who = council.Who(by=SYSTEM, device=device)
    everyone = [m.code for m in council.members(db, term)]
    s.roll_call(db=db, who=who, session=session, present=everyone[:-1])  # R11 absent
    votes = {2: ["a_favor"] * 9 + ["en_contra"] * 2,
             3: ["a_favor"] * 11,
             4: ["a_favor"] * 8 + ["abstencion"] * 3,  # 8 of 12: exactly two thirds
             5: ["a_favor"] * 6 + ["en_contra"] * 5}  # short of two thirds: rejected
    for item in s.items(db, session):
        s.open_item(db=db, who=who, session=session, seq=item.seq)
        for code, option in zip(everyone[:-1], votes.get(item.seq, []), strict=False):
            s.vote(db=db, who=who, session=session, seq=item.seq, code=code, option=option)
        if item.seq in votes:
            s.close_vote(db=db, who=who, session=session, seq=item.seq)
    s.end(db=db, who=who, session=session)
    held = session.starts_at
    session.started_at, session.ended_at = held, held + timedelta(hours=2)
    for item in s.items(db, session):  # as if each item took nine minutes of the recording
        item.offset_seconds = (item.seq - 1) * 540
    for agreement in db.execute(select(Agreement).where(
            Agreement.session_id == session.id)).scalars():
        agreement.adopted_on = lima(held).date()


def seed(*, db: DbSession, data_dir: Path) -> list[str]:
    if db.execute(select(Term).where(Term.code == "2023-2026")).scalar() is None:
        _seed(db)
    # Read back, so that a second run prints the same lines (the seed is idempotent).
    held, today_, extra = [*db.scalars(select(Session.code).order_by(Session.id).limit(3)),
                           "-", "-", "-"][:3]
    return [f"Concejo / council: 2023-2026 (alcalde + 11 regidores); {held} realizada / held, "
            f"{today_} hoy / today 18:00, {extra} extraordinaria / extraordinary"]


def _seed(db: DbSession) -> None:
    on = today()
    term = Term(code="2023-2026", starts_on=date(2023, 1, 1), ends_on=date(2026, 12, 31),
                regidores=11, second_call_minutes=30)
    if not term.starts_on <= on <= term.ends_on:  # a demo run after 2026 still has a council
        term.starts_on, term.ends_on = date(on.year, 1, 1), date(on.year, 12, 31)
    db.add(term)
    db.flush()
    for seq, (code, name, role, party, committees) in enumerate(MEMBERS):
        db.add(Member(term_id=term.id, code=code, seq=seq, name=name, role=role, party=party,
                      committees=committees))
    db.flush()
    past = _session(db, term, "ordinaria", "Sesión ordinaria",
                    _at(on - timedelta(days=14), 18), PAST_AGENDA, on - timedelta(days=21))
    _hold_past(db, term, past)
    r10 = db.execute(select(Member).where(Member.code == "R10")).scalar_one()
    db.add(Absence(member_id=r10.id, kind="licencia", starts_on=on - timedelta(days=1),
                   ends_on=on + timedelta(days=6), reason="Licencia por salud (demo)",
                   created_by=SYSTEM.actor, created_at=utcnow()))
    _session(db, term, "ordinaria", "Sesión ordinaria", _at(on, 18),
             TODAY_AGENDA, on - timedelta(days=7))
    extra_day = r.earliest_extraordinary(on) + timedelta(days=2)
    _session(db, term, "extraordinaria",
             "Sesión extraordinaria: presupuesto participativo", _at(extra_day, 10),
             [CouncilItemIn(section="orden_del_dia", title="Acuerdo que aprueba el presupuesto "
                     "participativo del año siguiente", kind="acuerdo",
                     majority="absoluta")], on)
    db.flush()
