"""Sessions (server/auth): card, PIN and staff logins, acting for a resident, logout.

A login keeps the new session's token in the transport, which sends it with every call
until logout.
"""

import base64
from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel

from kiosk.api.residents import Resident
from kiosk.api.transport import Domain

P = "/api/v1/auth"


class Staff(BaseModel):
    server_schema: ClassVar[str] = "StaffOut"

    username: str
    full_name: str
    role: str


class Challenge(BaseModel):
    server_schema: ClassVar[str] = "server__auth__schemas__ChallengeOut"

    challenge_id: str
    to_sign: str
    expires_at: datetime


class SessionInfo(BaseModel):
    server_schema: ClassVar[str] = "SessionOut"

    token: str | None = None
    kind: str
    method: str
    expires_at: datetime
    resident: Resident | None = None
    staff: Staff | None = None
    acting_for: Resident | None = None
    acting_reason: str | None = None


class CardLoginIn(BaseModel):
    server_schema: ClassVar[str] = "CardLoginIn"

    challenge_id: str
    certificate: str  # base64 of the card's DER certificate
    signature: str  # base64 of the card's signature over the challenge


class PinLoginIn(BaseModel):
    server_schema: ClassVar[str] = "PinLoginIn"

    dni: str
    pin: str


class StaffLoginIn(BaseModel):
    server_schema: ClassVar[str] = "StaffLoginIn"

    username: str
    password: str


class ActForIn(BaseModel):
    server_schema: ClassVar[str] = "ActForIn"

    dni: str
    reason: str


class Auth(Domain):
    async def card_challenge(self) -> Challenge:
        return await self.transport.post(f"{P}/card/challenge", Challenge)

    async def card_login(self, *, challenge_id: str, certificate: bytes, signature: bytes
                         ) -> SessionInfo:
        return await self._login("card", CardLoginIn(
            challenge_id=challenge_id, certificate=base64.b64encode(certificate).decode(),
            signature=base64.b64encode(signature).decode()))

    async def pin_login(self, *, dni: str, pin: str) -> SessionInfo:
        return await self._login("pin", PinLoginIn(dni=dni, pin=pin))

    async def staff_login(self, *, username: str, password: str) -> SessionInfo:
        return await self._login("staff", StaffLoginIn(username=username, password=password))

    async def _login(self, how: str, body: BaseModel) -> SessionInfo:
        info = await self.transport.post(f"{P}/{how}/login", SessionInfo, body)
        self.transport.session_token = info.token
        return info

    async def session(self) -> SessionInfo:
        return await self.transport.get(f"{P}/session", SessionInfo)

    async def logout(self, reason: str = "logout", token: str | None = None) -> None:
        """End a session on the server (this device's, or `token`); forget it here at once."""
        token = token or self.transport.session_token
        if token == self.transport.session_token:
            self.transport.session_token = None
        if token:
            await self.transport.request("POST", f"{P}/logout", params={"reason": reason},
                                         session_token=token)

    async def act_for(self, *, dni: str, reason: str) -> SessionInfo:
        """Staff: serve a resident in their name (audited with the reason)."""
        return await self.transport.post(f"{P}/act-for", SessionInfo,
                                         ActForIn(dni=dni, reason=reason))

    async def stop_acting(self) -> SessionInfo:
        response = await self.transport.request("DELETE", f"{P}/act-for")
        return SessionInfo.model_validate(response.json())

