from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.decorators.http import require_safe

from roadmap import api, api_views
from roadmap.caching import public_page
from roadmap.sitemaps import SITEMAPS


@require_safe
def robots_txt(request):
    # Keep out the admin and a visitor's own pages (progress, shared marks, saving a plan).
    rules = (
        "User-agent: *\nDisallow: /admin/\nDisallow: /roles/*/shared/\nDisallow: /roles/*/progress/\n"
        f"Disallow: /advisor/save/\n\nSitemap: {settings.SITE_URL}/sitemap.xml\n"
    )
    return HttpResponse(rules, content_type="text/plain")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says (the admin's pages name none)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


admin.site.site_header = "CareerPath content"
admin.site.site_title = "CareerPath admin"
admin.site.index_title = "Content"

urlpatterns = [
    path("robots.txt", robots_txt),
    path("sitemap.xml", public_page()(sitemap_views.sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("api/v1/openapi.json", api.openapi_document, name="api-openapi"),
    path("api/v1/docs/", api_views.api_docs, name="api-docs"),
    path("api/v1/", api.api.urls),
    path("api/v1/<path:rest>", api.api_not_found),
    path("", include("roadmap.urls")),
]

handler403 = "roles.admin_errors.permission_denied"  # the admin's own look under /admin/
handler404 = "careerpath.errors.page_not_found"
handler500 = "careerpath.errors.server_error"
