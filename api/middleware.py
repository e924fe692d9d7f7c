"""ASGI middleware: server errors answered without dropping the connection, the request size limit,
and loopback-only access when no API keys are set."""

from __future__ import annotations

import ipaddress
import json
import logging
import socket

from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger(__name__)


IN_PROCESS_CLIENTS = frozenset({"testclient"})
"""Client names that are not addresses and cannot come from the network (Starlette's test client)."""


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` is a loopback address (127.0.0.0/8, ::1) or a name that resolves only to one.

    Used for clients (``None``: a Unix socket; an in-process test client) and for the address the
    server binds: ``""``, ``"0"`` and ``"0.0.0.0"`` bind every interface and are not loopback
    (``"0"`` used to pass as "not an address, so local"); ``"127.1"`` and ``"localhost"`` are.
    """
    if host is None or host in IN_PROCESS_CLIENTS:
        return True
    name = host.strip().removeprefix("[").removesuffix("]")
    if not name:
        return False
    try:
        return ipaddress.ip_address(name.split("%")[0]).is_loopback
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(name, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False  # a name that does not resolve cannot be bound either
    addresses = {str(info[4][0]).split("%")[0] for info in found}
    return bool(addresses) and all(ipaddress.ip_address(a).is_loopback for a in addresses)


async def _reply(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"code": code, "message": message, "problems": []}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodySizeLimit:
    """Answer 413 to a request whose body is larger than ``limit`` bytes.

    The declared ``Content-Length`` is checked first; a body sent in chunks is read up to the
    limit before the application sees it, so a request never makes the service hold more.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = (
            f"the request body is larger than this server accepts ({self.limit} bytes; "
            "setting PLANNER_MAX_REQUEST_BYTES)"
        )
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                await _reply(send, 413, "request_too_large", message)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            received = await receive()
            if received["type"] != "http.request":  # the client went away
                return
            chunk = received.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await _reply(send, 413, "request_too_large", message)
                return
            chunks.append(chunk)
            if not received.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class LoopbackOnly:
    """Refuse (403) every client that is not on this machine; used when no API keys are set."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            client = scope.get("client")
            if not is_loopback(client[0] if client else None):
                logger.warning(
                    "refused %s: no API keys are configured, so only loopback clients are served",
                    client[0] if client else "?",
                )
                await _reply(
                    send,
                    403,
                    "loopback_only",
                    "this server has no API keys configured and serves only its own machine",
                )
                return
        await self.app(scope, receive, send)


class ServerErrors:
    """Answer 500 with an error body to a request whose handler raised an unexpected exception.

    The exception is logged here and not raised further: Starlette's outermost middleware would
    raise it again to the server, and uvicorn then closes the connection, so the client's next
    request on it would be reset. A response that already started cannot be replaced; only then
    does the exception go on.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception:
            logger.exception("server error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await _reply(
                send,
                500,
                "internal_error",
                "the server failed on this request (a bug in the service; it is logged); "
                "the request may be retried",
            )
