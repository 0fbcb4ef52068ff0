"""The address a connection really came from, kept before X-Forwarded-For rewrites it.

uvicorn's proxy-headers middleware replaces the ASGI `client` with the address nginx names in
X-Forwarded-For (the kiosk's, for logs and rate limits). Whether to believe the client
certificate nginx forwards, though, depends on who is talking to us: the proxy itself. So
`kiosk-server run` wraps the app as keep_peer(ProxyHeadersMiddleware(app)) and the device
check reads `peer_host`.
"""

from typing import Any

PEER = "kiosk.peer"


def keep_peer(app: Any) -> Any:
    async def with_peer(scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            scope[PEER] = scope.get("client")
        await app(scope, receive, send)
    return with_peer


def peer_host(scope: dict) -> str | None:
    """The connection's own address (the ASGI client when nothing rewrote it: tests)."""
    peer = scope.get(PEER, scope.get("client"))
    return peer[0] if peer else None


def behind_proxy_headers(app: Any) -> Any:
    """The app as `kiosk-server run` serves it: X-Forwarded-For believed from 127.0.0.1
    (uvicorn's default, FORWARDED_ALLOW_IPS to change it), the real peer kept."""
    import os

    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    trusted = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
    return keep_peer(ProxyHeadersMiddleware(app, trusted_hosts=trusted))
