"""What the council's reads send: a session with its agenda, attendance and votes; the
agreements (searchable); the calendar as iCalendar (America/Lima); Open Civic Data JSON
(Event, VoteEvent, Person, Organization)."""

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session as DbSession

from server.council import members as council
from server.council import rules as r
from server.council import sessions as s
from server.council import texts as t
from server.council.models import Agreement, Attendance, Member, Minutes, Session, Term, Vote
from server.council.schemas import (
    CouncilAgreementOut,
    CouncilAttendanceOut,
    CouncilItemOut,
    CouncilMemberOut,
    CouncilSessionOut,
    CouncilVoteOut,
)
from server.timeutil import lima, today

OCD_JURISDICTION = "ocd-jurisdiction/country:pe/departamento:lima/distrito:miraflores/government"
OCD_OPTION = {"a_favor": "yes", "en_contra": "no", "abstencion": "abstain",
              "ausente": "absent", "licencia": "excused", "suspension": "excused"}


def _names(db: DbSession, term_id: int) -> dict[int, Member]:
    return {m.id: m for m in db.execute(select(Member).where(Member.term_id == term_id))
            .scalars()}


def member_out(m: Member, absence: str | None) -> CouncilMemberOut:
    return CouncilMemberOut(code=m.code, name=m.name, role=m.role, party=m.party,
                     committees=[c.strip() for c in m.committees.split(",") if c.strip()],
                     able=absence is None, absence=absence)


def session_out(db: DbSession, session: Session) -> CouncilSessionOut:
    term = db.get(Term, session.term_id)
    people = _names(db, term.id)
    legal, able, quorum = council.able_and_quorum(db, term, lima(session.starts_at).date())
    rows = s.items(db, session)
    votes: dict[int, list[CouncilVoteOut]] = {}
    for v in db.execute(select(Vote).where(Vote.item_id.in_([i.id for i in rows]))
                        .order_by(Vote.id)).scalars():
        m = people[v.member_id]
        votes.setdefault(v.item_id, []).append(CouncilVoteOut(member=m.code, name=m.name,
                                                       option=v.option))
    attendance: dict[int, str] = {a.member_id: a.status for a in db.execute(
        select(Attendance).where(Attendance.session_id == session.id)
        .order_by(Attendance.call)).scalars()}
    minutes = db.execute(select(Minutes.state).where(Minutes.session_id == session.id)
                         ).scalar()
    return CouncilSessionOut(
        code=session.code, kind=session.kind, kind_text=t.KIND[session.kind],
        title=session.title, place=session.place, stream_url=session.stream_url,
        convened_on=session.convened_on, starts_at=session.starts_at,
        postponed_from=session.postponed_from, state=session.state,
        state_text=t.STATE[session.state], second_call_at=session.second_call_at,
        started_at=session.started_at, ended_at=session.ended_at, legal_number=legal,
        able=able, quorum=session.quorum or quorum, present=session.present,
        current_item=session.current_item, last_event=session.event_seq,
        items=[CouncilItemOut(seq=i.seq, section=i.section, section_text=t.SECTION[i.section],
                       title=i.title, kind=i.kind, majority=i.majority,
                       majority_text=t.MAJORITY[i.majority], state=i.state,
                       offset_seconds=i.offset_seconds, result=i.result,
                       counts={k: v for k, v in (i.counts or {}).items() if k != "needed"}
                       or None,
                       needed=(i.counts or {}).get("needed"), agreement=i.agreement,
                       votes=votes.get(i.id, [])) for i in rows],
        attendance=[CouncilAttendanceOut(member=people[mid].code, name=people[mid].name, status=st)
                    for mid, st in sorted(attendance.items(),
                                          key=lambda x: people[x[0]].seq)],
        minutes_approved=minutes == "aprobada")


def calendar(db: DbSession, start: datetime, end: datetime) -> list[Session]:
    return list(db.execute(select(Session).where(Session.starts_at >= start,
                                                 Session.starts_at < end)
                           .order_by(Session.starts_at)).scalars())


def agreement_out(a: Agreement, session_code: str, base_url: str) -> CouncilAgreementOut:
    return CouncilAgreementOut(number=a.number, kind=a.kind, kind_text=t.AGREEMENT_KIND[a.kind],
                        title=a.title, session=session_code, adopted_on=a.adopted_on,
                        document_code=a.document_code,
                        verify_url=f"{base_url.rstrip('/')}/verify/{a.document_code}")


def agreements(db: DbSession, *, q: str | None, base_url: str, limit: int = 50
               ) -> list[CouncilAgreementOut]:
    """Agreements and ordinances, newest first; `q` matches every word in the title or the
    number (case-insensitive)."""
    query = select(Agreement, Session.code).join(Session, Session.id == Agreement.session_id)
    for word in (q or "").split():
        like = f"%{word.lower()}%"
        query = query.where(or_(Agreement.title.ilike(like), Agreement.number.ilike(like)))
    rows = db.execute(query.order_by(Agreement.adopted_on.desc(), Agreement.id.desc())
                      .limit(limit)).all()
    return [agreement_out(a, code, base_url) for a, code in rows]


