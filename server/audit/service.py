"""The audit log's public face: append an entry in the caller's transaction, verify the chain."""

from server.audit.chain import SYSTEM, Actor, VerifyResult, record, record_denied, verify

__all__ = ["SYSTEM", "Actor", "VerifyResult", "record", "record_denied", "verify"]
