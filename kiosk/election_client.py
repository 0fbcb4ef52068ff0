"""The elections' endpoints, one method each (mixed into ApiClient)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk import election_schemas as es

if TYPE_CHECKING:
    from kiosk.client import ApiClient

    Base = ApiClient
else:
    Base = object


class ElectionCalls(Base):
    async def elections(self) -> list[es.Election]:
        response = await self._request("GET", "/api/v1/elections")
        return [es.Election.model_validate(x) for x in response.json()]

    async def election(self, election_id: int) -> es.Election:
        return await self._get(f"/api/v1/elections/{election_id}", es.Election)

    async def create_election(self, data: dict[str, Any]) -> es.Election:
        return await self._post("/api/v1/elections", es.Election, json=data)

    async def advance_election(self, election_id: int, to: str) -> es.Election:
        return await self._post(f"/api/v1/elections/{election_id}/advance", es.Election,
                                json={"to": to})

    async def add_candidate(self, election_id: int, *, zone: int, list_number: int, dni: str,
                            full_name: str) -> es.Candidate:
        return await self._post(f"/api/v1/elections/{election_id}/candidates", es.Candidate,
                                json={"zone": zone, "list_number": list_number, "dni": dni,
                                      "full_name": full_name})

    async def file_challenge(self, election_id: int, *, candidate_id: int, filed_by: str,
                             grounds: str) -> es.ChallengeInfo:
        return await self._post(f"/api/v1/elections/{election_id}/challenges",
                                es.ChallengeInfo, json={"candidate_id": candidate_id,
                                                        "filed_by": filed_by,
                                                        "grounds": grounds})

    async def resolve_challenge(self, election_id: int, challenge_id: int, *, upheld: bool,
                                resolution: str) -> es.ChallengeInfo:
        return await self._post(
            f"/api/v1/elections/{election_id}/challenges/{challenge_id}/resolve",
            es.ChallengeInfo, json={"upheld": upheld, "resolution": resolution})

    async def publish_election_key(self, election_id: int, *, commitments: list[str],
                                   proof: dict, verification_keys: list[str]) -> es.Election:
        return await self._post(f"/api/v1/elections/{election_id}/key", es.Election,
                                json={"commitments": commitments, "proof": proof,
                                      "verification_keys": verification_keys})

    async def my_roll_inclusion(self, election_id: int) -> es.Inclusion:
        return await self._get(f"/api/v1/elections/{election_id}/roll/me", es.Inclusion)

    async def ballot_style(self, election_id: int) -> es.BallotStyle:
        return await self._get(f"/api/v1/elections/{election_id}/ballot", es.BallotStyle)

    async def cast_ballot(self, election_id: int, ballot: dict, *,
                          idempotency_key: str) -> es.BoardReceipt:
        return await self._post(f"/api/v1/elections/{election_id}/ballots", es.BoardReceipt,
                                json={"ballot": ballot}, idempotency_key=idempotency_key)

    async def spoil_ballot(self, election_id: int, ballot: dict, reveal: dict, *,
                           idempotency_key: str) -> es.BoardReceipt:
        return await self._post(f"/api/v1/elections/{election_id}/spoiled", es.BoardReceipt,
                                json={"ballot": ballot, "reveal": reveal},
                                idempotency_key=idempotency_key)

    async def find_tracker(self, election_id: int, tracker: str) -> es.TrackerStatus:
        return await self._get(f"/api/v1/elections/{election_id}/trackers/{tracker}",
                               es.TrackerStatus)

    async def tally_input(self, election_id: int) -> list[es.ZoneSums]:
        response = await self._request("GET", f"/api/v1/elections/{election_id}/tally-input")
        return [es.ZoneSums.model_validate(x) for x in response.json()]

    async def submit_partial(self, election_id: int, *, trustee: int,
                             zones: list[dict]) -> es.Election:
        return await self._post(f"/api/v1/elections/{election_id}/partials", es.Election,
                                json={"trustee": trustee, "zones": zones})

    async def election_results(self, election_id: int) -> es.Results:
        return await self._get(f"/api/v1/elections/{election_id}/results", es.Results)

    async def election_record(self, election_id: int) -> dict:
        return (await self._request("GET", f"/api/v1/elections/{election_id}/record")).json()
