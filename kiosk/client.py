"""Async client of the central server: one method per endpoint, typed results, retries.

Only requests that are safe to repeat are retried (GETs, and POSTs that carry an
Idempotency-Key), with backoff, on connection failures, timeouts and 502/503/504.
Every failure reaches the caller as ApiError, with the server's sentence in both languages.
httpx is imported on first use, so the kiosk draws its first screen before loading it.
"""

from __future__ import annotations

import asyncio
import base64
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from kiosk import schemas
from kiosk.election_client import ElectionCalls
from kiosk.procedures_client import ProcedureCalls
from kiosk.schemas import Text

if TYPE_CHECKING:
    import httpx


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: Text, extra: dict | None = None) -> None:
        super().__init__(message.en)
        self.status, self.code, self.message, self.extra = status, code, message, extra or {}

    def text(self, lang: str) -> str:
        return self.message(lang)


class ServerUnavailable(ApiError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(0, "server_unavailable", Text(
            es="No hay conexión con el servidor municipal. Nada se ha registrado; inténtelo "
               "de nuevo en un momento.",
            en="There is no connection to the municipal server. Nothing was recorded; try "
               "again in a moment."), {"detail": detail})


RETRY_STATUS = {502, 503, 504}
M = TypeVar("M", bound=BaseModel)


class ApiClient(ElectionCalls, ProcedureCalls):
    def __init__(self, base_url: str, *, credential: str | None = None,
                 verify: bool | str = True, transport: httpx.AsyncBaseTransport | None = None,
                 timeout: float = 10.0, retries: int = 3, backoff: float = 0.5) -> None:
        self._options = {"base_url": base_url.rstrip("/"), "transport": transport,
                         "timeout": timeout, "verify": verify}
        self._http_client: httpx.AsyncClient | None = None
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

            self._http_client = httpx.AsyncClient(**self._options)
        return self._http_client

    def warm_up(self) -> None:
        """Build the HTTP client now (safe to call from a thread, before any request)."""
        _ = self._http

    async def aclose(self) -> None:
        if self._http_client is not None:
            await self._http_client.aclose()

    # -- plumbing --------------------------------------------------------------------------
    def _headers(self, idempotency_key: str | None, session_token: str | None
                 ) -> dict[str, str]:
        headers = {}
        if self.credential:
            headers["Authorization"] = f"Bearer {self.credential}"
        if session_token or self.session_token:
            headers["X-Kiosk-Session"] = session_token or self.session_token
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        return headers

    async def _request(self, method: str, path: str, *, json: Any = None,
                       params: dict | None = None, idempotency_key: str | None = None,
                       session_token: str | None = None, files: dict | None = None,
                       data: dict | None = None) -> httpx.Response:
        import httpx

        if not self._credential and not path.endswith("/devices/enroll"):
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
                headers = self._headers(idempotency_key, session_token)
                response = await self._http.request(method, path, json=json, params=params,
                                                     headers=headers, files=files, data=data)
            except (httpx.TransportError, httpx.TimeoutException) as exc:
                last = exc
                continue
            if response.status_code in RETRY_STATUS:
                last = ServerUnavailable(f"HTTP {response.status_code}")
                continue
            if response.status_code >= 400:
                raise self._problem(response)
            return response
        raise ServerUnavailable(str(last))

    @staticmethod
    def _problem(response: httpx.Response) -> ApiError:
        try:
            body = response.json()
            message = Text.model_validate(body["message"])
            extra = {k: v for k, v in body.items()
                     if k not in {"type", "title", "status", "detail", "code", "message"}}
            return ApiError(response.status_code, body.get("code", "error"), message, extra)
        except (ValueError, KeyError, TypeError):
            return ApiError(response.status_code, "error", Text(
                es="El servidor respondió con un error. Inténtelo de nuevo.",
                en="The server answered with an error. Try again."))

    async def _get(self, path: str, model: type[M]) -> M:
        return model.model_validate((await self._request("GET", path)).json())

    async def _post(self, path: str, model: type[M], json: Any = None,
                    idempotency_key: str | None = None) -> M:
        response = await self._request("POST", path, json=json, idempotency_key=idempotency_key)
        return model.model_validate(response.json())

    # -- endpoints ---------------------------------------------------------------------------
    async def health(self) -> bool:
        import httpx

        try:
            response = await self._http.get("/healthz", timeout=3)
        except (httpx.TransportError, httpx.TimeoutException):
            return False
        return response.status_code == 200

    async def enroll(self, *, token: str, name: str, kind: str) -> schemas.Enrolment:
        enrolment = await self._post("/api/v1/devices/enroll", schemas.Enrolment,
                                     {"token": token, "name": name, "kind": kind})
        self.credential = enrolment.credential
        return enrolment

    async def device_self(self) -> schemas.DeviceInfo:
        return await self._get("/api/v1/devices/self", schemas.DeviceInfo)

    async def heartbeat(self, *, software_version: str, reader_status: str,
                        printer_status: str, paper_status: str, last_error: str | None) -> None:
        await self._request("POST", "/api/v1/devices/heartbeat", json={
            "software_version": software_version, "reader_status": reader_status,
            "printer_status": printer_status, "paper_status": paper_status,
            "last_error": last_error})

    async def devices(self) -> list[schemas.DeviceInfo]:
        response = await self._request("GET", "/api/v1/devices")
        return [schemas.DeviceInfo.model_validate(d) for d in response.json()]

    async def card_challenge(self) -> schemas.Challenge:
        return await self._post("/api/v1/auth/card/challenge", schemas.Challenge)

    async def card_login(self, *, challenge_id: str, certificate: bytes, signature: bytes
                         ) -> schemas.SessionInfo:
        info = await self._post("/api/v1/auth/card/login", schemas.SessionInfo, {
            "challenge_id": challenge_id,
            "certificate": base64.b64encode(certificate).decode(),
            "signature": base64.b64encode(signature).decode()})
        self.session_token = info.token
        return info

    async def pin_login(self, *, dni: str, pin: str) -> schemas.SessionInfo:
        info = await self._post("/api/v1/auth/pin/login", schemas.SessionInfo,
                                {"dni": dni, "pin": pin})
        self.session_token = info.token
        return info

    async def staff_login(self, *, username: str, password: str) -> schemas.SessionInfo:
        info = await self._post("/api/v1/auth/staff/login", schemas.SessionInfo,
                                {"username": username, "password": password})
        self.session_token = info.token
        return info

    async def session(self) -> schemas.SessionInfo:
        return await self._get("/api/v1/auth/session", schemas.SessionInfo)

    async def logout(self, reason: str = "logout", token: str | None = None) -> None:
        """End a session on the server (this client's, or `token`); forget it here at once."""
        token = token or self.session_token
        if token == self.session_token:
            self.session_token = None
        if token:
            await self._request("POST", "/api/v1/auth/logout", params={"reason": reason},
                                session_token=token)

    async def me(self) -> schemas.Resident:
        return await self._get("/api/v1/residents/me", schemas.Resident)

    async def resident_by_dni(self, dni: str) -> schemas.Resident:
        return await self._get(f"/api/v1/residents/by-dni/{dni}", schemas.Resident)

    async def act_for(self, *, dni: str, reason: str) -> schemas.SessionInfo:
        return await self._post("/api/v1/auth/act-for", schemas.SessionInfo,
                                {"dni": dni, "reason": reason})

    async def stop_acting(self) -> schemas.SessionInfo:
        response = await self._request("DELETE", "/api/v1/auth/act-for")
        return schemas.SessionInfo.model_validate(response.json())

    async def issue_record_certificate(self, *, idempotency_key: str) -> schemas.Document:
        return await self._post("/api/v1/residents/me/record-certificate", schemas.Document,
                                idempotency_key=idempotency_key)

    async def document(self, code: str) -> schemas.Document:
        return await self._get(f"/api/v1/documents/{code.strip()}", schemas.Document)

    async def verify(self, code: str) -> schemas.Verification:
        response = await self._request("GET", f"/verify/{code.strip()}")
        return schemas.Verification.model_validate(response.json())

    # -- cuenta corriente ---------------------------------------------------------------------
    async def statement(self, as_of: date | None = None) -> schemas.Statement:
        query = f"?as_of={as_of.isoformat()}" if as_of else ""
        return await self._get(f"/api/v1/accounts/statement{query}", schemas.Statement)

    async def quote(self, debt_ids: list[int], paid_on: date | None = None) -> schemas.Quote:
        return await self._post("/api/v1/accounts/quote", schemas.Quote, {
            "debt_ids": debt_ids, "paid_on": paid_on.isoformat() if paid_on else None})

    async def pay(self, *, debt_ids: list[int], method: str, amount: Decimal,
                  idempotency_key: str, card: dict | None = None,
                  tendered: Decimal | None = None) -> schemas.Payment:
        return await self._post("/api/v1/payments", schemas.Payment, {
            "debt_ids": debt_ids, "method": method, "amount": str(amount), "currency": "PEN",
            "card": card, "tendered": str(tendered) if tendered is not None else None,
        }, idempotency_key=idempotency_key)

    async def payment_history(self) -> list[schemas.PaymentSummary]:
        response = await self._request("GET", "/api/v1/payments/history")
        return [schemas.PaymentSummary.model_validate(p) for p in response.json()]

    async def create_payment_code(self, *, debt_ids: list[int], amount: Decimal,
                                  idempotency_key: str) -> schemas.PaymentCode:
        return await self._post("/api/v1/payment-codes", schemas.PaymentCode, {
            "debt_ids": debt_ids, "amount": str(amount), "currency": "PEN"},
            idempotency_key=idempotency_key)

    async def payment_code(self, number: str) -> schemas.PaymentCode:
        return await self._get(f"/api/v1/payment-codes/{number.strip()}", schemas.PaymentCode)

    async def collect_code(self, number: str, *, method: str, idempotency_key: str,
                           tendered: Decimal | None = None,
                           card: dict | None = None) -> schemas.Payment:
        return await self._post(f"/api/v1/payment-codes/{number.strip()}/collect",
                                schemas.Payment, {
                                    "method": method, "card": card,
                                    "tendered": str(tendered) if tendered is not None else None},
                                idempotency_key=idempotency_key)

    async def no_debt_certificate(self, *, idempotency_key: str,
                                  property_code: str | None = None) -> schemas.Document:
        return await self._post("/api/v1/accounts/no-debt-certificate", schemas.Document,
                                {"property_code": property_code},
                                idempotency_key=idempotency_key)

    async def simulate_plan(self, *, debt_ids: list[int], instalments: int,
                            initial: Decimal) -> schemas.Plan:
        return await self._post("/api/v1/accounts/plans/simulate", schemas.Plan, {
            "debt_ids": debt_ids, "instalments": instalments, "initial": str(initial)})

    async def request_plan(self, *, debt_ids: list[int], instalments: int, initial: Decimal,
                           idempotency_key: str) -> schemas.Plan:
        return await self._post("/api/v1/accounts/plans", schemas.Plan, {
            "debt_ids": debt_ids, "instalments": instalments, "initial": str(initial)},
            idempotency_key=idempotency_key)

    async def pending_plans(self) -> list[schemas.Plan]:
        response = await self._request("GET", "/api/v1/accounts/plans/pending")
        return [schemas.Plan.model_validate(p) for p in response.json()]

    async def decide_plan(self, plan_id: int, *, approve: bool, note: str) -> schemas.Plan:
        return await self._post(f"/api/v1/accounts/plans/{plan_id}/decision", schemas.Plan,
                                {"approve": approve, "note": note})

    async def void_payment(self, receipt_number: str, *, reason: str, supervisor: str,
                           supervisor_password: str) -> schemas.Payment:
        return await self._post(f"/api/v1/payments/{receipt_number}/void", schemas.Payment, {
            "reason": reason, "supervisor": supervisor,
            "supervisor_password": supervisor_password})

    async def cash_current(self) -> schemas.CashSession | None:
        body = (await self._request("GET", "/api/v1/cash/current")).json()
        return schemas.CashSession.model_validate(body) if body else None

    async def cash_open(self, opening_float: Decimal) -> schemas.CashSession:
        return await self._post("/api/v1/cash/open", schemas.CashSession,
                                {"opening_float": str(opening_float)})

    async def cash_close(self, counted_cash: Decimal, note: str = "") -> schemas.CashSession:
        return await self._post("/api/v1/cash/close", schemas.CashSession,
                                {"counted_cash": str(counted_cash), "note": note})
