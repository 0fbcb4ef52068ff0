"""Clients and helpers for the Wi-Fi tests: residents at kiosks (card), the Wi-Fi operator at
a terminal, and FreeRADIUS's rest calls (rlm_rest's JSON) straight to the app."""

import uuid
from typing import Any

import httpx

from server.wifi.demo import DEMO_RADIUS_TOKEN
from tests.conftest import card_login

ROSA, LUIS = "40123456", "45678123"
PASSWORD = "Miraflores2026"
R = "/api/v1/wifi/radius"


def key() -> str:
    return str(uuid.uuid4())


async def resident(make_client, cards_dir, dni: str = ROSA):
    client = await make_client()
    await card_login(client, cards_dir, dni=dni)
    return client


async def operator(make_client, username: str = "wifi"):
    client = await make_client("terminal")
    await client.auth.staff_login(username=username, password=PASSWORD)
    return client


def rest(**attrs: Any) -> dict:
    """A body as rlm_rest sends it: {"Attr": {"type": ..., "value": [...]}}."""
    return {name.replace("_", "-"): {"type": "string", "value": [str(value)]}
            for name, value in attrs.items()}


class Radius:
    """FreeRADIUS's rest module, played over ASGI from 127.0.0.1."""

    def __init__(self, app, token: str = DEMO_RADIUS_TOKEN) -> None:
        self.http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                      base_url="http://kiosk.test",
                                      headers={"Authorization": f"Bearer {token}"})

    async def authorize(self, code: str, password: str | None = None,
                        nas: str = "KENNEDY") -> httpx.Response:
        return await self.http.post(f"{R}/authorize", json=rest(
            User_Name=code, User_Password=password or code, NAS_Identifier=nas,
            NAS_IP_Address="127.0.0.1"))

    async def account(self, code: str, status: str, unique: str, *, seconds: int = 0,
                      octets_in: int = 0, octets_out: int = 0, nas: str = "KENNEDY",
                      **extra: Any) -> httpx.Response:
        return await self.http.post(f"{R}/accounting", json=rest(
            User_Name=code, Acct_Status_Type=status, Acct_Unique_Session_Id=unique,
            Acct_Session_Id=unique[:8], Acct_Session_Time=seconds,
            Acct_Input_Octets=octets_in % 2**32, Acct_Input_Gigawords=octets_in // 2**32,
            Acct_Output_Octets=octets_out % 2**32, Acct_Output_Gigawords=octets_out // 2**32,
            NAS_Identifier=nas, NAS_IP_Address="127.0.0.1",
            Calling_Station_Id="AA-BB-CC-DD-EE-FF", Framed_IP_Address="10.5.0.23", **extra))
