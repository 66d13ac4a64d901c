"""Cross-cutting middleware: the load balancer's health check and headers Django does not set."""

import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

import pybreaker
from csp.utils import build_policy
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, OperationalError, connection, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.cache import UpdateCacheMiddleware
from django.template import loader

from careerpath import breakers

# /healthz answers within this many seconds whatever the database and cache do: a check that
# has not finished by then counts as down (its thread finishes on its own timeout).
HEALTH_CHECK_SECONDS = 0.6
# PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout.
QUERY_CANCELED = "57014"


class HealthCheckMiddleware:
    """Answer /healthz before sessions, CSRF or host checks can get in the way."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path != "/healthz":
            return self.get_response(request)
        checks = run_checks({"database": database_check, "cache": cache_is_up})
        response = JsonResponse(
            {name: "ok" if up else "down" for name, up in checks.items()},
            status=200 if all(checks.values()) else 503,
        )
        response["Cache-Control"] = "no-store"
        return response


@functools.cache
def check_pool() -> ThreadPoolExecutor:
    # A few threads: checks stuck on a hung dependency queue up behind each other and count as down.
    return ThreadPoolExecutor(max_workers=4, thread_name_prefix="healthz")


def run_checks(checks: dict[str, Callable[[], bool]]) -> dict[str, bool]:
    """Run the checks side by side; give each one's result, False for any not done in time."""
    futures = {name: check_pool().submit(check) for name, check in checks.items()}
    results = {}
    for name, future in futures.items():
        try:
            results[name] = future.result(timeout=HEALTH_CHECK_SECONDS)
        except FutureTimeout:
            results[name] = False
    return results


def database_check() -> bool:
    """database_is_up() on the check thread's own connection, closed afterwards."""
    try:
        return database_is_up()
    finally:
        connections.close_all()


def database_is_up() -> bool:
    try:
        with connection.cursor() as cursor:
            # A table read, not SELECT 1: a locked SQLite file still answers SELECT 1.
            cursor.execute("SELECT 1 FROM django_session LIMIT 1")
        return True
    except Exception:
        return False


def cache_is_up() -> bool:
    try:
        cache.set("healthz", "1", 5)
        return cache.get("healthz") == "1"
    except Exception:
        return False


def security_headers() -> dict[str, str]:
    """The protective headers every response carries, static files included."""
    return {
        "Content-Security-Policy": build_policy(),
        "Permissions-Policy": settings.PERMISSIONS_POLICY,
        "X-Frame-Options": settings.X_FRAME_OPTIONS,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": settings.SECURE_REFERRER_POLICY,
        "Cross-Origin-Opener-Policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY,
    }


def add_static_file_headers(headers, path: str, url: str) -> None:
    """WhiteNoise's WHITENOISE_ADD_HEADERS_FUNCTION: the same headers on every static file."""
    for name, value in security_headers().items():
        headers.setdefault(name, value)


class SecurityHeadersMiddleware:
    """Give every response the protective headers, whichever layer made it.

    It runs outermost, so answers made before the inner middleware (the health check, static
    files, the 400 for a disallowed host, the http->https redirect, a 503 while the database is
    down) get them too. Headers a response already has (django-csp's, say) are left alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.headers = security_headers()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        for name, value in self.headers.items():
            response.setdefault(name, value)
        return response


class DatabaseUnavailableMiddleware:
    """Turn a database outage into a friendly 503 page instead of a 500.

    It runs after the page cache: public pages already cached never reach the database, so they
    keep serving. While the database breaker is open (the content-version read just failed, see
    careerpath/breakers.py) everything else gets the page at once instead of waiting out
    another connection attempt.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if breakers.database.current_state == pybreaker.STATE_OPEN:
            return database_unavailable()
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        # An OperationalError is the database failing to answer (refused, timed out, locked): no
        # need to wait out another connection attempt to be sure, and the next requests need not
        # either. One statement that ran out of time (PostgreSQL's query_canceled) says nothing
        # of the others.
        if isinstance(exception, OperationalError):
            if getattr(exception.__cause__, "sqlstate", None) != QUERY_CANCELED:
                breakers.database.open()
            return database_unavailable()
        if isinstance(exception, DatabaseError) and not database_is_up():
            return database_unavailable()
        return None


def database_unavailable() -> HttpResponse:
    response = HttpResponse(loader.render_to_string("errors/503.html"), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


class UpdatePageCacheMiddleware(UpdateCacheMiddleware):
    """Django's cache middleware, keeping pages for PAGE_CACHE_SECONDS whatever their max-age.

    Public pages tell browsers max-age=0 (always revalidate) while the shared cache keeps them
    until the content changes; `page_timeout` is the setting `cache_page` uses for the same.
    Only responses that are not private, no-cache or no-store, and set no cookie, are stored.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        super().__init__(get_response)
        self.page_timeout = settings.PAGE_CACHE_SECONDS
