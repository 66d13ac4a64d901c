"""Cross-site request protection for forms on public pages, which carry no CSRF token.

Public pages are the same bytes for every visitor, so they cannot hold a per-visitor token.
The endpoints behind their forms (a visitor's own progress) check what the browser says about
where the request comes from instead, as Go's `http.CrossOriginProtection` and OWASP's CSRF
cheat sheet describe: `Sec-Fetch-Site` when the browser sends it, else `Origin`, else `Referer`.
A request with none of them does not come from a browser, so it carries no visitor's cookies
by accident. Django's token check still guards the admin.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.csrf import csrf_exempt

SAFE_FETCH_SITES = {"same-origin", "none"}


def is_cross_site(request: HttpRequest) -> bool:
    """Whether the browser says this request was started by another site."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in SAFE_FETCH_SITES
    origin = request.headers.get("Origin")
    if origin is not None:
        return not _is_own(request, origin)
    referer = request.headers.get("Referer")
    if referer is not None:
        parts = urlsplit(referer)
        return not _is_own(request, f"{parts.scheme}://{parts.netloc}")
    return False


def _is_own(request: HttpRequest, origin: str) -> bool:
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS


def require_same_origin(view):
    """Refuse a state-changing request another site started, with a page that says why."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if is_cross_site(request):
            response = HttpResponse(render_to_string("errors/cross_site.html", request=request), status=403)
            response["Cache-Control"] = "private, no-store"
            return response
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapper)
