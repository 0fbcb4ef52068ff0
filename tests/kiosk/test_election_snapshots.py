"""How voting looks at 80x25 in Spanish and English: ballot, review, tracker, receipt and
results, on fixed data (trackers and hashes are random in a real election)."""

from datetime import UTC, datetime

import pytest

from kiosk.api import voting
from kiosk.api.elections import (
    BallotStyle,
    BoardReceipt,
    Candidate,
    Elected,
    Elections,
    Results,
    ZoneResult,
)
from kiosk.api.voting import Encrypted
from screens.elections.ballot import BallotScreen
from screens.elections.done import VoteDoneScreen
from screens.elections.results import ResultsScreen
from screens.elections.review import ReviewScreen
from screens.elections.tracker import TrackerScreen
from tests.kiosk import test_account_snapshots as base

SIZE = (80, 25)
NAMES = ["Carmen Rosa Díaz Espinoza", "Julio César Chávez Llosa", "Teresa Gutiérrez de Paredes",
         "Miguel Ángel Ramírez Soto"]
STYLE = BallotStyle(
    election_id=1, name="Elecciones de Delegados Vecinales 2026", base_hash="ab" * 32,
    public_key="cd" * 32, zone=7, zone_name="Zona 7 - Santa Cruz", max_choices=1,
    nonce="0123456789abcdef.0123456789abcdef",
    candidates=[Candidate(id=i, zone=7, list_number=i, full_name=n, status="registered")
                for i, n in enumerate(NAMES, start=1)],
    voting_closes_at=datetime(2026, 12, 13, 21, tzinfo=UTC), already_voted=False,
    tracker_url="http://127.0.0.1:8765/verify/vote/1/")
TRACKER = "KYFU-PUTF-OJDP-NOOH-KS2O"
RECEIPT = BoardReceipt(kind="cast", tracker=TRACKER, position=1532, previous_hash="9f" * 32,
                       entry_hash="3c" * 32, head_signature="77" * 64, server_key="12" * 32,
                       election_name=STYLE.name, zone=7,
                       verify_url=f"http://127.0.0.1:8765/verify/vote/1/{TRACKER}",
                       tracker_digits=voting.tracker_digits(TRACKER))
RESULTS = Results(election_id=1, name=STYLE.name, phase="tallied", zones=[ZoneResult(
    zone=7, zone_name="Zona 7 - Santa Cruz", on_roll=4210, ballots=1532,
    candidates=[{"name": n, "list_number": i, "votes": v} for i, n, v in
                [(2, NAMES[1], 611), (1, NAMES[0], 498), (4, NAMES[3], 301), (3, NAMES[2], 97)]],
    elected=[Elected(candidate=NAMES[1], list_number=2, seat="delegate:1", votes=611),
             Elected(candidate=NAMES[0], list_number=1, seat="alternate:1", votes=498)],
    acta_code="AE7Q-2KXD-9RTM")])


class FixedElections(Elections):
    async def results(self, election_id):
        return RESULTS


def make_app(tmp_path, cards_dir, lang):
    app = base.make_app(tmp_path, cards_dir, lang)
    app.client.elections = FixedElections(app.client.transport)
    return app


ENCRYPTED = Encrypted(ballot={}, tracker=TRACKER, selections=[0, 1, 0, 0], randomness=[1] * 4)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_ballot(snap_compare, tmp_path, cards_dir, lang):
    async def mark_two(pilot):
        await base._as_rosa(lambda: BallotScreen(STYLE))(pilot)
        await pilot.press("2")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path, cards_dir, lang), terminal_size=SIZE,
                        run_before=mark_two)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_review(snap_compare, tmp_path, cards_dir, lang):
    assert snap_compare(make_app(tmp_path, cards_dir, lang), terminal_size=SIZE,
                        run_before=base._as_rosa(lambda: ReviewScreen(STYLE, [2])))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_tracker(snap_compare, tmp_path, cards_dir, lang):
    assert snap_compare(make_app(tmp_path, cards_dir, lang), terminal_size=SIZE,
                        run_before=base._as_rosa(lambda: TrackerScreen(STYLE, [2], ENCRYPTED)))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_vote_receipt(snap_compare, tmp_path, cards_dir, lang):
    assert snap_compare(make_app(tmp_path, cards_dir, lang), terminal_size=SIZE,
                        run_before=base._as_rosa(lambda: VoteDoneScreen(RECEIPT)))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_results(snap_compare, tmp_path, cards_dir, lang):
    assert snap_compare(make_app(tmp_path, cards_dir, lang), terminal_size=SIZE,
                        run_before=base._as_rosa(lambda: ResultsScreen(1)))
