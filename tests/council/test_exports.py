"""Open formats, on SQLite and PostgreSQL: the sessions as an iCalendar feed (America/Lima,
read back with icalendar), and Open Civic Data JSON: the Organization, its Persons, each
session as an Event (agenda, media with the recording's offsets) and its VoteEvents (counts
and each person's vote, leaves as excused)."""

from datetime import timedelta

from icalendar import Calendar

from server.timeutil import lima, today, utcnow

YEAR = lima(utcnow()).year
PAST = f"SC-{YEAR}-001"


async def _get(client, path: str, **params):
    return await client.transport.request("GET", f"/api/v1/council{path}", params=params)


async def test_sessions_as_icalendar_round_trip_in_lima_time(make_client):
    kiosk = await make_client()
    response = await _get(kiosk, "/calendar.ics", start=(today() - timedelta(days=30))
                          .isoformat())
    assert response.headers["content-type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    sessions = await kiosk.council.sessions(start=today() - timedelta(days=30))
    assert set(events) == {f"{s.code}@miraflores.gob.pe" for s in sessions}
    assert len(events) == 3
    for s in sessions:
        event = events[f"{s.code}@miraflores.gob.pe"]
        start = event.decoded("dtstart")
        assert str(start.tzinfo) == "America/Lima" and start == s.starts_at
        assert str(event["url"]) == s.stream_url
        assert s.items[0].title in str(event["description"])
    assert cal.to_ical() == Calendar.from_ical(cal.to_ical()).to_ical()


async def test_open_civic_data_people_events_and_votes(make_client):
    kiosk = await make_client()
    org = (await _get(kiosk, "/ocd/organizations")).json()["results"][0]
    assert org["classification"] == "legislature" and org["extras"]["legal_number"] == 12
    people = (await _get(kiosk, "/ocd/people")).json()["results"]
    assert len(people) == 12 and people[0]["roles"][0]["title"] == "Alcalde"
    assert next(p for p in people if p["id"].endswith("-r10"))["extras"]["absence"] == (
        "licencia")
    event = (await _get(kiosk, f"/ocd/events/{PAST}")).json()
    assert event["status"] == "passed" and event["timezone"] == "America/Lima"
    assert event["media"][0]["links"][0]["media_type"] == "application/vnd.apple.mpegurl"
    assert [a["order"] for a in event["agenda"]] == ["1", "2", "3", "4", "5"]
    assert all(a["media"][0]["offset"] is not None for a in event["agenda"])
    listed = (await _get(kiosk, "/ocd/events", start=(today() - timedelta(days=30))
                         .isoformat())).json()["results"]
    assert {e["id"] for e in listed} >= {event["id"]}
    votes = (await _get(kiosk, "/ocd/votes", session=PAST)).json()["results"]
    assert [v["result"] for v in votes] == ["pass", "pass", "pass", "fail"]
    ordinance = votes[0]
    assert ordinance["identifier"] == f"Ordenanza N.° 001-{YEAR}/MM"
    assert {c["option"]: c["value"] for c in ordinance["counts"]} == {
        "yes": 9, "no": 2, "absent": 1}
    assert len(ordinance["votes"]) == 12
    assert {v["option"] for v in ordinance["votes"]} == {"yes", "no", "absent"}
    two_thirds = votes[3]  # 6 for of 12 is short of 8
    assert {c["option"]: c["value"] for c in two_thirds["counts"]}["yes"] == 6
