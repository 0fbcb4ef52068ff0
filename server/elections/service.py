"""Elecciones vecinales: the use cases, by phase (setup, voting, tallying)."""

from server.elections.setup import (
    add_candidate,
    advance,
    create,
    election_out,
    file_challenge,
    get,
    list_all,
    publish_key,
    resolve_challenge,
)
from server.elections.tallying import record, results, submit_partial, zone_sums
from server.elections.voting import ballot_style, cast, find_tracker, inclusion, spoil

__all__ = ["add_candidate", "advance", "ballot_style", "cast", "create", "election_out",
           "file_challenge", "find_tracker", "get", "inclusion", "list_all", "publish_key",
           "record", "resolve_challenge", "results", "spoil", "submit_partial", "zone_sums"]
