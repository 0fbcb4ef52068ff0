"""The secretary's use cases in a session (leaves and suspensions: members.py; editing and
approving minutes: minutes.py): convening a session with its agenda in
the usual order, postponing it once, the roll call (quorum, second call, failed session), the
item under discussion, each member's vote, the count by the item's majority (agreements and
ordinances numbered as verifiable documents), ending the session and its minutes. Each writes
its audit entry and its live event in the caller's transaction; the route commits."""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from server.audit import service as audit
from server.council import live
from server.council import rules as r
from server.council import texts as t
from server.council.members import Who, able_and_quorum, absences_on, member, members, term_on
from server.council.models import (
    AgendaItem,
    Agreement,
    Attendance,
    Minutes,
    Session,
    Term,
    Vote,
)
from server.council.schemas import CouncilItemIn, CouncilSessionIn
from server.documents import service as documents
from server.errors import Problem
from server.kernel.text import Text
from server.timeutil import lima, today, utcnow


# -- sessions ----------------------------------------------------------------------------------
def get(db: DbSession, code: str, *, lock: bool = False) -> Session:
    query = select(Session).where(Session.code == code.strip().upper())
    if lock:
        query = query.with_for_update()
    row = db.execute(query).scalar()
    if row is None:
        raise Problem(404, "council_session_not_found", f"No existe la sesión {code}.",
                      f"There is no session {code}.")
    return row


def items(db: DbSession, session: Session) -> list[AgendaItem]:
    return list(db.execute(select(AgendaItem).where(AgendaItem.session_id == session.id)
                           .order_by(AgendaItem.seq)).scalars())


def _renumber(db: DbSession, session: Session, new: list[CouncilItemIn]) -> None:
    """The agenda in the usual order: sections as the law lists them, each keeping the order
    its items came in. Items already on the agenda keep their rows (nothing is deleted) and
    take their new numbers."""
    old = items(db, session)
    merged: list[tuple[str, AgendaItem | CouncilItemIn]] = [(i.section, i) for i in old] + [
        (i.section, i) for i in new]
    merged.sort(key=lambda x: r.SECTIONS.index(x[0]))  # stable: order within a section kept
    for row in old:  # out of the way of the unique (session, seq) while renumbering
        row.seq = -row.seq
    db.flush()
    for seq, (section, entry) in enumerate(merged, start=1):
        if isinstance(entry, AgendaItem):
            entry.seq = seq
        else:
            db.add(AgendaItem(session_id=session.id, seq=seq, section=section,
                              title=entry.title.strip(), kind=entry.kind,
                              majority=entry.majority, state="pendiente"))
    db.flush()


def next_code(db: DbSession, year: int) -> str:
    """The year's next session code (SC-2026-004): the series' row lock numbers concurrent
    convenings one after the other."""
    return documents.next_number(db=db, series=f"SC-{year}", fmt="{series}-{n:03d}")


def convene(*, db: DbSession, who: Who, body: CouncilSessionIn) -> Session:
    on = today()
    day = lima(body.starts_at).date()
    if day < on:
        raise Problem(422, "council_session_past", "La sesión no puede ser en el pasado.",
                      "The session cannot be in the past.")
    if body.kind == "extraordinaria" and not r.extraordinary_notice_ok(on, day):
        first = r.earliest_extraordinary(on)
        raise Problem(422, "council_notice_too_short",
                      "Una sesión extraordinaria se convoca con al menos 5 días hábiles de "
                      f"anticipación: la primera fecha posible es {first:%d/%m/%Y}.",
                      "An extraordinary session needs at least 5 working days' notice: the "
                      f"first possible date is {first:%Y-%m-%d}.", earliest=first.isoformat())
    if body.kind == "extraordinaria" and not body.items:
        raise Problem(422, "council_agenda_needed",
                      "Una sesión extraordinaria se convoca con su agenda.",
                      "An extraordinary session is convened with its agenda.")
    term = term_on(db, day)
    year = lima(body.starts_at).year
    session = Session(code=next_code(db, year), term_id=term.id, kind=body.kind,
                      title=body.title.strip(), place=body.place, stream_url=body.stream_url,
                      convened_on=on, starts_at=body.starts_at, state="convocada", event_seq=0)
    db.add(session)
    db.flush()
    _renumber(db, session, body.items)
    audit.record(db=db, by=who.by, action="council.convene", target=f"council_session:"
                 f"{session.code}", details={"kind": body.kind, "items": len(body.items)})
    return session


