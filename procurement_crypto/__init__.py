"""Sealed quotations (cotizaciones): what the kiosk, the terminal and the server share.

- A committee key: an X25519 key pair made at a terminal; the private half lives only in a
  file sealed under its holder's passphrase (Argon2id + XSalsa20-Poly1305), the public half is
  registered with the server.
- A sealed bid: the bid's canonical JSON (with a random salt) in a libsodium sealed box to the
  first official's key, that box in a sealed box to the second official's: both private keys
  are needed, in that order, to read it; the server holds only ciphertext.
- Its fingerprint: SHA-256 of the sealed bytes (printed on the supplier's receipt); its
  commitment: SHA-256 of the plaintext (kept by the server, so that at the opening it can check
  that what the terminal says it read is what the kiosk sealed).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass

from nacl import pwhash, utils
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.secret import SecretBox

KDF = pwhash.argon2id
KEY_FORMAT = "miraflores-procurement-key/1"


class WrongPassphrase(ValueError):
    """The key file does not open with this passphrase (or was changed)."""


class BrokenSeal(ValueError):
    """A sealed bid that does not open with the committee's keys (changed or not for them)."""


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode(), validate=True)


def canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def fingerprint(sealed: bytes) -> str:
    return hashlib.sha256(sealed).hexdigest()


def commitment(plaintext: bytes) -> str:
    return hashlib.sha256(plaintext).hexdigest()


# -- committee keys ------------------------------------------------------------------------------
def _box(passphrase: str, salt: bytes) -> SecretBox:
    key = KDF.kdf(SecretBox.KEY_SIZE, passphrase.encode(), salt,
                  opslimit=KDF.OPSLIMIT_INTERACTIVE, memlimit=KDF.MEMLIMIT_INTERACTIVE)
    return SecretBox(key)


def make_key(*, holder: str, passphrase: str) -> dict:
    """A new key pair, as the file its holder keeps (the private half sealed)."""
    private = PrivateKey.generate()
    salt = utils.random(KDF.SALTBYTES)
    return {"format": KEY_FORMAT, "holder": holder,
            "public_key": b64(bytes(private.public_key)), "salt": salt.hex(),
            "sealed": _box(passphrase, salt).encrypt(bytes(private)).hex()}


def open_key(data: dict, passphrase: str) -> PrivateKey:
    try:
        raw = _box(passphrase, bytes.fromhex(data["salt"])).decrypt(bytes.fromhex(data["sealed"]))
    except (CryptoError, KeyError, ValueError) as exc:
        raise WrongPassphrase() from exc
    private = PrivateKey(raw)
    if b64(bytes(private.public_key)) != data.get("public_key"):
        raise WrongPassphrase()
    return private


# -- bids ----------------------------------------------------------------------------------------
def bid_plaintext(bid: dict) -> bytes:
    """The bid as sealed: canonical JSON with a fresh 32-byte salt, so that its commitment
    says nothing about the prices."""
    return canonical({**bid, "salt": secrets.token_hex(32)})


def seal_bid(plaintext: bytes, *, first: str, second: str) -> bytes:
    """Seal to the first official's key, then that to the second's (public keys, base64)."""
    inner = SealedBox(PublicKey(unb64(first))).encrypt(plaintext)
    return SealedBox(PublicKey(unb64(second))).encrypt(inner)


@dataclass(frozen=True)
class Committee:
    """Both officials' private keys, unlocked at the terminal for the opening."""

    first: PrivateKey
    second: PrivateKey

    def open(self, sealed: bytes) -> bytes:
        try:
            inner = SealedBox(self.second).decrypt(sealed)
            return SealedBox(self.first).decrypt(inner)
        except CryptoError as exc:
            raise BrokenSeal() from exc


def open_with_one(private: PrivateKey, sealed: bytes) -> bytes:
    """What one official alone can do: peel their own layer at most (never the bid)."""
    try:
        return SealedBox(private).decrypt(sealed)
    except CryptoError as exc:
        raise BrokenSeal() from exc
