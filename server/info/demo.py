"""Demo FAQ, news and kinds of reports; idempotent."""

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.info import demo_data as d
from server.info.models import FaqEntry, NewsItem, ServiceType
from server.offices import service as offices
from server.timeutil import today

ORDER = 60


def seed(*, db: Session, data_dir: Path) -> list[str]:
    if db.execute(select(FaqEntry.id)).first() is None:
        for q_es, q_en, a_es, a_en in d.FAQ:
            db.add(FaqEntry(question_es=q_es, question_en=q_en, answer_es=a_es, answer_en=a_en))
        for ago, t_es, t_en, b_es, b_en in d.NEWS:
            db.add(NewsItem(published_on=today() - timedelta(days=ago), title_es=t_es,
                            title_en=t_en, body_es=b_es, body_en=b_en))
    for code, es, en, desc, group, keywords, office, days in d.SERVICE_TYPES:
        if db.execute(select(ServiceType).where(ServiceType.code == code)).first() is None:
            db.add(ServiceType(code=code, name_es=es, name_en=en, description=desc, group=group,
                               keywords=keywords, office_id=offices.get(db=db, code=office).id,
                               expected_days=days))
    db.flush()
    return []
