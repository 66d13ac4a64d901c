"""The API's human-readable docs page, rendered from its OpenAPI document with our own template."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse

from roadmap.api import api, operations
from roadmap.caching import public_page


@public_page()
def api_docs(request: HttpRequest) -> TemplateResponse:
    """Give every API endpoint with its parameters and answers, and a curl example."""
    found, schemas = operations()
    return TemplateResponse(
        request,
        "roadmap/api_docs.html",
        {
            "api": api,
            "operations": found,
            "schemas": sorted(schemas.items()),
            "openapi_url": reverse("api-openapi"),
            # The page is the same for every visitor, so it names the site's address, not the Host.
            "site_url": settings.SITE_URL,
            "crumbs": [("Home", reverse("roadmap:home")), ("API", "")],
        },
    )