def _before_start(session: Session) -> None:
    if session.state != "convocada":
        raise Problem(409, "council_session_started",
                      f"La sesión {session.code} ya empezó o terminó.",
                      f"Session {session.code} has already started or ended.")


def add_items(*, db: DbSession, who: Who, session: Session, new: list[CouncilItemIn]) -> None:
    _before_start(session)
    if session.kind == "extraordinaria":
        raise Problem(409, "council_agenda_fixed",
                      "La agenda de una sesión extraordinaria no puede cambiar.",
                      "The agenda of an extraordinary session cannot change.")
    _renumber(db, session, new)
    audit.record(db=db, by=who.by, action="council.agenda", target=f"council_session:"
                 f"{session.code}", details={"added": len(new)})


def postpone(*, db: DbSession, who: Who, session: Session, starts_at: datetime,
             requested_by: list[str]) -> Session:
    _before_start(session)
    if session.postponed_from is not None:
        raise Problem(409, "council_postponed_once",
                      "Una sesión se aplaza una sola vez.", "A session is postponed only once.")
    term = db.get(Term, session.term_id)
    regidores = {m.code for m in members(db, term) if m.role == "regidor"}
    asking = set(requested_by) & regidores
    need = r.postponement_votes(term.regidores)
    if len(asking) < need:
        raise Problem(422, "council_postpone_votes",
                      f"Aplazar la sesión lo piden dos tercios del número legal de regidores: "
                      f"{need}; lo piden {len(asking)}.",
                      f"Postponing needs two thirds of the legal number of regidores: {need}; "
                      f"{len(asking)} asked.")
    first, last = r.postponement_window(lima(session.starts_at).date())
    if not first <= lima(starts_at).date() <= last:
        raise Problem(422, "council_postpone_window",
                      f"Se aplaza por no menos de 3 ni más de 5 días hábiles: entre el "
                      f"{first:%d/%m/%Y} y el {last:%d/%m/%Y}.",
                      f"A postponement is to 3 to 5 working days later: from {first:%Y-%m-%d} "
                      f"to {last:%Y-%m-%d}.")
    session.postponed_from, session.starts_at = session.starts_at, starts_at
    audit.record(db=db, by=who.by, action="council.postpone", target=f"council_session:"
                 f"{session.code}", details={"to": starts_at.isoformat(),
                                             "requested_by": sorted(asking)})
    live.emit(db, session, "status", {"state": session.state,
                                      "starts_at": starts_at.isoformat()})
    return session


def _status_event(db: DbSession, session: Session) -> None:
    live.emit(db, session, "status", {
        "state": session.state, "quorum": session.quorum, "present": session.present,
        "second_call_at": session.second_call_at.isoformat() if session.second_call_at
        else None})


def roll_call(*, db: DbSession, who: Who, session: Session, present: list[str]) -> Session:
    """Attendance at the first call (or the second, once its wait is over). Quorum: the
    session opens. None at the first call: a second call after the term's wait. None at the
    second: the session failed, and it is recorded."""
    if session.state not in ("convocada", "segunda_citacion"):
        raise Problem(409, "council_roll_call_closed",
                      f"La sesión {session.code} ya no pasa lista.",
                      f"Session {session.code} takes no more roll calls.")
    now = utcnow()
    if session.state == "segunda_citacion" and now < session.second_call_at:
        wait = lima(session.second_call_at)
        raise Problem(409, "council_second_call_wait",
                      f"La segunda citación es a las {wait:%H:%M}.",
                      f"The second call is at {wait:%H:%M}.")
    call = 2 if session.state == "segunda_citacion" else 1
    term = db.get(Term, session.term_id)
    everyone = members(db, term)
    codes = {m.code for m in everyone}
    unknown = sorted(set(present) - codes)
    if unknown:
        raise Problem(422, "council_member_not_found",
                      f"No son miembros del concejo: {', '.join(unknown)}.",
                      f"Not council members: {', '.join(unknown)}.")
    day = lima(now).date()
    out = absences_on(db, term, day)
    legal, able, needed = able_and_quorum(db, term, day)
    count = 0
    for m in everyone:
        status = out.get(m.id) or ("presente" if m.code in present else "ausente")
        count += status == "presente"
        db.add(Attendance(session_id=session.id, member_id=m.id, call=call, status=status,
                          at=now))
        live.emit(db, session, "attendance", {"member": m.code, "name": m.name,
                                              "status": status, "call": call})
    session.quorum, session.present = needed, count
    if count >= needed:
        session.state, session.started_at = "en_curso", now
    elif call == 1:
        session.state = "segunda_citacion"
        session.second_call_at = now + timedelta(minutes=term.second_call_minutes)
    else:
        session.state, session.ended_at = "fallida", now
    audit.record(db=db, by=who.by, action="council.roll_call", target=f"council_session:"
                 f"{session.code}", details={"call": call, "present": count, "quorum": needed,
                                             "able": able, "legal": legal,
                                             "state": session.state})
    _status_event(db, session)
    return session


