"""Cross-cutting middleware: the load balancer's health check and headers Django does not set."""

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.cache import UpdateCacheMiddleware
from django.template import loader


class HealthCheckMiddleware:
    """Answer /healthz before sessions, CSRF or host checks can get in the way."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path != "/healthz":
            return self.get_response(request)
        checks = {"database": database_is_up(), "cache": cache_is_up()}
        response = JsonResponse(
            {name: "ok" if up else "down" for name, up in checks.items()},
            status=200 if all(checks.values()) else 503,
        )
        response["Cache-Control"] = "no-store"
        return response


def database_is_up() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def cache_is_up() -> bool:
    try:
        cache.set("healthz", "1", 5)
        return cache.get("healthz") == "1"
    except Exception:
        return False


class SecurityHeadersMiddleware:
    """Add the Permissions-Policy header, which Django has no setting for."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class DatabaseUnavailableMiddleware:
    """Turn a database outage into a friendly 503 page instead of a 500.

    Public pages already in the shared cache never reach the database, so they keep serving.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
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
