"""The one way the kiosk talks HTTP to the central server (docs/kiosk-api.md).

- Every request carries the device credential (`Authorization: Bearer`) once the device is
  enrolled, and the person's session token (`X-Kiosk-Session`) while someone is served. A
  request made before the first enrolment has finished waits for it (`enrol_wait` seconds).
- Only requests that are safe to repeat are retried: GETs, and POSTs that carry an
  Idempotency-Key (the server answers a repeat with the first answer). They are retried with
  exponential backoff on connection failures, timeouts and 502/503/504; nothing else is.
- A refusal (problem details) becomes ApiError with the server's sentence in both languages;
  no answer at all becomes ServerUnavailable.
- Over https, once the device has a client certificate (kiosk/device_certificate.py), every
  connection presents it (mutual TLS, checked by nginx in front of the server).
- httpx and pydantic are imported on first use, so the kiosk draws its first screen before
  loading them.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, TypeVar

from kiosk.api.errors import ServerUnavailable, problem

if TYPE_CHECKING:
    import httpx
    from pydantic import BaseModel

RETRY_STATUS = {502, 503, 504}
M = TypeVar("M", bound="BaseModel")  # pydantic loads with the first domain, not here


class Transport:
    def __init__(self, base_url: str, *, credential: str | None = None,
                 verify: bool | str = True, transport: httpx.AsyncBaseTransport | None = None,
                 timeout: float = 10.0, retries: int = 3, backoff: float = 0.5) -> None:
        self._options = {"base_url": base_url.rstrip("/"), "transport": transport,
                         "timeout": timeout, "verify": verify}
        self._http_client: httpx.AsyncClient | None = None
        self._verify = verify  # the server's CA (or True: the system's), kept for mTLS
        self._retired: list[httpx.AsyncClient] = []  # clients replaced by a new certificate
        self._enrolled = asyncio.Event()
        self.credential = credential
        self.session_token: str | None = None
        self.retries, self.backoff = retries, backoff
        self.enrol_wait = 20.0  # seconds a call waits for the device's first enrolment

    @property
    def credential(self) -> str | None:
        return self._credential

    @credential.setter
    def credential(self, value: str | None) -> None:
        self._credential = value
        if value:
            self._enrolled.set()
        else:
            self._enrolled.clear()

    @property
    def _http(self) -> httpx.AsyncClient:
        if self._http_client is None:
            import httpx

            options = self._options
            if isinstance(options["verify"], str):  # a CA file: httpx wants it as a context
                import ssl

                options = {**options, "verify": ssl.create_default_context(
                    cafile=options["verify"])}
            self._http_client = httpx.AsyncClient(**options)
        return self._http_client

    def use_client_certificate(self, identity: str) -> None:
        """Present the key+certificate in `identity` (PEM) on every https connection from now
        on; the server's own certificate is still checked against `verify`. Plain http (the
        demo) has no TLS to present it in: nothing changes."""
        import ssl

        if not self._options["base_url"].startswith("https://"):
            return
        verify = self._verify
        context = ssl.create_default_context(cafile=verify if isinstance(verify, str) else None)
        if verify is False:
            context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        context.load_cert_chain(identity)
        self._options["verify"] = context
        old, self._http_client = self._http_client, None
        if old is not None:  # requests under way finish on it; new ones use the new client
            self._retired.append(old)

    def warm_up(self) -> None:
        """Build the HTTP client now (safe to call from a thread, before any request)."""
        _ = self._http

    async def aclose(self) -> None:
        for client in [*self._retired, self._http_client]:
            if client is not None:
                await client.aclose()
        self._retired.clear()

    async def health(self) -> bool:
        """Whether the server answers its health check (one try, short timeout)."""
        import httpx

        try:
            response = await self._http.get("/healthz", timeout=3)
        except (httpx.TransportError, httpx.TimeoutException):
            return False
        return response.status_code == 200

    def _headers(self, idempotency_key: str | None, session_token: str | None,
                 inherit_session: bool = True) -> dict[str, str]:
        headers = {}
        if self.credential:
            headers["Authorization"] = f"Bearer {self.credential}"
        session = session_token or (self.session_token if inherit_session else None)
        if session:
            headers["X-Kiosk-Session"] = session
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        return headers

    async def request(self, method: str, path: str, *, json: Any = None,
                      params: dict | None = None, idempotency_key: str | None = None,
                      session_token: str | None = None, files: dict | None = None,
                      data: dict | None = None, enrolling: bool = False,
                      inherit_session: bool = True) -> httpx.Response:
        """One call, retried only when safe; the response of a 2xx/3xx answer.

        `enrolling` is for the enrolment itself, the one call that needs no credential.
        `inherit_session=False` sends `session_token` or none, never the person served now
        (the outbox: a request queued earlier acts for whoever queued it, or for nobody).
        """
        import httpx

        if not self._credential and not enrolling:
            # A card may come in while the kiosk is still enrolling at start-up: wait for it.
            try:
                await asyncio.wait_for(self._enrolled.wait(), self.enrol_wait)
            except TimeoutError as exc:
                raise ServerUnavailable("device not enrolled yet") from exc
        attempts = self.retries if (method == "GET" or idempotency_key) else 1
        last: Exception | None = None
        for attempt in range(attempts):
            if attempt:
                await asyncio.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                headers = self._headers(idempotency_key, session_token, inherit_session)
                response = await self._http.request(method, path, json=json, params=params,
                                                     headers=headers, files=files, data=data)
            except (httpx.TransportError, httpx.TimeoutException) as exc:
                last = exc
                continue
            if response.status_code in RETRY_STATUS:
                last = ServerUnavailable(f"HTTP {response.status_code}")
                continue
            if response.status_code >= 400:
                try:
                    body = response.json()
                except ValueError:
                    body = None
                raise problem(response.status_code, body)
            return response
        raise ServerUnavailable(str(last))

    # -- typed shorthands: a body model in, a reply model out ---------------------------------
    async def get(self, path: str, model: type[M], *, params: dict | None = None) -> M:
        response = await self.request("GET", path, params=params)
        return model.model_validate(response.json())

    async def get_list(self, path: str, model: type[M], *, params: dict | None = None
                       ) -> list[M]:
        response = await self.request("GET", path, params=params)
        return [model.model_validate(x) for x in response.json()]

    async def post(self, path: str, model: type[M], body: BaseModel | None = None, *,
                   idempotency_key: str | None = None, enrolling: bool = False) -> M:
        response = await self.request("POST", path, json=dump(body),
                                      idempotency_key=idempotency_key, enrolling=enrolling)
        return model.model_validate(response.json())


def dump(body: BaseModel | None) -> Any:
    """A request model as JSON (amounts as decimal strings, dates ISO), every field sent."""
    return None if body is None else body.model_dump(mode="json")


class Domain:
    """One server domain's calls, all over the device's one transport."""

    def __init__(self, transport: Transport) -> None:
        self.transport = transport
