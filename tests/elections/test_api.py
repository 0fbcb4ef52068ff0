"""The election through the real kiosk client and the real app: the officer's phases, Rosa's
roll check, a checked (spoiled) ballot, a vote and a re-vote, the refusals, the tally."""

import asyncio
import copy
import uuid

import pytest
from sqlalchemy import func, select

from election_crypto import merkle
from election_crypto.verify import verify
from kiosk.api import ApiError, voting
from server.audit.models import AuditEntry
from tests.conftest import card_login, table_counts
from tests.elections import rig

ROSA, JORGE = "40123456", "07654321"


def key() -> str:
    return str(uuid.uuid4())


async def _voter(make_client, cards_dir, dni=ROSA):
    client = await make_client()
    await card_login(client, cards_dir, dni=dni)
    return client


async def _choose(client, election_id, list_number: int | None):
    style = await client.elections.ballot_style(election_id)
    chosen = {c.id for c in style.candidates if c.list_number == list_number}
    return style, await asyncio.to_thread(voting.encrypt, style, chosen)


async def test_a_whole_election_rosa_checks_votes_revotes_and_the_record_verifies(
        make_client, database, cards_dir, tmp_path):
    officer = await rig.officer(make_client)
    running = await rig.to_voting(officer, database, tmp_path)
    eid = running.id
    rosa = await _voter(make_client, cards_dir)

    inclusion = await rosa.elections.my_inclusion(eid)
    assert inclusion.included and inclusion.zone == 7
    assert merkle.check(inclusion.leaf.encode(), inclusion.path, bytes.fromhex(inclusion.root))

    # Check (Benaloh): the revealed ballot is published as spoiled and never counts.
    _, checked = await _choose(rosa, eid, 1)
    spoiled = await rosa.elections.spoil(eid, checked.ballot, checked.reveal(),
                                         idempotency_key=key())
    assert spoiled.kind == "spoiled" and spoiled.tracker == checked.tracker
    with pytest.raises(ApiError) as refused:  # a checked ballot can never be cast
        await rosa.elections.cast(eid, checked.ballot, idempotency_key=key())
    assert refused.value.code == "ballot_replayed"

    _, first = await _choose(rosa, eid, 1)
    k = key()
    receipt = await rosa.elections.cast(eid, first.ballot, idempotency_key=k)
    again = await rosa.elections.cast(eid, first.ballot, idempotency_key=k)  # a retry
    assert again == receipt and receipt.position == 2 and receipt.previous_hash == \
        spoiled.entry_hash
    _, second = await _choose(rosa, eid, 2)  # she changes her mind
    await rosa.elections.cast(eid, second.ballot, idempotency_key=key())
    assert (await rosa.elections.tracker(eid, first.tracker)).status == "superseded"
    assert (await rosa.elections.tracker(eid, second.tracker.lower())).status == "counted"
    assert (await rosa.elections.tracker(eid, checked.tracker)).status == "spoiled"

    with pytest.raises(ApiError) as early:
        await rosa.elections.results(eid)
    assert early.value.code == "results_not_published"

    await rig.close(officer, database, eid)
    await rig.tally(officer, running, [1, 3])
    assert (await officer.elections.get(eid)).phase == "closed"  # 2 of 5: not enough
    with pytest.raises(ApiError):
        await rosa.elections.record(eid)
    await rig.tally(officer, running, [5])
    results = await rosa.elections.results(eid)
    zone = results.zones[0]
    assert zone.ballots == 1 and zone.on_roll >= 4
    assert next((c["list_number"], c["votes"]) for c in zone.candidates) == (2, 1)
    assert zone.elected[0].list_number == 2 and zone.elected[0].seat == "delegate:1"
    assert zone.acta_code
    assert (await rosa.documents.verify(zone.acta_code)).valid
    typed = await rosa.elections.record(eid)
    assert typed.format == "miraflores-election-record/1" and typed.head.position == 3
    record = typed.raw  # the JSON as it came: what the verifier reads
    assert verify(record) == []
    assert "ballot" in record["board"][0] and "reveal" in record["board"][0]
    # Only a checked ballot carries its reveal; a cast one never shows its choice or randomness.
    assert [("reveal" in e, "voter" in e) for e in record["board"]] == [
        (True, False), (False, True), (False, True)]


