"""The municipal council (concejo municipal): its terms and members, their leaves and
suspensions, sessions with their agenda, roll calls, votes, agreements and minutes, and the
live events each session publishes.

Definitions: a *regidor* is an elected council member (the mayor, *alcalde*, presides);
the *número legal* is the mayor plus the term's regidores; a *licencia* (leave) or
*suspensión* takes a member out for dated days; a *sesión* is *ordinaria*, *extraordinaria*
or *solemne*; its agenda runs in sections (*acta*, *despacho*, *informes*, *pedidos*, *orden
del día*); an *acuerdo* or *ordenanza* is what the council adopts; the *acta de sesión* is the
session's minutes. Nothing is deleted.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime


class Term(Base):
    """A council's term (gestión): how many regidores it has, and how long the second call
    waits when the first finds no quorum."""

    __tablename__ = "council_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)  # "2023-2026"
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    regidores: Mapped[int] = mapped_column(Integer)
    second_call_minutes: Mapped[int] = mapped_column(Integer)


class Member(Base):
    """The mayor (`alcalde`) or a regidor of one term; `committees`: names, comma separated."""

    __tablename__ = "council_members"
    __table_args__ = (UniqueConstraint("term_id", "code", name="uq_council_members_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("council_terms.id"), index=True)
    code: Mapped[str] = mapped_column(String(24))
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(160))
    role: Mapped[str] = mapped_column(String(12))  # alcalde | regidor
    party: Mapped[str] = mapped_column(String(120))
    committees: Mapped[str] = mapped_column(String(400), default="")


class Absence(Base):
    """A leave (`licencia`) or a suspension (`suspension`) from `starts_on` to `ends_on`."""

    __tablename__ = "council_absences"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("council_members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(300))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Session(Base):
    """One session. `state`: convocada | segunda_citacion | en_curso | concluida | fallida.
    `postponed_from`: the first date, once postponed (only once). `event_seq`: the last live
    event's number (the SSE id)."""

    __tablename__ = "council_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)  # SC-2026-004
    term_id: Mapped[int] = mapped_column(ForeignKey("council_terms.id"))
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(200))
    stream_url: Mapped[str | None] = mapped_column(String(300))
    convened_on: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    postponed_from: Mapped[datetime | None] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(20))
    second_call_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    quorum: Mapped[int | None] = mapped_column(Integer)
    present: Mapped[int | None] = mapped_column(Integer)
    current_item: Mapped[int | None] = mapped_column(Integer)  # agenda seq
    event_seq: Mapped[int] = mapped_column(Integer, default=0)


class AgendaItem(Base):
    """One point of the agenda, numbered in the usual order. `kind`: acuerdo | ordenanza |
    none (informative); `majority`: simple | absoluta | dos_tercios. `offset_seconds`: where
    its discussion starts in the recording. `state`: pendiente | en_debate | en_votacion |
    votado."""

    __tablename__ = "council_items"
    __table_args__ = (UniqueConstraint("session_id", "seq", name="uq_council_items_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("council_sessions.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(12))
    majority: Mapped[str] = mapped_column(String(12))
    state: Mapped[str] = mapped_column(String(12))
    offset_seconds: Mapped[int | None] = mapped_column(Integer)
    result: Mapped[str | None] = mapped_column(String(12))  # aprobado | desaprobado
    counts: Mapped[dict | None] = mapped_column(JSON)
    agreement: Mapped[str | None] = mapped_column(String(60))


class Attendance(Base):
    """The roll call: each member present or not, at the call that counted (1 or 2)."""

    __tablename__ = "council_attendance"
    __table_args__ = (UniqueConstraint("session_id", "member_id", "call",
                                       name="uq_council_attendance_member"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("council_sessions.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("council_members.id"))
    call: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))  # presente | ausente | licencia | suspension
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class Vote(Base):
    """One member's vote on one item: a_favor | en_contra | abstencion | ausente."""

    __tablename__ = "council_votes"
    __table_args__ = (UniqueConstraint("item_id", "member_id", name="uq_council_votes_member"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("council_items.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("council_members.id"))
    option: Mapped[str] = mapped_column(String(12))
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class Agreement(Base):
    """An acuerdo or ordenanza adopted, numbered per kind and year, with its verifiable
    document (`document_code`)."""

    __tablename__ = "council_agreements"
    __table_args__ = (UniqueConstraint("kind", "year", "seq", name="uq_council_agreements_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    session_id: Mapped[int] = mapped_column(ForeignKey("council_sessions.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("council_items.id"), unique=True)
    adopted_on: Mapped[date] = mapped_column(Date)
    document_code: Mapped[str] = mapped_column(String(16))


class Minutes(Base):
    """The acta de sesión: a draft (`borrador`, never public) until the council approves it
    at a later session (`aprobada`, `approved_in`)."""

    __tablename__ = "council_minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("council_sessions.id"), unique=True)
    state: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text)
    approved_in: Mapped[int | None] = mapped_column(ForeignKey("council_sessions.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Event(Base):
    """A live event of a session, numbered from 1 (`seq` is the SSE id): status, attendance,
    item, vote, result. Committed with the change it tells."""

    __tablename__ = "council_events"
    __table_args__ = (UniqueConstraint("session_id", "seq", name="uq_council_events_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("council_sessions.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    data: Mapped[dict] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime())



