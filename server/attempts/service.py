"""Counters shared by every server on the same database: attempt limits and the failures of
accounts that do not exist (so several servers behind a proxy count as one)."""

from server.attempts.counters import count_attempt, forget_old, phantom_fail, phantom_locked_until

__all__ = ["count_attempt", "forget_old", "phantom_fail", "phantom_locked_until"]