def _running(session: Session) -> None:
    if session.state != "en_curso":
        raise Problem(409, "council_session_not_running",
                      f"La sesión {session.code} no está en curso.",
                      f"Session {session.code} is not in progress.")


def _item(db: DbSession, session: Session, seq: int) -> AgendaItem:
    row = db.execute(select(AgendaItem).where(AgendaItem.session_id == session.id,
                                              AgendaItem.seq == seq)).scalar()
    if row is None:
        raise Problem(404, "council_item_not_found", f"La agenda no tiene el punto {seq}.",
                      f"The agenda has no item {seq}.")
    return row


def open_item(*, db: DbSession, who: Who, session: Session, seq: int) -> AgendaItem:
    """The item under discussion; its offset into the recording is kept."""
    _running(session)
    item = _item(db, session, seq)
    if item.state == "votado":
        raise Problem(409, "council_item_voted", f"El punto {seq} ya fue votado.",
                      f"Item {seq} has already been voted on.")
    if session.current_item and session.current_item != seq:
        current = _item(db, session, session.current_item)
        if current.state == "en_votacion":
            raise Problem(409, "council_vote_open",
                          f"Cierre primero la votación del punto {current.seq}.",
                          f"Close the vote on item {current.seq} first.")
    session.current_item = seq
    if item.offset_seconds is None:
        item.offset_seconds = int((utcnow() - session.started_at).total_seconds())
    item.state = "en_debate"
    audit.record(db=db, by=who.by, action="council.item", target=f"council_session:"
                 f"{session.code}", details={"item": seq})
    live.emit(db, session, "item", {"seq": seq, "title": item.title, "section": item.section,
                                    "majority": item.majority,
                                    "offset_seconds": item.offset_seconds})
    return item


def _present(db: DbSession, session: Session) -> dict[int, str]:
    """member id -> status at the call that opened the session."""
    rows = db.execute(select(Attendance).where(Attendance.session_id == session.id)
                      .order_by(Attendance.call)).scalars()
    return {a.member_id: a.status for a in rows}


def vote(*, db: DbSession, who: Who, session: Session, seq: int, code: str,
         option: str) -> Vote:
    """One member's vote, once: a second one for the same member is refused."""
    _running(session)
    item = _item(db, session, seq)
    if session.current_item != seq or item.state not in ("en_debate", "en_votacion"):
        raise Problem(409, "council_item_not_open", f"El punto {seq} no está en debate.",
                      f"Item {seq} is not under discussion.")
    if item.kind == "none":
        raise Problem(409, "council_item_not_voted", f"El punto {seq} no se vota.",
                      f"Item {seq} is not voted on.")
    term = db.get(Term, session.term_id)
    m = member(db, term, code)
    if _present(db, session).get(m.id) != "presente" and option != "ausente":
        raise Problem(409, "council_member_not_present",
                      f"{m.name} no está presente en la sesión.",
                      f"{m.name} is not present at the session.")
    if db.execute(select(Vote).where(Vote.item_id == item.id,
                                     Vote.member_id == m.id)).scalar() is not None:
        raise Problem(409, "council_already_voted", f"{m.name} ya votó en este punto.",
                      f"{m.name} has already voted on this item.")
    row = Vote(item_id=item.id, member_id=m.id, option=option, at=utcnow())
    db.add(row)
    item.state = "en_votacion"
    db.flush()
    audit.record(db=db, by=who.by, action="council.vote", target=f"council_session:"
                 f"{session.code}", details={"item": seq, "member": code, "option": option})
    live.emit(db, session, "vote", {"seq": seq, "member": code, "name": m.name,
                                    "option": option})
    return row


def _number(db: DbSession, kind: str, year: int) -> tuple[int, str]:
    # A locked series (not the highest number + 1): two votes closed at once get two numbers.
    seq = int(documents.next_number(db=db, series=f"council-{kind}-{year}", fmt="{n}"))
    if kind == "ordenanza":
        return seq, f"Ordenanza N.° {seq:03d}-{year}/MM"
    return seq, f"Acuerdo de Concejo N.° {seq:03d}-{year}/MM"


