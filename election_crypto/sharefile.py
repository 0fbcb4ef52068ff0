"""A trustee's share in a file, sealed with the trustee's passphrase (Argon2id + XSalsa20-
Poly1305 from libsodium). Losing the file or the passphrase loses that share only."""

import json
from pathlib import Path

from nacl import pwhash, secret, utils
from nacl.exceptions import CryptoError

from election_crypto import group

KDF = pwhash.argon2id


class WrongPassphrase(ValueError):
    pass


def _key(passphrase: str, salt: bytes) -> bytes:
    return KDF.kdf(secret.SecretBox.KEY_SIZE, passphrase.encode(), salt,
                   opslimit=KDF.OPSLIMIT_INTERACTIVE, memlimit=KDF.MEMLIMIT_INTERACTIVE)


def seal(*, election: str, index: int, name: str, share: int, passphrase: str) -> dict:
    salt = utils.random(KDF.SALTBYTES)
    box = secret.SecretBox(_key(passphrase, salt))
    return {"format": "miraflores-trustee-share/1", "election": election, "trustee": index,
            "name": name, "salt": salt.hex(),
            "sealed": box.encrypt(share.to_bytes(32, "little")).hex(),
            "verification_key": group.base(share).hex()}


def open_share(data: dict, passphrase: str) -> int:
    box = secret.SecretBox(_key(passphrase, bytes.fromhex(data["salt"])))
    try:
        share = int.from_bytes(box.decrypt(bytes.fromhex(data["sealed"])), "little")
    except CryptoError as exc:
        raise WrongPassphrase() from exc
    return share


def write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1))
    tmp.chmod(0o600)
    tmp.replace(path)


def read(path: Path) -> dict:
    return json.loads(path.read_text())
