"""Login use cases. Every refusal is audited and leaves nothing else written."""

import base64
import binascii
import secrets
import uuid
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.auth import card
from server.auth.models import AuthChallenge
from server.auth.schemas import ChallengeOut, SessionOut
from server.auth.sessions import open_session
from server.config import ServerSettings
from server.errors import Problem
from server.identity import service as identity
from server.sites import service as sites
from server.timeutil import lima, utcnow

CARD_PROBLEMS: dict[str, tuple[int, str, str]] = {
    "challenge_invalid": (400, "El inicio de sesión no es válido. Retire la tarjeta e insértela "
                          "de nuevo.", "The login is not valid. Remove the card and insert it "
                          "again."),
    "challenge_expired": (401, "Pasó demasiado tiempo. Retire la tarjeta e insértela de nuevo.",
                          "Too much time passed. Remove the card and insert it again."),
    "challenge_replayed": (401, "Este inicio de sesión ya se usó. Retire la tarjeta e insértela "
                           "de nuevo.", "This login was already used. Remove the card and "
                           "insert it again."),
    "challenge_wrong_device": (403, "El inicio de sesión se pidió desde otro equipo.",
                               "The login was requested from another device."),
    "certificate_malformed": (401, "No se pudo leer el certificado de la tarjeta.",
                              "The card's certificate could not be read."),
    "certificate_expired": (401, "El certificado de su tarjeta está vencido. Acuda al RENIEC o "
                            "use su PIN municipal.", "Your card's certificate has expired. "
                            "Visit RENIEC or use your municipal PIN."),
    "certificate_untrusted": (401, "Esta tarjeta no es reconocida por la municipalidad.",
                              "This card is not recognised by the municipality."),
    "certificate_without_dni": (401, "La tarjeta no contiene un DNI.",
                                "The card holds no DNI."),
    "key_type_unsupported": (401, "Esta tarjeta no es compatible.", "This card is not supported."),
    "signature_invalid": (401, "La firma de la tarjeta no es válida.",
                          "The card's signature is not valid."),
}


def _card_problem(reason: str) -> Problem:
    status, es, en = CARD_PROBLEMS[reason]
    return Problem(status, reason, es, en)


def _b64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise Problem(422, "invalid_encoding", "Los datos de la tarjeta están dañados.",
                      "The card data is damaged.") from exc


def issue_challenge(*, db: Session, device: sites.DeviceRef, settings: ServerSettings
                    ) -> ChallengeOut:
    now = utcnow()
    challenge = AuthChallenge(id=str(uuid.uuid4()), device_id=device.id,
                              nonce=secrets.token_bytes(32), created_at=now,
                              expires_at=now + timedelta(seconds=settings.challenge_ttl_seconds))
    db.add(challenge)
    db.commit()
    digest = card.login_digest(challenge_id=challenge.id, device_id=device.id,
                               nonce=challenge.nonce)
    return ChallengeOut(challenge_id=challenge.id, to_sign=base64.b64encode(digest).decode(),
                        expires_at=challenge.expires_at)


def card_login(*, db: Session, device: sites.DeviceRef, settings: ServerSettings,
               challenge_id: str, certificate_b64: str, signature_b64: str) -> SessionOut:
    by = audit.Actor(f"device:{device.id}", device.id)
    now = utcnow()

    def refuse(reason: str, **details) -> Problem:
        audit.record_denied(db=db, by=by, action="login.card", target=f"challenge:{challenge_id}",
                            details={"reason": reason, **details})
        return _card_problem(reason)

    challenge = db.get(AuthChallenge, challenge_id)
    if challenge is None:
        raise refuse("challenge_invalid")
    if challenge.device_id != device.id:
        raise refuse("challenge_wrong_device")
    if challenge.used_at is not None:
        raise refuse("challenge_replayed")
    if challenge.expires_at <= now:
        raise refuse("challenge_expired")
    cert_der, signature = _b64(certificate_b64), _b64(signature_b64)
    try:
        cert = card.check_certificate(cert_der, card.load_anchors(settings.trust_anchor_path), now)
        digest = card.login_digest(challenge_id=challenge.id, device_id=device.id,
                                   nonce=challenge.nonce)
        card.check_signature(cert, digest, signature)
        dni = card.dni_of(cert)
    except card.CardCheckError as exc:
        raise refuse(exc.reason) from exc
    # Conditional update: of two concurrent uses of one challenge, exactly one wins.
    claimed = db.execute(update(AuthChallenge).where(
        AuthChallenge.id == challenge.id, AuthChallenge.used_at.is_(None)
    ).values(used_at=now)).rowcount
    if claimed != 1:
        raise refuse("challenge_replayed")
    resident = identity.get_resident_by_dni(db=db, dni=dni)
    if resident is None:
        raise _unknown_card(db, by, dni)
    return open_session(db=db, device=device, kind="resident", method="card",
                         minutes=settings.resident_session_minutes, resident=resident)


