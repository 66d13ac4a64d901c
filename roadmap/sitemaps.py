"""sitemap.xml: every public page, each with the time the content last changed as its lastmod.

Addresses use SITE_URL, not the request's host, so the sitemap is the same bytes for everyone
(it is served and cached like a public page, roadmap/caching.py).
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from roles import content_version
from roles.models import Certification, RoadmapStep, Role

# Pages that do not name one record, in the order a reader meets them.
PAGES = [
    "roadmap:home",
    "roadmap:compare",
    "roadmap:certifications",
    "roadmap:faqs",
    "roadmap:case-management",
    "roadmap:sources",
    "roadmap:advisor",
    "roadmap:search",
    "api-docs",
]


class ContentSitemap(Sitemap):
    """A sitemap on SITE_URL whose pages change whenever the content does."""

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc

    def lastmod(self, item) -> datetime.datetime:
        return content_version.current().changed_at


class PageSitemap(ContentSitemap):
    def items(self) -> list[str]:
        return PAGES

    def location(self, item: str) -> str:
        return reverse(item)


class RoleSitemap(ContentSitemap):
    def items(self):
        return Role.objects.order_by("order", "title")


class StepSitemap(ContentSitemap):
    def items(self):
        return RoadmapStep.objects.select_related("role").order_by("role__order", "role__title", "number")


class CertificationSitemap(ContentSitemap):
    def items(self):
        return Certification.objects.order_by("order", "code")


SITEMAPS = {
    "pages": PageSitemap,
    "roles": RoleSitemap,
    "steps": StepSitemap,
    "certifications": CertificationSitemap,
}
