import ipaddress
import json
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import JSONResponse, Response

from server.audit.service import Actor
from server.config import ServerSettings
from server.deps import (
    CurrentActor,
    DbDep,
    IdempotencyKey,
    RawBody,
    SettingsDep,
    SubjectResident,
    require_roles,
)
from server.errors import Problem, problem_responses, refuses
from server.identity.service import Role, StaffRef
from server.timeutil import IsoDate, today
from server.wifi import aaa, hotspots, views
from server.wifi import vouchers as v
from server.wifi.schemas import (
    WifiBatchIn,
    WifiBatchOut,
    WifiHotspotIn,
    WifiHotspotOut,
    WifiHotspotSaved,
    WifiRevokedOut,
    WifiRevokeIn,
    WifiRulesOut,
    WifiUsageOut,
    WifiVoucherOut,
)

# The refusals this domain's services, and those of the domains it reaches, may answer.
REFUSALS = problem_responses(400, 401, 403, 404, 409, 422, 503)
router = APIRouter(prefix="/wifi", tags=["wifi"], responses=REFUSALS)
public_router = APIRouter(prefix="/wifi", tags=["wifi"], responses=REFUSALS)
Operator = Annotated[StaffRef, require_roles(Role.WIFI_OPERATOR)]
MAX_DAYS = 62


# -- the AAA path: FreeRADIUS's rest module, with its bearer token ------------------------------
@refuses(401, 403)  # a bad bearer token; a caller not on loopback nor TLS
def radius_caller(request: Request, db: DbDep,
                  authorization: Annotated[str | None, Header()] = None) -> Actor:
    """The calling RADIUS server. Passwords arrive in clear: loopback or TLS only."""
    host = request.client.host if request.client else ""
    try:
        local = ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = host in ("testclient", "localhost")
    if not local and request.url.scheme != "https":
        raise Problem(403, "wifi_radius_insecure",
                      "El servidor RADIUS debe llamar por la interfaz local o por TLS.",
                      "The RADIUS server must call over loopback or TLS.")
    scheme, _, token = (authorization or "").partition(" ")
    server = aaa.radius_server(db, token) if scheme.lower() == "bearer" and token else None
    if server is None:
        raise Problem(401, "wifi_radius_token", "Token del servidor RADIUS no válido.",
                      "Invalid RADIUS server token.")
    return Actor(f"radius:{server.name}")


Radius = Annotated[Actor, Depends(radius_caller)]


def _body(raw: bytes) -> dict[str, Any]:
    try:
        body = json.loads(raw or b"{}")
    except ValueError as exc:
        raise Problem(400, "wifi_radius_body", "Cuerpo JSON no válido.",
                      "Invalid JSON body.") from exc
    if not isinstance(body, dict):
        raise Problem(400, "wifi_radius_body", "Cuerpo JSON no válido.", "Invalid JSON body.")
    return body


@public_router.post("/radius/authorize")
def authorize(db: DbDep, _caller: Radius, raw: RawBody) -> JSONResponse:
    """200 with the reply attributes (what is left), or 401 with a Reply-Message."""
    answer = aaa.authorize(db=db, body=_body(raw))
    if isinstance(answer, aaa.Refusal):
        return JSONResponse(answer.reply(), status_code=401)
    return JSONResponse(answer)


@public_router.post("/radius/post-auth", status_code=204)
def post_auth(db: DbDep, _caller: Radius, raw: RawBody) -> Response:
    aaa.post_auth(db=db, body=_body(raw))
    db.commit()
    return Response(status_code=204)


def mac_key(settings: ServerSettings) -> bytes:
    """The HMAC key for MAC addresses (made on first use, kept in the data directory)."""
    path = Path(settings.data_dir) / "wifi" / "mac-hmac.key"
    if not path.exists():
        import secrets

        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(secrets.token_bytes(32))
        path.chmod(0o600)
    return path.read_bytes()


@public_router.post("/radius/accounting", status_code=204)
def accounting(db: DbDep, caller: Radius, raw: RawBody, settings: SettingsDep) -> Response:
    """Acknowledged (204) only once committed: FreeRADIUS answers the NAS after that. A
    Disconnect-Request is a background job deferred in the same transaction (a slow NAS holds
    up nothing; docs/tasks.md)."""
    aaa.accounting(db=db, by=caller, body=_body(raw), mac_key=mac_key(settings))
    db.commit()
    return Response(status_code=204)


# -- anyone at a kiosk ----------------------------------------------------------------------------
@router.get("/hotspots", response_model=list[WifiHotspotOut])
def hotspot_list(db: DbDep) -> list[WifiHotspotOut]:
    return [views.hotspot_out(s) for s in hotspots.statuses(db)]


