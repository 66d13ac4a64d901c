"""How pages are cached: public pages the same for everyone, private ones never stored.

A public page is gzipped once, with a strong ETag and a Last-Modified from the content version,
and says `Cache-Control: public` (see PUBLIC_CACHE_CONTROL): Django's cache middleware keeps it
whole (careerpath/middleware.py), and so may any HTTP cache in front. Cache keys carry the
content version (roles/content_version.py), so a content save moves every process on to fresh
pages. Private responses (a visitor's progress, the admin) say `no-store` and are never kept.

Requests from htmx get fragments, which are private, so neither Django's cache nor an HTTP cache
that ignores `Vary: HX-Request` can serve a fragment for a page or a page for a fragment.
"""

from __future__ import annotations

import functools
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.decorators import decorator_from_middleware
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from roles import content_version

# Browsers revalidate every time (a 304 is cheap); a shared cache may keep a page for a second,
# so an edit reaches visitors within two seconds, serve it stale while it revalidates, and keep
# serving it for a day if the app is down.
PUBLIC_CACHE_CONTROL = {
    "public": True,
    "max_age": 0,
    "s_maxage": 1,
    "stale_while_revalidate": 10,
    "stale_if_error": 86400,
}
# Long enough for an address typed by hand or a shared search; longer ones are cut.
MAX_PARAMETER_LENGTH = 500


class SameBytesGZipMiddleware(GZipMiddleware):
    """Django's gzip without the random padding against BREACH: public pages hold no secret
    (no CSRF token, nothing of the visitor's), and the same bytes give the same ETag in every
    process."""

    max_random_bytes = 0


gzip_public_page = decorator_from_middleware(SameBytesGZipMiddleware)


def canonical_query(request: HttpRequest, parameters: tuple[str, ...]) -> str:
    """The query string in its one normal form: only `parameters`, in that order, without empty
    values, each value cut to MAX_PARAMETER_LENGTH."""
    pairs = [
        (name, value.strip()[:MAX_PARAMETER_LENGTH].strip())
        for name in parameters
        for value in request.GET.getlist(name)
        if value.strip()
    ]
    return urlencode(pairs, safe=",")


def public_page(*parameters: str):
    """Serve a view as a public page that reads only the query `parameters`.

    An address with other parameters, or the same ones in another form, is redirected to its
    normal form, so junk query strings can neither fill the cache nor split it into copies.
    """

    def decorator(view):
        @functools.wraps(view)
        def headed(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
                response.headers["Last-Modified"] = http_date(
                    content_version.current().changed_at.timestamp()
                )
                # Already stale, as max-age=0 says; the cache middleware would add one an hour ahead.
                response.headers["Expires"] = http_date()
            return response

        def etagged(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            response = gzipped(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
            if response.status_code == 200:
                set_response_etag(response)
            patch_vary_headers(response, ["HX-Request"])
            return response

        gzipped = gzip_public_page(headed)

        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if "HX-Request" in request.headers:
                return private_fragment(view(request, *args, **kwargs))
            query = canonical_query(request, parameters)
            if query != request.META.get("QUERY_STRING", ""):
                return HttpResponsePermanentRedirect(request.path + (f"?{query}" if query else ""))
            return etagged(request, *args, **kwargs)

        return require_safe(wrapper)

    return decorator


def private_fragment(response: HttpResponse) -> HttpResponse:
    """Mark an htmx fragment of a public page as the requester's own, never to be shared."""
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["HX-Request"])
    return response
