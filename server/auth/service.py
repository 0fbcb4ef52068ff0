"""Login use cases. Every refusal is audited and leaves nothing else written."""

import base64
import binascii
import hashlib
import secrets
import uuid
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.auth import card
from server.auth.models import AuthChallenge, UserSession
from server.auth.schemas import ChallengeOut, SessionOut
from server.config import ServerSettings
from server.errors import Problem
from server.identity import service as identity
from server.identity.service import Resident, StaffOut, StaffUser, verify_secret
from server.sites.service import Device
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


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_challenge(*, db: Session, device: Device, settings: ServerSettings) -> ChallengeOut:
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


def _open_session(*, db: Session, device: Device, kind: str, method: str, minutes: int,
                  resident: Resident | None = None, staff: StaffUser | None = None,
                  ) -> SessionOut:
    token = f"s_{secrets.token_urlsafe(32)}"
    now = utcnow()
    row = UserSession(token_hash=_token_hash(token), kind=kind, method=method,
                      resident_id=resident.id if resident else None,
                      staff_id=staff.id if staff else None, device_id=device.id,
                      created_at=now, expires_at=now + timedelta(minutes=minutes))
    db.add(row)
    db.flush()
    who = f"resident:{resident.id}" if resident else f"staff:{staff.id}"
    audit.record(db=db, by=audit.Actor(who, device.id), action=f"login.{method}",
                 target=f"session:{row.id}")
    db.commit()
    out = session_out(db=db, session=row)
    out.token = token
    return out


def session_out(*, db: Session, session: UserSession) -> SessionOut:
    resident = db.get(Resident, session.resident_id) if session.resident_id else None
    staff = db.get(StaffUser, session.staff_id) if session.staff_id else None
    acting = (db.get(Resident, session.acting_for_resident_id)
              if session.acting_for_resident_id else None)
    return SessionOut(
        kind=session.kind, method=session.method, expires_at=session.expires_at,
        resident=identity.resident_out(resident) if resident else None,
        staff=StaffOut.model_validate(staff) if staff else None,
        acting_for=identity.resident_out(acting) if acting else None,
    )


