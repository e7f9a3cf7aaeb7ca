"""The outermost layer of the app: Host allow-list, token and body limits, security headers."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGI = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def default_hosts(bound: str, extra: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """The Host names to answer: the loopback names when bound to loopback (a DNS-rebinding
    page cannot reach it then), else any (None) unless some are given."""
    extra = tuple(h.lower() for h in extra)
    if bound in LOOPBACK_HOSTS or bound.startswith("127."):
        return (*LOOPBACK_HOSTS, bound, *extra)
    return extra or None


def with_headers(send: Send) -> Send:
    """`send` that adds the security headers to every response, errors included."""

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            present = {name.lower() for name, _ in headers}
            headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
            message["headers"] = headers
        await send(message)

    return wrapped


async def reply(send: Send, status: int, detail: str, headers: list | None = None) -> None:
    """A small JSON error reply, sent before the app sees the request."""
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def host_of(scope: Scope) -> str:
    """The Host header without its port, lower-cased."""
    host = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), "")
    host = host.strip().lower()
    if host.startswith("["):  # [::1]:8000
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def header(scope: Scope, name: bytes) -> str | None:
    """One request header, decoded."""
    return next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == name), None)


async def guard(
    scope: Scope,
    receive: Receive,
    send: Send,
    app: ASGI,
    *,
    max_body: int,
    allowed_hosts: tuple[str, ...] | None,
    token_check: Callable[[Scope], tuple[int, str] | None],
) -> None:
    """Refuse what must not reach the app; read at most `max_body` bytes of any body."""
    if scope["type"] != "http":
        await app(scope, receive, send)
        return
    send = with_headers(send)
    if allowed_hosts is not None and host_of(scope) not in allowed_hosts:
        await reply(send, 400, "this server does not answer for that Host")
        return
    refused = token_check(scope)  # before a single byte of the body is read
    if refused is not None:
        status, detail = refused
        extra = [(b"www-authenticate", b"Bearer")] if status == 401 else []
        await reply(send, status, detail, extra)
        return
    length = header(scope, b"content-length")
    if length is not None and (not length.strip().isdigit() or int(length) > max_body):
        await reply(send, 413, f"request body over {max_body} bytes")
        return
    if scope["method"] not in BODY_METHODS:
        await app(scope, receive, send)
        return
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return  # the client went away
        body += message.get("body", b"")
        if len(body) > max_body:  # chunked bodies too: counted as they arrive
            await reply(send, 413, f"request body over {max_body} bytes")
            return
        if not message.get("more_body", False):
            break
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}
        return await receive()

    await app(scope, replay, send)
