"""The bulletin board: an append-only hash chain of ballots, its head signed by the server.

entry.hash = SHA-256(canonical entry without "hash"); entry.prev = the previous entry's hash
(the election's base hash for the first). The head {election, position, hash} is signed
with the server's Ed25519 key, so the municipality cannot drop or reorder entries unseen
once a voter holds a receipt with a later head.
"""

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from election_crypto import canonical


def entry_hash(entry: dict) -> str:
    return canonical.digest({k: v for k, v in entry.items() if k != "hash"})


def head(base_hash: str, position: int, last_hash: str) -> dict:
    return {"election": base_hash, "position": position, "hash": last_hash}


def sign_head(key: SigningKey, head_body: dict) -> str:
    return key.sign(canonical.dumps(head_body)).signature.hex()


def check_head(server_key_hex: str, head_body: dict, signature_hex: str) -> bool:
    try:
        VerifyKey(bytes.fromhex(server_key_hex)).verify(canonical.dumps(head_body),
                                                         bytes.fromhex(signature_hex))
        return True
    except (BadSignatureError, ValueError):
        return False
