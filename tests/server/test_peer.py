"""`kiosk-server run` applies X-Forwarded-For (logs and per-address limits see the kiosk) but
keeps the connection's own address, the one the client-certificate check trusts."""

from server.peer import behind_proxy_headers, peer_host


async def _seen(client: tuple[str, int], forwarded_for: str) -> dict:
    seen: dict = {}

    async def app(scope, receive, send):
        seen["client"], seen["peer"] = scope["client"][0], peer_host(scope)

    scope = {"type": "http", "client": client, "scheme": "http",
             "headers": [(b"x-forwarded-for", forwarded_for.encode())]}
    await behind_proxy_headers(app)(scope, None, None)
    return seen


async def test_through_the_proxy_the_client_is_the_kiosk_and_the_peer_the_proxy():
    assert await _seen(("127.0.0.1", 5000), "10.20.0.7") == {"client": "10.20.0.7",
                                                             "peer": "127.0.0.1"}


async def test_a_direct_client_cannot_claim_to_be_the_proxy():
    assert await _seen(("10.9.9.9", 5000), "127.0.0.1") == {"client": "10.9.9.9",
                                                            "peer": "10.9.9.9"}