async def test_refused_ballots_leave_nothing_behind(make_client, database, cards_dir, tmp_path):
    officer = await rig.officer(make_client)
    running = await rig.to_voting(officer, database, tmp_path)
    eid = running.id
    rosa = await _voter(make_client, cards_dir)
    jorge = await _voter(make_client, cards_dir, JORGE)  # zone 5: not taking part
    _style, good = await _choose(rosa, eid, 1)
    before = table_counts(database)

    async def refused(client, ballot) -> str:
        with pytest.raises(ApiError) as exc:
            await client.elections.cast(eid, ballot, idempotency_key=key())
        return exc.value.code

    assert await refused(jorge, good.ballot) == "not_on_roll"
    with pytest.raises(ApiError) as not_on_roll:
        await jorge.elections.ballot_style(eid)
    assert not_on_roll.value.code == "not_on_roll" and "padrón" in not_on_roll.value.text("es")
    other = await _voter(make_client, cards_dir)  # Rosa's ballot replayed in another session
    assert await refused(other, good.ballot) == "ballot_not_for_this_election"
    altered = copy.deepcopy(good.ballot)
    a, b = altered["choices"][0]
    altered["choices"][0] = [b, a]
    assert await refused(rosa, altered) == "ballot_invalid_proof"
    broken = copy.deepcopy(good.ballot)
    broken["choices"][1][0] = "00" * 32
    assert await refused(rosa, broken) == "ballot_invalid_point"
    bad_proof = copy.deepcopy(good.ballot)
    bad_proof["total_proof"]["z"][0] = f"{1:064x}"
    assert await refused(rosa, bad_proof) == "ballot_invalid_proof"
    staff = await rig.officer(make_client)
    with pytest.raises(ApiError) as staff_vote:
        await staff.elections.cast(eid, good.ballot, idempotency_key=key())
    assert staff_vote.value.code == "vote_in_person"
    after = table_counts(database)
    assert after["election_board"] == before["election_board"] == 0
    with database.sessionmaker() as db:  # nothing recorded as a vote, either
        assert db.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "election.vote")) == 0

    await rig.close(officer, database, eid)
    assert await refused(rosa, good.ballot) == "voting_not_open"
    with pytest.raises(ApiError) as frozen:
        await officer.elections.add_candidate(eid, zone=7, list_number=9, dni=ROSA, full_name="Tarde")
    assert frozen.value.code == "election_wrong_phase"
    # The phases by their names, never the raw «candidacies» / «closed».
    assert frozen.value.message.es == (
        "Esta acción corresponde a la fase «inscripción de candidatos»; la elección está en "
        "«votación cerrada, escrutinio en curso».")
    assert "'voting closed, tally under way'" in frozen.value.message.en


async def test_many_casts_by_one_voter_from_two_kiosks_count_once(
        make_client, database, cards_dir, tmp_path):
    officer = await rig.officer(make_client)
    running = await rig.to_voting(officer, database, tmp_path)
    eid = running.id
    kiosks = [await _voter(make_client, cards_dir), await _voter(make_client, cards_dir)]
    ballots = []
    for i in range(8):
        _, enc = await _choose(kiosks[i % 2], eid, 1 + i % 3)
        ballots.append((kiosks[i % 2], enc))
    receipts = await asyncio.gather(*(k.elections.cast(eid, e.ballot, idempotency_key=key())
                                      for k, e in ballots))
    assert sorted(r.position for r in receipts) == list(range(1, 9))
    statuses = [(await officer.elections.tracker(eid, e.tracker)).status for _, e in ballots]
    assert statuses.count("counted") == 1 and statuses.count("superseded") == 7
    await rig.close(officer, database, eid)
    await rig.tally(officer, running, [2, 3, 4])
    results = await officer.elections.results(eid)
    assert sum(c["votes"] for c in results.zones[0].candidates) == 1
    last = max(receipts, key=lambda r: r.position)
    assert (await officer.elections.tracker(eid, last.tracker)).status == "counted"


async def test_phases_advance_only_in_order_and_the_key_must_be_consistent(
        make_client, database, tmp_path):
    officer = await rig.officer(make_client)
    running = await rig.to_voting(officer, database, tmp_path)
    with pytest.raises(ApiError) as back:
        await officer.elections.advance(running.id, "candidacies")
    assert back.value.code == "election_phase_order"
    with pytest.raises(ApiError) as early:  # voting closes in two hours
        await officer.elections.advance(running.id, "closed")
    assert early.value.code == "election_too_early"
    second = await officer.elections.create({
        **{k: v for k, v in (await officer.elections.get(running.id)).model_dump(mode="json").items()
           if k in {"zones", "delegates", "alternates", "max_choices", "tie_rule",
                    "threshold", "trustees", "roll_closes_on", "candidacies_close_on",
                    "challenges_close_on", "voting_opens_at", "voting_closes_at"}},
        "name": "Segunda"})
    with pytest.raises(ApiError) as skip:
        await officer.elections.advance(second.id, "candidacies")
    assert skip.value.code == "election_phase_order"
