"""What keeps the page safe: signed-in only (but the login and verification pages) through sessions kept on the
server, a CSRF token on every form, every body bounded while it streams, uploads and checks taken a few at a time,
sign-ins and public checks limited per address (and per account), and security headers on every answer."""

from __future__ import annotations

import asyncio
import math
import secrets
import threading
import time
from collections import OrderedDict, deque
from contextlib import asynccontextmanager
from typing import Callable

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import RedirectResponse

from reportgen.web.accounts import normal_name, session_user

PUBLIC_PATHS = ("/masuk", "/verifikasi", "/favicon.ico", "/sehat", "/logo")
PUBLIC_PREFIXES = ("/verifikasi/", "/static/")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "frame-ancestors 'none'; form-action 'self'",
}


def is_public(path: str) -> bool:
    """Return whether a path is reachable signed out."""
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def client_address(request) -> str:
    """Return the client's address (as the trusted proxy gave it, when there is one)."""
    return request.client.host if request.client else "?"


class SignedInOnly(BaseHTTPMiddleware):
    """Find the signed-in user from the session kept on the server (request.state.user, or None); send a
    signed-out visitor of any page but the public ones to the login page; add security headers."""

    def __init__(self, app, accounts, idle: float, longest: float):
        super().__init__(app)
        self.accounts, self.idle, self.longest = accounts, idle, longest

    async def dispatch(self, request, call_next):
        token = request.session.get("sid")
        user = await run_in_threadpool(session_user, self.accounts, token, self.idle, self.longest) if token else None
        if token and user is None:
            request.session.pop("sid", None)  # ended on the server: the cookie no longer says anything
        request.state.user = user
        if not is_public(request.url.path) and user is None:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
                request.session["next"] = target[:300]  # a page asked for, not a picture or a poll
            response = RedirectResponse("/masuk", status_code=303)
        else:
            response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if not is_public(request.url.path):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def csrf_token(request) -> str:
    """Return the session's CSRF token (made on first use) for the page's forms."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


class StaleForm(HTTPException):
    """A form whose token is not the session's: a page opened before the session was (sent from another site, or
    a page kept open across signing out). Nothing is done; the page offers to send the same choices again."""

    def __init__(self, form):
        super().__init__(403, "Halaman ini sudah lama, jadi isiannya tidak dikerjakan.")
        self.form = form


def check_csrf(request, form) -> None:
    """Refuse a form whose token is not the session's (StaleForm, 403)."""
    sent = form.get("csrf") or request.headers.get("x-csrf-token") or ""
    token = request.session.get("csrf") or ""
    if not token or not isinstance(sent, str) or not secrets.compare_digest(sent, token):
        raise StaleForm(form)


# ---------------------------------------------------------------- bodies bounded while they stream