def close_vote(*, db: DbSession, who: Who, session: Session, seq: int) -> AgendaItem:
    """The count by the item's majority; members who did not vote count as absent. An
    approved acuerdo or ordenanza gets its number and its verifiable document."""
    _running(session)
    item = _item(db, session, seq)
    if item.state != "en_votacion" or session.current_item != seq:
        raise Problem(409, "council_no_vote_open", f"El punto {seq} no está en votación.",
                      f"Item {seq} is not being voted on.")
    term = db.get(Term, session.term_id)
    everyone = members(db, term)
    cast = {v.member_id: v.option for v in db.execute(
        select(Vote).where(Vote.item_id == item.id)).scalars()}
    status = _present(db, session)
    now = utcnow()
    for m in everyone:
        if m.id not in cast and status.get(m.id) in ("presente", "ausente"):
            db.add(Vote(item_id=item.id, member_id=m.id, option="ausente", at=now))
            cast[m.id] = "ausente"
    count = r.Count.of(list(cast.values()))
    legal = r.legal_number(term.regidores)
    mayor = next((cast.get(m.id) for m in everyone if m.role == "alcalde"), None)
    approved = r.passes(item.majority, legal=legal, count=count, mayor=mayor)
    item.state, item.result = "votado", "aprobado" if approved else "desaprobado"
    item.counts = {"a_favor": count.a_favor, "en_contra": count.en_contra,
                   "abstencion": count.abstencion, "ausente": count.ausente,
                   "needed": r.needed(item.majority, legal=legal, count=count)}
    if approved and item.kind in ("acuerdo", "ordenanza"):
        year = lima(now).year
        number_seq, number = _number(db, item.kind, year)
        kind_text = t.AGREEMENT_KIND[item.kind]
        doc = documents.issue(
            db=db, by=who.by, device=who.device, kind=f"council_{item.kind}",
            prefix="AC" if item.kind == "acuerdo" else "OM", title=kind_text, resident=None,
            lines=[documents.DocumentLine(label=Text(es="Número", en="Number"), value=number),
                   documents.DocumentLine(label=Text(es="Asunto", en="Subject"),
                                          value=item.title),
                   documents.DocumentLine(label=Text(es="Sesión", en="Session"),
                                          value=f"{session.code} "
                                                f"({lima(session.started_at):%d/%m/%Y})"),
                   documents.DocumentLine(
                       label=Text(es="Votación", en="Vote"),
                       value=f"{count.a_favor} a favor, {count.en_contra} en contra, "
                             f"{count.abstencion} abstenciones, {count.ausente} ausentes "
                             f"({t.MAJORITY[item.majority].es})")])
        db.add(Agreement(kind=item.kind, year=year, seq=number_seq, number=number,
                         title=item.title, session_id=session.id, item_id=item.id,
                         adopted_on=lima(now).date(), document_code=doc.code))
        item.agreement = number
    db.flush()
    audit.record(db=db, by=who.by, action="council.result", target=f"council_session:"
                 f"{session.code}", details={"item": seq, "result": item.result,
                                             **item.counts, "agreement": item.agreement})
    live.emit(db, session, "result", {"seq": seq, "result": item.result, "counts": item.counts,
                                      "agreement": item.agreement})
    return item


def end(*, db: DbSession, who: Who, session: Session) -> Session:
    """The session ends; its minutes start as a draft (never public until approved)."""
    _running(session)
    for item in items(db, session):
        if item.state == "en_votacion":
            raise Problem(409, "council_vote_open",
                          f"Cierre primero la votación del punto {item.seq}.",
                          f"Close the vote on item {item.seq} first.")
    session.state, session.ended_at, session.current_item = "concluida", utcnow(), None
    db.add(Minutes(session_id=session.id, state="borrador", text=draft_minutes(db, session)))
    audit.record(db=db, by=who.by, action="council.end", target=f"council_session:"
                 f"{session.code}")
    _status_event(db, session)
    return session


def draft_minutes(db: DbSession, session: Session) -> str:
    lines = [f"ACTA DE {t.KIND[session.kind].es.upper()} {session.code}",
             f"{session.title}. {session.place}, {lima(session.started_at):%d/%m/%Y %H:%M}.",
             f"Quórum: {session.quorum}; presentes: {session.present}.", ""]
    for item in items(db, session):
        line = f"{item.seq}. {t.SECTION[item.section].es}: {item.title}"
        if item.result:
            c = item.counts or {}
            line += (f" — {t.RESULT[item.result].es} ({c.get('a_favor')} a favor, "
                     f"{c.get('en_contra')} en contra, {c.get('abstencion')} abstenciones)")
        if item.agreement:
            line += f"; {item.agreement}"
        lines.append(line)
    return "\n".join(lines)
