"""What keeps the page safe: signed-in only (but the login and verification pages), a CSRF token on
every form, login attempts limited, and security headers on every answer."""

from __future__ import annotations

import secrets
import threading
import time
from collections import defaultdict, deque

from starlette.exceptions import HTTPException
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import RedirectResponse

PUBLIC_PATHS = ("/masuk", "/verifikasi", "/favicon.ico")
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


class SignedInOnly(BaseHTTPMiddleware):
    """Send a signed-out visitor of any page but the public ones to the login page; add security headers."""

    async def dispatch(self, request, call_next):
        if not is_public(request.url.path) and not request.session.get("user"):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
                request.session["next"] = target  # a page asked for, not a picture or a poll
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


def check_csrf(request, form) -> None:
    """Refuse a form whose CSRF token is not the session's (403)."""
    sent = form.get("csrf") or request.headers.get("x-csrf-token") or ""
    token = request.session.get("csrf") or ""
    if not token or not isinstance(sent, str) or not secrets.compare_digest(sent, token):
        raise HTTPException(403, "Formulir kedaluwarsa atau tidak sah (token CSRF). Muat ulang halaman lalu coba lagi.")


class LoginLimiter:
    """Allow at most `attempts` failed logins per address and per account name in `window` seconds."""

    def __init__(self, attempts: int = 5, window: float = 300.0):
        self.attempts, self.window = attempts, window
        self.failures: dict[str, deque] = defaultdict(deque)
        self.lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque:
        queue = self.failures[key]
        while queue and now - queue[0] > self.window:
            queue.popleft()
        return queue

    def wait(self, address: str, name: str) -> int:
        """Return the seconds to wait before another attempt is allowed (0: allowed now)."""
        now = time.monotonic()
        with self.lock:
            waits = [int(self.window - (now - q[0])) + 1 for q in (self._recent(f"a:{address}", now),
                                                                  self._recent(f"n:{name.lower()}", now))
                     if len(q) >= self.attempts]
        return max(waits, default=0)

    def failed(self, address: str, name: str) -> None:
        """Count one failed attempt."""
        now = time.monotonic()
        with self.lock:
            self.failures[f"a:{address}"].append(now)
            self.failures[f"n:{name.lower()}"].append(now)

    def succeeded(self, name: str) -> None:
        """Forget the account's failures after a good login."""
        with self.lock:
            self.failures.pop(f"n:{name.lower()}", None)
