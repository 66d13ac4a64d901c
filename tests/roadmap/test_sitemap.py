"""Findable and shareable: sitemap.xml, robots.txt, and Open Graph / Twitter card tags."""

import html
import re

import pytest
from django.conf import settings

from roles import content_version
from roles.models import Certification, RoadmapStep, Role
from tests import factories


def sitemap_entries(client) -> list[tuple[str, str]]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    xml = response.content.decode()
    return re.findall(r"<url><loc>([^<]+)</loc><lastmod>([^<]+)</lastmod>", xml)


class TestSitemap:
    def test_it_lists_every_public_page_and_each_answers(self, client, content):
        entries = sitemap_entries(client)
        paths = [location.removeprefix(settings.SITE_URL) for location, _ in entries]
        assert all(location.startswith(settings.SITE_URL + "/") for location, _ in entries)
        for role in Role.objects.all():
            assert role.get_absolute_url() in paths
        assert len([path for path in paths if "/steps/" in path]) == RoadmapStep.objects.count()
        for certification in Certification.objects.all():
            assert certification.get_absolute_url() in paths
        for page in [
            "/",
            "/compare/",
            "/faqs/",
            "/case-management/",
            "/sources/",
            "/search/",
            "/api/v1/docs/",
        ]:
            assert page in paths
        assert not [path for path in paths if "progress" in path or "shared" in path or "admin" in path]
        for path in paths:
            assert client.get(path).status_code == 200, path

    def test_lastmod_is_when_the_content_last_changed(self, client, case_manager):
        factories.FaqFactory(role=case_manager, source=case_manager.source)
        changed = content_version.refresh(force=True).changed_at.date().isoformat()
        assert {lastmod for _, lastmod in sitemap_entries(client)} == {changed}

    def test_it_is_public_and_its_query_count_is_fixed(self, client, content, django_assert_num_queries):
        # The content version, then for roles, steps (with their roles) and certifications:
        # the sitemap's paginator counts them, then reads them.
        with django_assert_num_queries(7):
            response = client.get("/sitemap.xml")
        assert "public" in response["Cache-Control"] and response.has_header("ETag")


class TestRobots:
    def test_it_points_to_the_sitemap_and_keeps_private_pages_out(self, client, db):
        rules = client.get("/robots.txt").content.decode().splitlines()
        assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in rules
        for private in ["/admin/", "/roles/*/progress/", "/roles/*/shared/", "/advisor/save/"]:
            assert f"Disallow: {private}" in rules


def meta(page: str, attribute: str, name: str) -> str:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', page)
    return html.unescape(found[1]) if found else ""


class TestSharing:
    @pytest.mark.parametrize(
        "url",
        [
            "/",
            "/roles/case-manager/",
            "/roles/case-manager/steps/3/",
            "/faqs/?q=degree",
            "/certifications/ccm/",
            "/case-management/",
            "/sources/",
            "/search/?q=salary",
            "/api/v1/docs/",
        ],
    )
    def test_every_page_has_open_graph_and_twitter_card_tags(self, client, content, url):
        page = client.get(url).content.decode()
        title = html.unescape(re.search(r"<title>(.*?) · CareerPath</title>", page, re.S)[1])
        description = meta(page, "name", "description")
        assert meta(page, "property", "og:title") == title == meta(page, "name", "twitter:title")
        assert (
            meta(page, "property", "og:description")
            == description
            == meta(page, "name", "twitter:description")
        )
        assert description and meta(page, "name", "twitter:card") == "summary"
        assert meta(page, "property", "og:url") == settings.SITE_URL + url

    def test_a_role_page_previews_with_its_own_title_and_summary(self, client, case_manager):
        page = client.get("/roles/case-manager/").content.decode()
        assert meta(page, "property", "og:title") == "How to become a Case Manager"
        assert meta(page, "property", "og:description") == case_manager.summary
