"""The audit log's public face: append an entry in the caller's transaction, verify the
chain, and sign checkpoints of its head that leave the database."""

from server.audit.chain import SYSTEM, Actor, VerifyResult, record, record_denied, verify
from server.audit.checkpoints import Checkpoint
from server.audit.checkpoints import check as check_checkpoints
from server.audit.checkpoints import latest as latest_checkpoint
from server.audit.checkpoints import public_key as checkpoint_key
from server.audit.checkpoints import read as read_checkpoints
from server.audit.checkpoints import take as take_checkpoint

__all__ = ["SYSTEM", "Actor", "Checkpoint", "VerifyResult", "check_checkpoints",
           "checkpoint_key", "latest_checkpoint", "read_checkpoints", "record",
           "record_denied", "take_checkpoint", "verify"]