def _unknown_card(db: Session, by: audit.Actor, dni: str) -> Problem:
    audit.record_denied(db=db, by=by, action="login.card", details={"reason": "not_registered",
                                                                 "dni": dni})
    return Problem(404, "resident_not_found",
                   "Su DNI no figura en el padrón municipal. Acérquese a la mesa de partes "
                   "para registrarse.",
                   "Your DNI is not in the municipal register. Please go to the front desk to "
                   "register.")


def _locked(until: datetime) -> Problem:
    at = lima(until).strftime("%H:%M")
    return Problem(423, "account_locked",
                   f"Demasiados intentos fallidos. Podrá intentarlo de nuevo a las {at}, o "
                   "pida ayuda al personal.",
                   f"Too many failed attempts. You can try again at {at}, or ask staff for help.",
                   locked_until=until.isoformat())


def pin_login(*, db: Session, device: sites.DeviceRef, settings: ServerSettings, dni: str,
              pin: str) -> SessionOut:
    by = audit.Actor(f"device:{device.id}", device.id)
    check = identity.check_pin(db=db, dni=dni, pin=pin, now=utcnow(),
                               max_failures=settings.resident_pin_max_failures,
                               lockout_minutes=settings.lockout_minutes)
    target = f"resident:{check.resident.id}" if check.resident else None
    if check.outcome == "locked":
        audit.record_denied(db=db, by=by, action="login.pin", target=target,
                            details={"reason": "locked"})
        raise _locked(check.locked_until)
    if check.outcome in ("wrong", "unknown"):  # one answer for both: no DNI revealed
        left = check.tries_left
        # The failure counts (a real account's or an unknown DNI's, kept alike in the
        # database): committed with its audit entry.
        reason = "unknown" if check.outcome == "unknown" else "wrong_pin"
        audit.record(db=db, by=by, action="login.pin", target=target, outcome="denied",
                     details={"reason": reason, "tries_left": max(left, 0)})
        db.commit()
        if left <= 0:
            raise _locked(check.locked_until)
        raise Problem(401, "login_failed",
                      f"El DNI o el PIN no son correctos. Le quedan {left} intentos.",
                      f"The DNI or PIN is not correct. {left} tries left.", tries_left=left)
    return open_session(db=db, device=device, kind="resident", method="pin",
                        minutes=settings.resident_session_minutes, resident=check.resident)


def staff_login(*, db: Session, device: sites.DeviceRef, settings: ServerSettings, username: str,
                password: str) -> SessionOut:
    by = audit.Actor(f"device:{device.id}", device.id)
    now = utcnow()
    failed = Problem(401, "login_failed", "Usuario o contraseña incorrectos.",
                     "Wrong user name or password.")
    if device.kind != "terminal":
        audit.record_denied(db=db, by=by, action="login.staff", details={"reason": "kiosk"})
        raise Problem(403, "staff_login_on_kiosk",
                      "El personal inicia sesión solo en terminales de atención.",
                      "Staff log in at staff terminals only.")
    check = identity.check_login(db=db, username=username, password=password, now=now,
                                 max_failures=settings.staff_max_failures,
                                 lockout_minutes=settings.lockout_minutes)
    if check.outcome == "locked":
        audit.record_denied(db=db, by=by, action="login.staff",
                            target=f"staff:{check.staff.id}" if check.staff else None,
                            details={"reason": "locked"})
        raise _locked(check.locked_until)
    if check.outcome == "unknown":  # answered like a wrong password: no user name revealed
        # Its failure count is kept like a real account's: committed with the audit entry.
        audit.record(db=db, by=by, action="login.staff", outcome="denied",
                     details={"reason": "unknown"})
        db.commit()
        if check.locked_until and check.locked_until > now:
            raise _locked(check.locked_until)
        raise failed
    if check.outcome == "wrong":
        audit.record(db=db, by=by, action="login.staff", target=f"staff:{check.staff.id}",
                     outcome="denied", details={"reason": "wrong_password"})
        db.commit()
        if check.locked_until and check.locked_until > now:
            raise _locked(check.locked_until)
        raise failed
    return open_session(db=db, device=device, kind="staff", method="password",
                        minutes=settings.staff_session_minutes, staff=check.staff)
