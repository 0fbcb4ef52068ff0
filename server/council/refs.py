"""What the council shows other domains: its agreements and ordinances as refs."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession

from server.council.models import Agreement, Session
from server.council.texts import AGREEMENT_KIND
from server.kernel.text import Text


@dataclass(frozen=True)
class AgreementRef:
    number: str
    kind: Text
    title: str
    session: str
    adopted_on: date
    document_code: str


def agreements_signature(*, db: DbSession) -> tuple:
    """Changes whenever an agreement or ordinance is adopted."""
    return tuple(db.execute(select(func.count(), func.max(Agreement.id))).one())


def agreements(*, db: DbSession) -> list[AgreementRef]:
    """Every agreement and ordinance, newest first."""
    rows = db.execute(select(Agreement, Session.code).join(
        Session, Session.id == Agreement.session_id).order_by(Agreement.adopted_on.desc(),
                                                              Agreement.id.desc())).all()
    return [AgreementRef(number=a.number, kind=AGREEMENT_KIND[a.kind], title=a.title,
                         session=code, adopted_on=a.adopted_on,
                         document_code=a.document_code) for a, code in rows]