def calendar_ics(db: DbSession, *, start: datetime, end: datetime, base_url: str) -> bytes:
    """Sessions as an iCalendar feed (times in America/Lima, the agenda in the description,
    the stream as URL)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Municipalidad de Miraflores//Sesiones de Concejo//ES")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Sesiones de Concejo - Miraflores")
    cal.add("x-wr-timezone", "America/Lima")
    for session in calendar(db, start, end):
        event = Event()
        event.add("uid", f"{session.code}@miraflores.gob.pe")
        event.add("summary", f"{t.KIND[session.kind].es}: {session.title}")
        event.add("dtstart", lima(session.starts_at))
        event.add("location", session.place)
        event.add("status", "CANCELLED" if session.state == "fallida" else "CONFIRMED")
        if session.stream_url:
            event.add("url", session.stream_url)
        agenda = "\n".join(f"{i.seq}. {i.title}" for i in s.items(db, session))
        event.add("description", f"{t.STATE[session.state].es} / {t.STATE[session.state].en}"
                                 f"\n{agenda}\n{base_url}")
        cal.add_component(event)
    return cal.to_ical()


# -- Open Civic Data ----------------------------------------------------------------------------
def _person_id(m: Member) -> str:
    return f"ocd-person/miraflores-{m.code.lower()}"


def ocd_organization(db: DbSession) -> dict:
    term = council.term_on(db, today())
    return {"id": "ocd-organization/miraflores-concejo", "name": "Concejo Municipal de "
            "Miraflores", "classification": "legislature", "jurisdiction_id": OCD_JURISDICTION,
            "founding_date": term.starts_on.isoformat(), "dissolution_date":
            term.ends_on.isoformat(), "extras": {"term": term.code, "regidores": term.regidores,
                                                 "legal_number": r.legal_number(term.regidores)}}


def ocd_people(db: DbSession) -> list[dict]:
    term = council.term_on(db, today())
    out = council.absences_on(db, term, today())
    return [{"id": _person_id(m), "name": m.name, "party": [{"name": m.party}],
             "roles": [{"type": "member", "title": "Alcalde" if m.role == "alcalde"
                        else "Regidor", "organization_id":
                        "ocd-organization/miraflores-concejo",
                        "start_date": term.starts_on.isoformat(),
                        "end_date": term.ends_on.isoformat()}],
             "extras": {"committees": member_out(m, None).committees,
                        "absence": out.get(m.id)}} for m in council.members(db, term)]


def ocd_event(db: DbSession, session: Session) -> dict:
    out = session_out(db, session)
    media = []
    if session.stream_url:
        media.append({"note": "Transmisión / Stream", "links": [
            {"media_type": "application/vnd.apple.mpegurl" if session.stream_url.endswith(
                ".m3u8") else "text/html", "url": session.stream_url}],
            "offset": None})
    return {
        "id": f"ocd-event/miraflores-{session.code.lower()}", "_type": "event",
        "name": f"{out.kind_text.es}: {session.title}", "description": session.title,
        "classification": "council-session", "timezone": "America/Lima",
        "start_date": lima(session.starts_at).isoformat(),
        "end_date": lima(session.ended_at).isoformat() if session.ended_at else None,
        "status": {"convocada": "confirmed", "segunda_citacion": "confirmed",
                   "en_curso": "confirmed", "concluida": "passed",
                   "fallida": "cancelled"}[session.state],
        "location": {"name": session.place}, "media": media,
        "participants": [{"entity_type": "organization", "name": "Concejo Municipal de "
                          "Miraflores", "note": "host"}],
        "agenda": [{"order": str(i.seq), "description": i.title,
                    "classification": [i.section], "subjects": [],
                    "media": [{"note": "Grabación / Recording", "offset": i.offset_seconds,
                               "links": [{"url": session.stream_url}]}]
                    if session.stream_url and i.offset_seconds is not None else [],
                    "related_entities": [{"entity_type": "vote_event", "name": i.title,
                                          "id": _vote_id(session, i.seq)}]
                    if i.result else []} for i in out.items],
        "extras": {"code": session.code, "state": session.state, "quorum": out.quorum,
                   "present": out.present},
    }


def _vote_id(session: Session, seq: int) -> str:
    return f"ocd-vote/miraflores-{session.code.lower()}-{seq}"


def ocd_votes(db: DbSession, session: Session) -> list[dict]:
    out = session_out(db, session)
    term = db.get(Term, session.term_id)
    people = {m.code: m for m in council.members(db, term)}
    excused = {a.member: a.status for a in out.attendance
               if a.status in ("licencia", "suspension")}
    events = []
    for item in out.items:
        if not item.result:
            continue
        votes = [{"option": OCD_OPTION[v.option], "voter_name": v.name,
                  "voter_id": _person_id(people[v.member])} for v in item.votes]
        votes += [{"option": "excused", "voter_name": people[code].name,
                   "voter_id": _person_id(people[code])} for code in excused]
        counts = {}
        for v in votes:
            counts[v["option"]] = counts.get(v["option"], 0) + 1
        events.append({
            "id": _vote_id(session, item.seq), "_type": "vote_event",
            "identifier": item.agreement or f"{session.code}-{item.seq}",
            "motion_text": item.title, "motion_classification": [item.kind, item.majority],
            "start_date": lima(session.started_at).date().isoformat(),
            "result": "pass" if item.result == "aprobado" else "fail",
            "organization_id": "ocd-organization/miraflores-concejo",
            "event_id": f"ocd-event/miraflores-{session.code.lower()}",
            "counts": [{"option": k, "value": v} for k, v in sorted(counts.items())],
            "votes": votes})
    return events