@router.get("/rules", response_model=WifiRulesOut)
def rules(db: DbDep) -> WifiRulesOut:
    r = v.in_force(db)
    return WifiRulesOut(vouchers_per_day=r.vouchers_per_day, minutes=r.minutes,
                        megabytes=r.megabytes, up_kbps=r.up_kbps, down_kbps=r.down_kbps,
                        valid_hours=r.valid_hours, ssid=r.ssid)


# -- a resident (card or municipal PIN), or staff serving one -------------------------------------
@router.post("/vouchers", response_model=WifiVoucherOut)
def get_voucher(db: DbDep, resident: SubjectResident, actor: CurrentActor,
                once: IdempotencyKey) -> WifiVoucherOut:
    """A voucher for the resident (at most N a day); once per Idempotency-Key."""
    return once.run(scope="wifi.voucher", payload={"resident": resident.id},
                    model=WifiVoucherOut,
                    action=lambda: views.voucher_out(
                        db, v.issue_for_resident(db=db, by=actor, resident=resident)))


@router.get("/vouchers/mine", response_model=list[WifiVoucherOut])
def my_vouchers(db: DbDep, resident: SubjectResident) -> list[WifiVoucherOut]:
    return [views.voucher_out(db, row) for row in v.of_resident(db, resident.id)]


@router.get("/rules/mine", response_model=WifiRulesOut)
def my_rules(db: DbDep, resident: SubjectResident) -> WifiRulesOut:
    out = rules(db)
    out.issued_today = v.issued_today(db, resident.id)
    return out


# -- staff with Wi-Fi rights -----------------------------------------------------------------------
@router.post("/batches", response_model=WifiBatchOut)
def create_batch(body: WifiBatchIn, db: DbDep, _staff: Operator,
                 actor: CurrentActor) -> WifiBatchOut:
    batch, rows = v.create_batch(db=db, by=actor, count=body.count, note=body.note,
                                 allowance=v.Allowance(body.minutes, body.megabytes,
                                                       body.up_kbps, body.down_kbps,
                                                       body.valid_hours))
    out = views.batch_out(db, batch, rows)
    db.commit()
    return out


@router.get("/batches", response_model=list[WifiBatchOut])
def batch_list(db: DbDep, _staff: Operator) -> list[WifiBatchOut]:
    return [views.batch_out(db, b) for b in v.batches(db)]


@router.get("/batches/{number}", response_model=WifiBatchOut)
def batch(number: str, db: DbDep, _staff: Operator) -> WifiBatchOut:
    row, rows = v.of_batch(db, number)
    return views.batch_out(db, row, rows)


@router.post("/batches/{number}/revoke", response_model=WifiRevokedOut)
def revoke_batch(number: str, body: WifiRevokeIn, db: DbDep, _staff: Operator,
                 actor: CurrentActor) -> WifiRevokedOut:
    n = v.revoke_batch(db=db, by=actor, number=number, reason=body.reason)
    db.commit()
    return WifiRevokedOut(revoked=n)


@router.get("/vouchers/{code}", response_model=WifiVoucherOut)
def voucher(code: str, db: DbDep, _staff: Operator) -> WifiVoucherOut:
    return views.voucher_out(db, v.get(db, code))


@router.post("/vouchers/{code}/revoke", response_model=WifiVoucherOut)
def revoke(code: str, body: WifiRevokeIn, db: DbDep, _staff: Operator,
           actor: CurrentActor) -> WifiVoucherOut:
    row = v.revoke(db=db, by=actor, code=code, reason=body.reason)
    out = views.voucher_out(db, row)
    db.commit()
    return out


@router.post("/hotspots", response_model=WifiHotspotSaved)
def save_hotspot(body: WifiHotspotIn, db: DbDep, _staff: Operator,
                 actor: CurrentActor) -> WifiHotspotSaved:
    row = hotspots.save(db=db, by=actor, **body.model_dump())
    db.commit()
    return WifiHotspotSaved(code=row.code, name=row.name, ip=row.ip, coa_port=row.coa_port,
                            secret=row.secret, in_service=row.in_service)


@router.get("/usage", response_model=list[WifiUsageOut])
def usage(db: DbDep, _staff: Operator, start: IsoDate | None = None,
          days: Annotated[int, Query(ge=1, le=MAX_DAYS)] = 14) -> list[WifiUsageOut]:
    start = start or today() - timedelta(days=days - 1)
    return [WifiUsageOut(hotspot=u.hotspot, day=u.day, sessions=u.sessions, seconds=u.seconds,
                         octets=u.octets) for u in hotspots.usage(db, start=start, days=days)]
