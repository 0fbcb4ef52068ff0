"""The kiosk's client of the central server: one attribute per server domain.

    client = ApiClient("https://server")
    await client.auth.card_login(...)
    statement = await client.accounts.statement()
    await client.payments.pay(...)

Each domain lives in its own module (its wire models and its calls) and is imported the first
time its attribute is used, so start-up pays only for the transport. The transport's rules
(retries, Idempotency-Key, errors) are in kiosk/api/transport.py and docs/kiosk-api.md.
"""

from __future__ import annotations

from functools import cached_property
from importlib import import_module
from typing import TYPE_CHECKING, Any

from kiosk.api.errors import ApiError, ServerUnavailable
from kiosk.api.transport import Transport

if TYPE_CHECKING:
    import httpx

    from kiosk.api.accounts import Accounts
    from kiosk.api.audit import Audit
    from kiosk.api.auth import Auth
    from kiosk.api.devices import Devices
    from kiosk.api.documents import Documents
    from kiosk.api.elections import Elections
    from kiosk.api.fleet import Fleet
    from kiosk.api.info import Info
    from kiosk.api.offices import Offices
    from kiosk.api.payments import Payments
    from kiosk.api.procedures import Procedures
    from kiosk.api.residents import Residents

__all__ = ["ApiClient", "ApiError", "ServerUnavailable"]


class ApiClient:
    """The server's API for one device: `client.<domain>.<call>(...)`."""

    def __init__(self, base_url: str, *, credential: str | None = None,
                 verify: bool | str = True, transport: httpx.AsyncBaseTransport | None = None,
                 timeout: float = 10.0, retries: int = 3, backoff: float = 0.5) -> None:
        self.transport = Transport(base_url, credential=credential, verify=verify,
                                   transport=transport, timeout=timeout, retries=retries,
                                   backoff=backoff)

    # -- the device and the person, as the transport carries them -----------------------------
    @property
    def credential(self) -> str | None:
        return self.transport.credential

    @credential.setter
    def credential(self, value: str | None) -> None:
        self.transport.credential = value

    @property
    def session_token(self) -> str | None:
        return self.transport.session_token

    @session_token.setter
    def session_token(self, value: str | None) -> None:
        self.transport.session_token = value

    def use_client_certificate(self, identity: str) -> None:
        """Present this key+certificate (PEM file) on https connections (mutual TLS)."""
        self.transport.use_client_certificate(identity)

    def warm_up(self) -> None:
        """Build the HTTP client now (safe to call from a thread, before any request)."""
        self.transport.warm_up()

    async def aclose(self) -> None:
        await self.transport.aclose()

    async def health(self) -> bool:
        return await self.transport.health()

    # -- the domains, each imported on first use ------------------------------------------------
    @cached_property
    def devices(self) -> Devices:
        from kiosk.api.devices import Devices

        return Devices(self.transport)

    @cached_property
    def fleet(self) -> Fleet:
        from kiosk.api.fleet import Fleet

        return Fleet(self.transport)

    @cached_property
    def audit(self) -> Audit:
        from kiosk.api.audit import Audit

        return Audit(self.transport)

    @cached_property
    def auth(self) -> Auth:
        from kiosk.api.auth import Auth

        return Auth(self.transport)

    @cached_property
    def residents(self) -> Residents:
        from kiosk.api.residents import Residents

        return Residents(self.transport)

    @cached_property
    def documents(self) -> Documents:
        from kiosk.api.documents import Documents

        return Documents(self.transport)

    @cached_property
    def accounts(self) -> Accounts:
        from kiosk.api.accounts import Accounts

        return Accounts(self.transport)

    @cached_property
    def payments(self) -> Payments:
        from kiosk.api.payments import Payments

        return Payments(self.transport)

    @cached_property
    def elections(self) -> Elections:
        from kiosk.api.elections import Elections

        return Elections(self.transport)

    @cached_property
    def procedures(self) -> Procedures:
        from kiosk.api.procedures import Procedures

        return Procedures(self.transport)

    @cached_property
    def offices(self) -> Offices:
        from kiosk.api.offices import Offices

        return Offices(self.transport)

    @cached_property
    def info(self) -> Info:
        from kiosk.api.info import Info

        return Info(self.transport)

    # -- a new service's domain: found by its module, no line here ----------------------------
    def __getattr__(self, name: str) -> Any:
        """`client.<name>` for a domain module `kiosk/api/<name>.py` that names its calls'
        class `API`: imported on first use and kept, like the domains above."""
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            module = import_module(f"kiosk.api.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"kiosk.api.{name}":
                raise
            raise AttributeError(name) from exc
        api = getattr(module, "API", None)
        if api is None:
            raise AttributeError(f"kiosk/api/{name}.py has no API class")
        domain = api(self.transport)
        self.__dict__[name] = domain
        return domain
