"""Request limits and response headers: pure ASGI middleware, so they hold for every route."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse

#: No script at all, styles and images from the app only, forms post back to it only.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuse request bodies over ``limit(scope)`` bytes with 413, by ``Content-Length`` before
    reading and by counting while reading (a chunked body cannot slip past)."""

    def __init__(self, app, limit):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit(scope)
        length = Headers(scope=scope).get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            return await PlainTextResponse(f"request body over {limit:,} bytes", 413)(scope, receive, send)
        seen = 0
        started = False

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge()
            return message

        async def tracked(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except BodyTooLarge:
            if not started:
                await PlainTextResponse(f"request body over {limit:,} bytes", 413)(scope, receive, send)


class SecurityHeaders:
    """Add :data:`HEADERS` to every response (HTML, JSON, static files, errors)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)


def cross_site(headers: Headers) -> bool:
    """True when a request may come from another site's page (a form elsewhere posting here).

    Browsers send ``Sec-Fetch-Site``; only ``same-origin`` and ``none`` (typed or bookmarked)
    pass. Without it (older browsers, scripts), an ``Origin`` naming another host, or ``null``,
    is refused; no ``Origin`` at all (curl, Python) passes. ``Origin`` alone cannot be relied on:
    under ``Referrer-Policy: no-referrer`` a browser sends ``null`` for its own forms.
    """
    site = headers.get("sec-fetch-site")
    if site:
        return site not in ("same-origin", "none")
    origin = headers.get("origin")
    if not origin:
        return False
    return origin == "null" or urlsplit(origin).netloc.lower() != (headers.get("host") or "").lower()
