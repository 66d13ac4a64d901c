"""The 403 page: in the admin's own look, with a way back, for staff who open something they may not."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import defaults


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Give the admin's 403 page for admin addresses; Django's own 403 page everywhere else."""
    if not request.path.startswith(reverse("admin:index")):
        return defaults.permission_denied(request, exception)
    context = {
        **admin.site.each_context(request),
        "title": "You may not open this page",
    }
    response = TemplateResponse(request, "admin/403.html", context, status=403)
    return response.render()
