"""Whole-page caching for public pages that are the same for every visitor.

A page is cached under its full URL, whether HTMX asked for it, and the content version, so any
content save anywhere makes every process's copies stale at once. Responses that set a cookie
or vary on one are never cached. The cache backend fails open, so a cache outage only means
pages are rendered afresh.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CSRF_TOKEN_LENGTH, get_token
from django.middleware.gzip import re_accepts_gzip as accepts_gzip
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, urlencode

from roadmap.spliced_gzip import SplicedGzip
from roles.content_version import content_version


def _cache_key(request: HttpRequest, version: str, params: tuple[str, ...] | None = None) -> str:
    """Key a page by its address; with `params`, by its path and only those query parameters."""
    address = request.get_full_path()
    if params is not None:
        address = (
            request.path + "?" + urlencode([(name, request.GET.getlist(name)) for name in params], doseq=True)
        )
    htmx = "htmx" if request.headers.get("HX-Request") else "page"
    return f"page:{version}:{htmx}:{hashlib.sha256(address.encode()).hexdigest()}"


@dataclass(frozen=True)
class _StoredPage:
    """A rendered page, kept plain and gzipped, so a cache hit never compresses anything."""

    content: bytes
    gzipped: bytes
    content_type: str

    @classmethod
    def of(cls, response: HttpResponse) -> _StoredPage:
        # mtime=0 makes the bytes, and so the ETag, the same in every app process.
        return cls(response.content, gzip.compress(response.content, 6, mtime=0), response["Content-Type"])

    def response_for(self, request: HttpRequest) -> HttpResponse:
        return _encoded_response(request, self.content_type, lambda: self.content, lambda: self.gzipped)


def _encoded_response(request: HttpRequest, content_type: str, plain, gzipped) -> HttpResponse:
    """Give the gzipped body to clients that accept it, the plain one to others."""
    if accepts_gzip.search(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(gzipped(), content_type=content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(plain(), content_type=content_type)
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def cache_public_page(view):
    """Serve the view from the shared cache when it can; store cacheable responses."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        version = content_version()
        key = _cache_key(request, version)
        stored = cache.get(key)
        if stored is None:
            response = _rendered(view(request, *args, **kwargs))
            if response.status_code != 200 or response.cookies or response.has_header("Vary"):
                return _headers(response, version)
            stored = _StoredPage.of(response)
            cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
        return _headers(stored.response_for(request), version)

    return wrapper


def _rendered(response: HttpResponse) -> HttpResponse:
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    return response


def _headers(response: HttpResponse, version: str) -> HttpResponse:
    """Let browsers and CDNs revalidate cheaply: ETag (ConditionalGetMiddleware) and Last-Modified."""
    patch_vary_headers(response, ["HX-Request"])
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    if version.isdigit() and response.status_code == 200:
        response["Last-Modified"] = http_date(int(version) // 1_000_000_000)
    return response


CSRF_PLACEHOLDER = "csrf-placeholder-3f9a1c"


def serve_with_fresh_csrf(request: HttpRequest, render, params: tuple[str, ...] = ()) -> HttpResponse:
    """Serve a page that is the same for every visitor but for its CSRF token.

    `render(csrf_token)` renders the page with the given token; `params` names the query
    parameters it reads, so junk ones cannot fill the cache with copies of a large page. The
    page is cached with a placeholder token, and each visitor gets their own token swapped in,
    so forms keep working while the template is rendered once per content version. The cached
    copy is gzipped once too, and the token spliced into it, as gzipping a long page costs more
    than serving it.
    """
    key = f"{_cache_key(request, content_version(), params)}:csrf"
    cached = cache.get(key)
    if cached is None:
        response = _rendered(render(CSRF_PLACEHOLDER))
        if response.status_code != 200:
            return response
        page = SplicedGzip.build(response.content, CSRF_PLACEHOLDER.encode(), CSRF_TOKEN_LENGTH)
        cached = (page, response["Content-Type"])
        cache.set(key, cached, settings.PAGE_CACHE_SECONDS)
    page, content_type = cached
    token = get_token(request).encode()
    response = _encoded_response(
        request, content_type, lambda: page.plain(token), lambda: page.gzipped(token)
    )
    patch_vary_headers(response, ["HX-Request"])
    return response
