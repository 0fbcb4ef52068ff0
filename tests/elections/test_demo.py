"""The demo election that `make demo` opens: votable by Rosa, trustees' files usable,
seeded once however often seed-demo runs."""

from sqlalchemy import func, select

from election_crypto import group, sharefile
from server.db import Database
from server.demo.seed import seed
from server.elections import service
from server.elections.demo import passphrase
from server.elections.models import Election
from server.identity import service as identity
from server.migrate import upgrade


def test_the_demo_election_is_open_to_rosa_and_seeded_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    upgrade(url)
    database = Database(url)
    try:
        for _ in range(2):
            with database.sessionmaker() as db:
                seed(db=db, data_dir=tmp_path)
        with database.sessionmaker() as db:
            assert db.scalar(select(func.count(Election.id))) == 1
            election = db.execute(select(Election)).scalar()
            assert election.phase == "voting" and len(election.roll) == 14
            rosa = identity.get_resident_by_dni(db=db, dni="40123456")
            style = service.ballot_style(db=db, election_id=election.id, resident_id=rosa.id,
                                         session_id=1, base_url="http://kiosk.test")
            assert style.zone == 7 and len(style.candidates) == 3
            trustee = election.key["trustees"][1]
            data = sharefile.read(tmp_path / "demo-trustees" / f"custodio-{election.id}-2.json")
            share = sharefile.open_share(data, passphrase(2))
            assert group.base(share).hex() == trustee["verification_key"]
    finally:
        database.dispose()
