"""Elecciones vecinales: the election, its roll (padrón), candidates and challenges (tachas),
the bulletin board of encrypted ballots, and the trustees' partial decryptions.

No table holds a plaintext vote. A board entry keeps a pseudonymous voter reference
(HMAC of the resident with the election's secret) only so the last ballot counts.
"""

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime

PHASES = ("setup", "roll", "candidacies", "challenges", "ready", "voting", "closed", "tallied")


class Election(Base):
    __tablename__ = "elections"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)  # names it in every proof
    name: Mapped[str] = mapped_column(String(160))
    phase: Mapped[str] = mapped_column(String(16), default="setup")
    zones: Mapped[list] = mapped_column(JSON)
    delegates: Mapped[int] = mapped_column(Integer)
    alternates: Mapped[int] = mapped_column(Integer)
    max_choices: Mapped[int] = mapped_column(Integer, default=1)
    tie_rule: Mapped[str] = mapped_column(String(16))  # draw | list_order
    threshold: Mapped[int] = mapped_column(Integer)
    trustees: Mapped[list] = mapped_column(JSON)  # names, index = position + 1
    roll_closes_on: Mapped[date] = mapped_column(Date)
    candidacies_close_on: Mapped[date] = mapped_column(Date)
    challenges_close_on: Mapped[date] = mapped_column(Date)
    voting_opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    voting_closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    voter_secret: Mapped[str] = mapped_column(String(64))  # never leaves the server
    roll: Mapped[list | None] = mapped_column(JSON)  # [{zone, count, root}] once frozen
    key: Mapped[dict | None] = mapped_column(JSON)  # public key, commitments, proof, trustees
    manifest: Mapped[dict | None] = mapped_column(JSON)  # frozen when voting opens
    base_hash: Mapped[str | None] = mapped_column(String(64))
    head_position: Mapped[int] = mapped_column(Integer, default=0)
    head_hash: Mapped[str | None] = mapped_column(String(64))
    head_signature: Mapped[str | None] = mapped_column(String(128))
    sums: Mapped[list | None] = mapped_column(JSON)  # encrypted totals, once closed
    tally: Mapped[list | None] = mapped_column(JSON)  # per zone, once t trustees decrypted
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class RollEntry(Base):
    """One eligible resident, frozen with the roll: the leaf of the zone's Merkle tree."""

    __tablename__ = "election_roll"
    __table_args__ = (UniqueConstraint("election_id", "resident_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), index=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))
    zone: Mapped[int] = mapped_column(Integer)
    leaf_index: Mapped[int] = mapped_column(Integer)
    leaf: Mapped[str] = mapped_column(String(200))


class Candidate(Base):
    __tablename__ = "election_candidates"
    __table_args__ = (
        UniqueConstraint("election_id", "zone", "list_number",
                         name="uq_election_candidates_list_number"),
        UniqueConstraint("election_id", "dni", name="uq_election_candidates_dni"))

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), index=True)
    zone: Mapped[int] = mapped_column(Integer)
    list_number: Mapped[int] = mapped_column(Integer)
    dni: Mapped[str] = mapped_column(String(8))
    full_name: Mapped[str] = mapped_column(String(160))
    status: Mapped[str] = mapped_column(String(16), default="registered")  # | excluded


class Challenge(Base):
    """A tacha against a candidate: filed with its grounds, resolved with a reason."""

    __tablename__ = "election_challenges"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("election_candidates.id"), index=True)
    filed_by: Mapped[str] = mapped_column(String(160))
    grounds: Mapped[str] = mapped_column(String(400))
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default="filed")  # | upheld | dismissed
    resolution: Mapped[str | None] = mapped_column(String(400))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class BoardEntry(Base):
    """A bulletin-board entry: the public entry as JSON plus what indexes it."""

    __tablename__ = "election_board"
    __table_args__ = (
        UniqueConstraint("election_id", "position", name="uq_election_board_position"),
        UniqueConstraint("election_id", "tracker", name="uq_election_board_tracker"),
        # One counted ballot per voter, whatever the application does.
        Index("uq_election_board_counted", "election_id", "voter_ref", unique=True,
              sqlite_where=text("counted"), postgresql_where=text("counted")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8))  # cast | spoiled
    zone: Mapped[int] = mapped_column(Integer)
    tracker: Mapped[str] = mapped_column(String(32))
    voter_ref: Mapped[str | None] = mapped_column(String(64))
    counted: Mapped[bool] = mapped_column(Boolean, default=False)
    superseded_by: Mapped[int | None] = mapped_column(Integer)  # a later position
    hash: Mapped[str] = mapped_column(String(64))
    entry: Mapped[dict] = mapped_column(JSON)


class PartialDecryption(Base):
    __tablename__ = "election_partials"
    __table_args__ = (UniqueConstraint("election_id", "trustee"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"))
    trustee: Mapped[int] = mapped_column(Integer)
    zones: Mapped[list] = mapped_column(JSON)  # [{zone, shares, proofs}]
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())
