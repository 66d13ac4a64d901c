"""Friendly error pages that need no database, so they render even when it is down."""

import sys

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

from careerpath.middleware import database_unavailable


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponse(loader.render_to_string("errors/404.html", request=None), status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while handling the exception. A database that fails to answer outside a
    # view (saving the session after a progress post, say) still gets the friendly 503 page.
    if isinstance(sys.exc_info()[1], OperationalError):
        return database_unavailable()
    return HttpResponse(loader.render_to_string("errors/500.html"), status=500)