def card_login(*, db: Session, device: Device, settings: ServerSettings, challenge_id: str,
               certificate_b64: str, signature_b64: str) -> SessionOut:
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
    return _open_session(db=db, device=device, kind="resident", method="card",
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


def pin_login(*, db: Session, device: Device, settings: ServerSettings, dni: str, pin: str
              ) -> SessionOut:
    by = audit.Actor(f"device:{device.id}", device.id)
    now = utcnow()
    resident = identity.get_resident_by_dni(db=db, dni=dni)
    if resident is not None and resident.locked_until and resident.locked_until > now:
        audit.record_denied(db=db, by=by, action="login.pin", target=f"resident:{resident.id}",
                            details={"reason": "locked"})
        raise _locked(resident.locked_until)
    if resident is None or not verify_secret(resident.pin_hash, pin):
        if resident is None:
            audit.record_denied(db=db, by=by, action="login.pin", details={"reason": "unknown"})
            raise Problem(401, "login_failed",
                          "El DNI o el PIN no son correctos.", "The DNI or PIN is not correct.")
        resident.failed_pin_attempts += 1
        left = settings.resident_pin_max_failures - resident.failed_pin_attempts
        if left <= 0:
            resident.failed_pin_attempts = 0
            resident.locked_until = now + timedelta(minutes=settings.lockout_minutes)
        audit.record(db=db, by=by, action="login.pin", target=f"resident:{resident.id}",
                     outcome="denied", details={"reason": "wrong_pin", "tries_left": max(left, 0)})
        db.commit()
        if left <= 0:
            raise _locked(resident.locked_until)
        raise Problem(401, "login_failed",
                      f"El DNI o el PIN no son correctos. Le quedan {left} intentos.",
                      f"The DNI or PIN is not correct. {left} tries left.", tries_left=left)
    resident.failed_pin_attempts, resident.locked_until = 0, None
    return _open_session(db=db, device=device, kind="resident", method="pin",
                         minutes=settings.resident_session_minutes, resident=resident)


def staff_login(*, db: Session, device: Device, settings: ServerSettings, username: str,
                password: str) -> SessionOut:
    by = audit.Actor(f"device:{device.id}", device.id)
    now = utcnow()
    user = db.execute(select(StaffUser).where(StaffUser.username == username)).scalar()
    failed = Problem(401, "login_failed", "Usuario o contraseña incorrectos.",
                     "Wrong user name or password.")
    if device.kind != "terminal":
        audit.record_denied(db=db, by=by, action="login.staff", details={"reason": "kiosk"})
        raise Problem(403, "staff_login_on_kiosk",
                      "El personal inicia sesión solo en terminales de atención.",
                      "Staff log in at staff terminals only.")
    if user is not None and user.locked_until and user.locked_until > now:
        audit.record_denied(db=db, by=by, action="login.staff", target=f"staff:{user.id}",
                            details={"reason": "locked"})
        raise _locked(user.locked_until)
    if user is None or not user.active or not verify_secret(user.password_hash, password):
        if user is None:
            audit.record_denied(db=db, by=by, action="login.staff", details={"reason": "unknown"})
            raise failed
        user.failed_attempts += 1
        if user.failed_attempts >= settings.staff_max_failures:
            user.failed_attempts = 0
            user.locked_until = now + timedelta(minutes=settings.lockout_minutes)
        audit.record(db=db, by=by, action="login.staff", target=f"staff:{user.id}",
                     outcome="denied", details={"reason": "wrong_password"})
        db.commit()
        if user.locked_until and user.locked_until > now:
            raise _locked(user.locked_until)
        raise failed
    user.failed_attempts, user.locked_until = 0, None
    return _open_session(db=db, device=device, kind="staff", method="password",
                         minutes=settings.staff_session_minutes, staff=user)


SESSION_INVALID = Problem(401, "session_invalid",
                          "Su sesión terminó. Vuelva a identificarse.",
                          "Your session has ended. Please identify yourself again.")


def authenticate(*, db: Session, device: Device, token: str | None,
                 settings: ServerSettings) -> UserSession:
    """The session of this token on this device; it slides while the person is active."""
    if not token:
        raise SESSION_INVALID
    session = db.execute(
        select(UserSession).where(UserSession.token_hash == _token_hash(token))
    ).scalar()
    # A session is bound to the device that opened it.
    if session is None or session.ended_at is not None or session.device_id != device.id:
        raise SESSION_INVALID
    now = utcnow()
    if session.expires_at <= now:
        raise SESSION_INVALID
    minutes = (settings.resident_session_minutes if session.kind == "resident"
               else settings.staff_session_minutes)
    if session.expires_at - now < timedelta(minutes=minutes) / 2:  # write at most twice a TTL
        session.expires_at = now + timedelta(minutes=minutes)
        db.commit()
    return session


def logout(*, db: Session, session: UserSession, actor: audit.Actor, reason: str) -> None:
    session.ended_at, session.ended_reason = utcnow(), reason[:32]
    audit.record(db=db, by=actor, action="logout", target=f"session:{session.id}",
                 details={"reason": reason[:32]})
    db.commit()


def act_for(*, db: Session, session: UserSession, actor: audit.Actor, dni: str, reason: str
            ) -> Resident:
    resident = identity.require_resident(db=db, dni=dni)
    session.acting_for_resident_id, session.acting_reason = resident.id, reason
    audit.record(db=db, by=audit.Actor(actor.actor, actor.device_id, f"resident:{resident.id}"),
                 action="staff.act_for.start", target=f"resident:{resident.id}",
                 details={"reason": reason})
    db.commit()
    return resident


def stop_acting(*, db: Session, session: UserSession, actor: audit.Actor) -> None:
    if session.acting_for_resident_id is None:
        return
    audit.record(db=db, by=actor, action="staff.act_for.end",
                 target=f"resident:{session.acting_for_resident_id}")
    session.acting_for_resident_id, session.acting_reason = None, None
    db.commit()
