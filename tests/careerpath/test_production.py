import gzip
import os
import re
import subprocess
import sys
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from roles.models import Faq

PUBLIC_PAGES = [
    "/",
    "/certifications/",
    "/certifications/ccm/",
    "/faqs/",
    "/faqs/?q=degree",
    "/compare/",
    "/case-management/",
]


class TestSecurityHeaders:
    def test_a_strict_content_security_policy_is_sent(self, client, content):
        policy = client.get("/roles/case-manager/")["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "object-src 'none'" in policy
        assert "base-uri 'none'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy

    def test_the_policy_built_once_is_the_one_django_csp_builds_and_follows_the_settings(self, settings):
        from csp.decorators import csp_update
        from csp.utils import build_policy
        from django.http import HttpResponse
        from django.test import RequestFactory

        from careerpath.csp import CSPMiddleware

        def respond(view):
            request = RequestFactory().get("/")
            middleware = CSPMiddleware(view)
            middleware.process_request(request)
            return middleware.process_response(request, view(request))

        plain = respond(lambda request: HttpResponse())
        assert plain["Content-Security-Policy"] == build_policy()
        settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
        assert respond(lambda request: HttpResponse())["Content-Security-Policy"] == "default-src 'none'"
        updated = respond(csp_update({"img-src": ["https://example.org"]})(lambda request: HttpResponse()))
        assert "https://example.org" in updated["Content-Security-Policy"]

    def test_the_other_protective_headers_are_sent(self, client, content):
        response = client.get("/")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert "camera=()" in response["Permissions-Policy"]

    def test_no_page_has_inline_script_or_event_handlers(self, client, content):
        for path in [*PUBLIC_PAGES, "/roles/case-manager/", "/roles/case-manager/steps/1/", "/advisor/"]:
            html = client.get(path).content.decode()
            assert "<script>" not in html, path
            assert " onclick=" not in html and " onload=" not in html, path
            assert '<script src="http' not in html, path


class TestCookieFreePublicPages:
    @pytest.mark.parametrize("path", PUBLIC_PAGES)
    def test_an_anonymous_get_sets_no_cookie_and_does_not_vary_on_one(self, client, content, path):
        response = client.get(path)
        assert response.status_code == 200
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")

    def test_a_session_starts_only_when_progress_is_saved(self, client, content):
        assert not client.get("/roles/case-manager/").cookies.get(settings.SESSION_COOKIE_NAME)
        response = client.post("/roles/case-manager/steps/1/status/", {"status": "done"})
        assert response.cookies.get(settings.SESSION_COOKIE_NAME)


class TestCaching:
    def test_public_pages_answer_304_when_unchanged(self, client, content):
        first = client.get("/certifications/")
        assert first.has_header("ETag") and first.has_header("Last-Modified")
        again = client.get("/certifications/", HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304

    def test_a_cached_page_is_served_gzipped_and_revalidates_the_same_in_every_process(self, client, content):
        plain = client.get("/certifications/")
        first = client.get("/certifications/", HTTP_ACCEPT_ENCODING="gzip")
        assert first["Content-Encoding"] == "gzip" and "Accept-Encoding" in first["Vary"]
        assert gzip.decompress(first.content) == plain.content
        cache.clear()  # as if another app process rendered it afresh
        again = client.get("/certifications/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304

    def test_a_cached_page_needs_no_queries(self, client, content):
        client.get("/faqs/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/faqs/").status_code == 200
        assert len(queries) == 0

    def test_a_content_save_shows_on_the_next_request(self, client, content):
        assert "What is needed to become a case manager?" in client.get("/faqs/").content.decode()
        faq = Faq.objects.get(question="What is needed to become a case manager?")
        faq.question = "What do I need to become a case manager?"
        faq.save()
        html = client.get("/faqs/").content.decode()
        assert "What do I need to become a case manager?" in html

    def test_a_transaction_of_saves_bumps_the_version_once_more_after_it_commits(
        self, content, django_capture_on_commit_callbacks
    ):
        from roles.content_version import content_version

        faq = Faq.objects.get(question="What is needed to become a case manager?")
        with django_capture_on_commit_callbacks() as callbacks:
            faq.question = "What do I need to become a case manager?"
            faq.save()
            faq.answer = "A degree and some experience."
            faq.save()
        # Other processes may have rendered from the rows before the commit under the version
        # the saves set; the bump after the commit leaves those pages behind.
        assert len(callbacks) == 1
        during = content_version()
        callbacks[0]()
        assert content_version() != during

    def test_a_visitor_with_progress_gets_the_cached_sections(self, client, content):
        client.post("/roles/case-manager/steps/1/status/", {"status": "done"})
        client.get("/roles/case-manager/")
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/roles/case-manager/").content.decode()
        assert "1 of 10 steps done" in html
        assert "Executive Director of Case Management" in html
        assert len(queries) <= 5

    @pytest.mark.parametrize("path", ["/roles/case-manager/", "/roles/case-manager/steps/1/"])
    @pytest.mark.parametrize("encoding", ["", "gzip, deflate, br"])
    def test_anonymous_visitors_share_a_cached_page_but_each_gets_a_working_csrf_token(
        self, content, path, encoding
    ):
        tokens = []
        for _ in range(2):
            visitor = Client(enforce_csrf_checks=True)
            with CaptureQueriesContext(connection) as queries:
                response = visitor.get(path, HTTP_ACCEPT_ENCODING=encoding)
            assert "Accept-Encoding" in response["Vary"]
            html = response.content
            if encoding:
                assert response["Content-Encoding"] == "gzip"
                html = gzip.decompress(html)
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()
            tokens.append((token, len(queries)))
            response = visitor.post(
                "/roles/case-manager/steps/1/status/", {"status": "done", "csrfmiddlewaretoken": token}
            )
            assert response.status_code == 302
        assert tokens[0][0] != tokens[1][0]
        assert tokens[1][1] == 0  # the second visitor's page came from the cache

    def test_junk_query_strings_share_one_cached_guide_and_step(self, content):
        Client().get("/roles/case-manager/")
        Client().get("/roles/case-manager/steps/2/?view=summary")
        with CaptureQueriesContext(connection) as queries:
            guide = Client().get("/roles/case-manager/?utm_source=x&junk=" + "y" * 500)
            step = Client().get("/roles/case-manager/steps/2/?view=summary&junk=1")
        assert guide.status_code == step.status_code == 200
        assert len(queries) == 0
        assert 'aria-expanded="false"' in step.content.decode()

    def test_the_gzipped_guide_is_the_same_page_as_the_plain_one(self, content):
        def page(**headers):
            response = Client().get("/roles/case-manager/", **headers)
            body = (
                gzip.decompress(response.content)
                if response.has_header("Content-Encoding")
                else response.content
            )
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
            return body.replace(token, b"TOKEN"), len(response.content)

        plain, plain_size = page()
        gzipped, gzipped_size = page(HTTP_ACCEPT_ENCODING="gzip")
        assert gzipped == plain
        assert gzipped_size < plain_size / 4

    def test_progress_is_never_served_to_another_visitor(self, client, content):
        from django.test import Client

        client.post("/roles/case-manager/steps/1/status/", {"status": "done"})
        assert "1 of 10 steps done" in client.get("/roles/case-manager/").content.decode()
        assert "0 of 10 steps done" in Client().get("/roles/case-manager/").content.decode()


class TestFaults:
    def test_healthz_reports_database_and_cache(self, client, content):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"database": "ok", "cache": "ok"}

    def test_healthz_is_503_when_the_database_is_down(self, client, content):
        with mock.patch("careerpath.middleware.database_is_up", return_value=False):
            response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["database"] == "down"

    def test_the_site_keeps_serving_when_redis_is_down(self, client, content, settings):
        settings.CACHES = {
            "default": {
                "BACKEND": "careerpath.cache.ResilientRedisCache",
                "LOCATION": "redis://127.0.0.1:1/0",
            }
        }
        from django.core.cache import caches

        caches._settings = caches.settings = settings.CACHES
        try:
            del caches._connections.default
        except AttributeError:
            pass
        for path in ["/", "/roles/case-manager/", "/compare/", "/faqs/?q=degree"]:
            assert client.get(path).status_code == 200
        assert client.post("/roles/case-manager/steps/1/status/", {"status": "done"}).status_code == 302
        assert client.get("/healthz").status_code == 503

    def test_a_save_made_while_the_cache_was_down_shows_once_it_is_back(self, client, content):
        assert "What is needed to become a case manager?" in client.get("/faqs/").content.decode()
        faq = Faq.objects.get(question="What is needed to become a case manager?")
        faq.question = "What do I need to become a case manager?"
        with mock.patch.object(cache, "set"):  # the fail-open backend drops every write
            faq.save()
        assert "What do I need to become a case manager?" in client.get("/faqs/").content.decode()
        assert "What do I need to become a case manager?" in client.get("/faqs/").content.decode()

    def test_a_database_outage_serves_cached_pages_and_a_friendly_503(self, client, content):
        client.get("/certifications/")  # now cached
        broken = OperationalError("connection refused")
        with (
            mock.patch(
                "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection", side_effect=broken
            ),
            mock.patch("careerpath.middleware.database_is_up", return_value=False),
        ):
            assert client.get("/certifications/").status_code == 200
            response = client.get("/roles/care-manager/steps/2/")
        assert response.status_code == 503
        assert "back in a moment" in response.content.decode()


class TestAdminLoginThrottling:
    def test_repeated_failures_lock_the_login_and_say_so(self, client, db):
        User.objects.create_superuser("owner", "owner@example.com", "correct horse battery")
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post("/admin/login/?next=/admin/", {"username": "owner", "password": "wrong"})
        response = client.post(
            "/admin/login/?next=/admin/", {"username": "owner", "password": "correct horse battery"}
        )
        assert response.status_code == 429
        assert "Too many failed sign-ins" in response.content.decode()

    def test_a_correct_login_works_before_the_limit(self, client, db):
        User.objects.create_superuser("owner", "owner@example.com", "correct horse battery")
        client.post("/admin/login/?next=/admin/", {"username": "owner", "password": "wrong"})
        response = client.post(
            "/admin/login/?next=/admin/", {"username": "owner", "password": "correct horse battery"}
        )
        assert response.status_code == 302


class TestDeploySettings:
    def run_check(self, **env):
        environment = {
            **os.environ,
            "DEBUG": "0",
            "DATABASE_URL": "sqlite:////tmp/careerpath-check.sqlite3",
            **env,
        }
        environment.pop("REDIS_URL", None)
        environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        return subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            capture_output=True,
            text=True,
            env=environment,
            cwd=settings.BASE_DIR,
        )

    def test_check_deploy_passes_with_production_settings(self):
        result = self.run_check(SECRET_KEY="x" * 30 + "a-real-long-random-production-secret-key-1234567890")
        assert result.returncode == 0, result.stdout + result.stderr

    def test_the_app_refuses_to_start_without_a_secret_key(self):
        result = self.run_check(SECRET_KEY="")
        assert result.returncode != 0
        assert "SECRET_KEY must be set when DEBUG=0" in result.stderr


def test_cache_is_cleared_between_tests():
    assert cache.get("content-version") is None


class TestPageWeight:
    @pytest.mark.parametrize("path", [*PUBLIC_PAGES, "/roles/case-manager/", "/advisor/"])
    def test_every_public_page_is_under_60_kb_gzipped_with_its_css_and_js(self, client, content, path):
        import gzip
        import re

        from django.contrib.staticfiles import finders

        html = client.get(path).content
        total = len(gzip.compress(html))
        for asset in set(re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)):
            with open(finders.find(asset.decode()), "rb") as static_file:
                total += len(gzip.compress(static_file.read()))
        assert total < 60_000, f"{path}: {total} bytes"