class TooLarge(HTTPException):
    """A request's body went past its route's limit (said before it was read, or counted as it came)."""

    def __init__(self, limit: int):
        super().__init__(413, f"Berkas terlalu besar: paling besar {_megabytes(limit)}. Tidak ada yang disimpan.")
        self.limit = limit


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:g} MB".replace(".", ",") if n >= 1024 * 1024 else f"{n // 1024} kB"


class BodyLimit:
    """Count a request's body as it arrives, chunked or not, and stop it at its route's limit (`limit_for(scope)`,
    the file it carries, plus `slack` for the rest of its form): the app reading past it gets TooLarge (413), so
    nothing past the limit is ever read, buffered or spooled."""

    def __init__(self, app, limit_for: Callable[[dict], int], slack: int = 64 * 1024):
        self.app, self.limit_for, self.slack = app, limit_for, slack

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit_for(scope)
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        received = 0

        async def bounded():
            nonlocal received
            if declared.isdigit() and int(declared) > limit + self.slack:
                raise TooLarge(limit)  # said before a byte of it is read
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit + self.slack:
                    raise TooLarge(limit)
            return message

        await self.app(scope, bounded, send)


# ---------------------------------------------------------------- a few at a time, a few per minute


class Gate:
    """At most `at_once` requests inside at the same time; a request that cannot enter within `wait` seconds is
    told to come back (503 with Retry-After), so that a burst neither piles up memory nor waits forever."""

    def __init__(self, at_once: int, wait: float, busy: str):
        self.at_once, self.wait, self.busy = at_once, wait, busy
        self.semaphore: asyncio.Semaphore | None = None

    @asynccontextmanager
    async def turn(self):
        if self.semaphore is None:  # made in the server's own event loop
            self.semaphore = asyncio.Semaphore(self.at_once)
        try:
            await asyncio.wait_for(self.semaphore.acquire(), self.wait)
        except asyncio.TimeoutError:
            raise HTTPException(503, self.busy, headers={"Retry-After": "5"}) from None
        try:
            yield
        finally:
            self.semaphore.release()


class RateLimiter:
    """At most `limit` events per key (a client address) in `window` seconds; the keys least recently used are
    forgotten past `keys`, so that many addresses cannot fill the memory."""

    def __init__(self, limit: int, window: float, keys: int = 20_000):
        self.limit, self.window, self.keys = limit, window, keys
        self.events: OrderedDict[str, deque] = OrderedDict()
        self.lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque:
        queue = self.events.get(key)
        if queue is None:
            queue = self.events[key] = deque()
            while len(self.events) > self.keys:
                self.events.popitem(last=False)
        self.events.move_to_end(key)
        while queue and now - queue[0] > self.window:
            queue.popleft()
        return queue

    def wait(self, key: str) -> int:
        """Return the whole seconds to wait before the next event is allowed (0: allowed now)."""
        now = time.monotonic()
        with self.lock:
            queue = self._recent(key, now)
            return math.ceil(self.window - (now - queue[0])) if len(queue) >= self.limit else 0

    def take(self, key: str, now: float | None = None) -> int:
        """Count one event (now, or at `now`) when it is allowed and return 0, else return the seconds to wait."""
        now = time.monotonic() if now is None else now
        with self.lock:
            queue = self._recent(key, now)
            if len(queue) >= self.limit:
                return max(1, math.ceil(self.window - (now - queue[0])))
            queue.append(now)
            return 0

    def give_back(self, key: str, at: float | None = None) -> None:
        """Forget one event of the key (the last one, or the one counted at `at`)."""
        with self.lock:
            queue = self.events.get(key)
            if queue:
                if at is not None and at in queue:
                    queue.remove(at)
                elif at is None:
                    queue.pop()

    def forget(self, key: str) -> None:
        with self.lock:
            self.events.pop(key, None)


def too_many(wait: int, message: str) -> HTTPException:
    """Return the 429 answer with its Retry-After."""
    return HTTPException(429, message, headers={"Retry-After": str(max(1, int(wait)))})


class SignInLimiter:
    """Sign-in attempts counted before the password is checked (so parallel tries cannot slip past the count):
    per address, `per_address` failures in `window` and that address waits; per account name as normalised
    (trimmed, case-folded), after `per_name` failures each next try is delayed, 1, 2, 4 ... up to `longest`
    seconds after the previous one, from every address. The real user is delayed, never locked out."""

    def __init__(self, per_address: int = 10, per_name: int = 5, window: float = 300.0, longest: float = 60.0):
        self.addresses = RateLimiter(per_address, window)
        self.per_name, self.window, self.longest = per_name, window, longest
        self.names: OrderedDict[str, deque] = OrderedDict()
        self.lock = threading.Lock()

    def begin(self, address: str, name: str) -> tuple[int, float | None]:
        """Return (0, the attempt's mark) when the attempt may go on, counted as failed until `succeeded`, else
        (seconds to wait, None)."""
        key = normal_name(name)[:64]
        now = time.monotonic()
        with self.lock:
            failures = self.names.get(key) or deque()
            while failures and now - failures[0] > self.window:
                failures.popleft()
            if len(failures) >= self.per_name:
                delay = min(self.longest, 2.0 ** (len(failures) - self.per_name))
                if now < failures[-1] + delay:
                    return max(1, math.ceil(failures[-1] + delay - now)), None
            wait = self.addresses.take(address, now)
            if wait:
                return wait, None
            failures.append(now)
            self.names[key] = failures
            self.names.move_to_end(key)
            while len(self.names) > 20_000:
                self.names.popitem(last=False)
        return 0, now

    def cancel(self, address: str, name: str, mark: float) -> None:
        """Forget an attempt that was not made after all (the server was too busy to check it)."""
        self.addresses.give_back(address, mark)
        with self.lock:
            failures = self.names.get(normal_name(name)[:64])
            if failures and mark in failures:
                failures.remove(mark)

    def succeeded(self, address: str, name: str, mark: float) -> None:
        """Forget the attempt (it was not a failure) and the account's earlier failures."""
        self.addresses.give_back(address, mark)
        with self.lock:
            self.names.pop(normal_name(name)[:64], None)
