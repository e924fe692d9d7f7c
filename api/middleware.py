"""ASGI middleware: server errors answered without dropping the connection, the request size limit
and body timeout, the request time budget, and loopback-only access when no API keys are set."""

from __future__ import annotations

import asyncio
import contextvars
import ipaddress
import json
import logging
import socket
from typing import Any, ClassVar

from sqlalchemy import event
from sqlalchemy.orm import Session
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


async def _reply(send: Send, status: int, code: str, message: str, close: bool = False) -> None:
    body = json.dumps({"code": code, "message": message, "problems": []}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if close:  # uvicorn closes the connection after a response that says so
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class BodySizeLimit:
    """Answer 413 to a request whose body is larger than ``limit`` bytes, 408 to one whose body is slow.

    The declared ``Content-Length`` is checked first; a body sent in chunks is read up to the
    limit before the application sees it, so a request never makes the service hold more. The
    whole body must arrive within ``timeout`` seconds of the request's headers; otherwise the
    answer is 408 and the connection is closed (a ``Content-Length`` that announces more bytes
    than are sent would otherwise hold the connection until the client gives up).
    """

    def __init__(self, app: ASGIApp, limit: int, timeout: float = 30.0) -> None:
        self.app, self.limit, self.timeout = app, limit, timeout

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
        try:
            async with asyncio.timeout(self.timeout):
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
        except TimeoutError:
            client = scope.get("client")
            logger.warning(
                "%s %s from %s: %d bytes of the body in %g s; answered 408 and closed the connection",
                scope.get("method"),
                scope.get("path"),
                client[0] if client else "?",
                size,
                self.timeout,
            )
            await _reply(
                send,
                408,
                "request_timeout",
                f"the request body did not arrive within {self.timeout:g} s (setting "
                f"PLANNER_BODY_TIMEOUT_SECONDS; {size} bytes came); send the whole body at once, "
                "with a Content-Length that counts its bytes",
                close=True,
            )
            return
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


class RequestExpired(Exception):
    """Raised in a request's worker thread when it touches the database after its budget is spent."""


class _Budget:
    """The state of one request's time budget, shared with the threads its handler runs in."""

    __slots__ = ("spent", "what")

    def __init__(self, what: str) -> None:
        self.spent, self.what = False, what


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "planner_request_budget", default=None
)
"""The budget of the request being served (copied into its worker threads with the context)."""


def _refuse_when_spent(*_: Any, **__: Any) -> None:
    """Refuse a database operation of a request whose time budget is spent (it was answered 503)."""
    budget = _budget.get()
    if budget is not None and budget.spent:
        raise RequestExpired(f"{budget.what}: the request's time budget is spent; its work is dropped")


def _guard_sessions() -> None:
    """Listen on every ORM session: a request past its budget may not query, flush or commit."""
    for name in ("do_orm_execute", "before_flush", "before_commit"):
        if not event.contains(Session, name, _refuse_when_spent):
            event.listen(Session, name, _refuse_when_spent)


class RequestBudget:
    """Answer 503 to a request whose handler has not answered within ``seconds``.

    The handler runs as its own task. When the budget is spent before the response starts, the
    client gets 503 at once and its connection is free for the next request. Running Python code
    cannot be stopped (and cancelling the task would only orphan its worker thread), so the
    handler goes on to its end, but anything it sends is dropped and every database query, flush
    or commit it attempts raises :class:`RequestExpired`: it takes no connection and stores nothing.

    Attributes
    ----------
    abandoned
        The tasks of requests answered 503 whose handlers have not ended yet (across instances).
    """

    abandoned: ClassVar[set[asyncio.Task[None]]] = set()

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app, self.seconds = app, seconds
        _guard_sessions()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        what = f"{scope.get('method')} {scope.get('path')}"
        budget = _Budget(what)
        started = False

        async def guarded(message: Message) -> None:
            nonlocal started
            if budget.spent:
                return  # answered 503 already
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        context = contextvars.copy_context()
        context.run(_budget.set, budget)

        async def handle() -> None:
            await self.app(scope, receive, guarded)

        task = asyncio.create_task(handle(), context=context)
        try:
            done, _ = await asyncio.wait({task}, timeout=self.seconds)
        except asyncio.CancelledError:
            task.cancel()
            raise
        if task in done or started:  # answered in time, or an answer is under way: let it end
            await task
            return
        budget.spent = True
        RequestBudget.abandoned.add(task)
        task.add_done_callback(_abandoned_ended)
        logger.warning(
            "%s: no answer within %g s; answered 503, its result will be dropped", what, self.seconds
        )
        await _reply(
            send,
            503,
            "request_too_slow",
            f"the request took longer than this server allows ({self.seconds:g} s; setting "
            "PLANNER_REQUEST_SECONDS) and was abandoned: nothing it would have changed is stored. "
            "Submit large work as a job (POST /jobs), which runs without this limit, or split the request",
        )


def _abandoned_ended(task: asyncio.Task[None]) -> None:
    RequestBudget.abandoned.discard(task)
    error = None if task.cancelled() else task.exception()
    logger.info(
        "an abandoned request's handler ended%s; its result is dropped",
        f" with {type(error).__name__}: {error}" if error else "",
    )
