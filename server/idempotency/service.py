"""Exactly-once for retried requests: run a use case at most once per (device, key)."""

from server.idempotency.once import MISSING_KEY, request_hash, run_once, stored

__all__ = ["MISSING_KEY", "request_hash", "run_once", "stored"]
