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
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext

from roles.models import ContentVersion, Faq

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

    def test_the_other_protective_headers_are_sent(self, client, content):
        response = client.get("/")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert "camera=()" in response["Permissions-Policy"]

    @pytest.mark.parametrize(
        "case",
        ["health check", "static file", "disallowed host", "https redirect", "404", "cached page"],
    )
    def test_every_kind_of_response_carries_the_headers(self, content, settings, case):
        settings.ALLOWED_HOSTS = ["testserver"]
        settings.WHITENOISE_USE_FINDERS = True
        path, extra, status = {
            "health check": ("/healthz", {}, 200),
            "static file": ("/static/css/site.css", {}, 200),
            "disallowed host": ("/", {"HTTP_HOST": "evil.example"}, 400),
            "https redirect": ("/certifications/", {}, 301),
            "404": ("/no-such-page/", {}, 404),
            "cached page": ("/certifications/", {}, 200),
        }[case]
        settings.SECURE_SSL_REDIRECT = case == "https redirect"
        client = Client()
        if case == "cached page":
            client.get(path)
        response = client.get(path, **extra)
        assert response.status_code == status
        if case == "https redirect":
            assert response["Location"] == "https://testserver/certifications/"
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
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

    def test_browsers_revalidate_while_shared_caches_may_keep_a_page_a_second(self, client, content):
        import time

        from django.utils.http import parse_http_date

        first = client.get("/certifications/")
        cache_control = {part.strip() for part in first["Cache-Control"].split(",")}
        assert {"public", "max-age=0", "s-maxage=1"} <= cache_control
        # Expires agrees with max-age=0: not an hour ahead, as the cache middleware would make it.
        assert parse_http_date(first["Expires"]) <= time.time() + 1
        again = client.get("/certifications/")
        assert again["Expires"] == first["Expires"]  # served from the cache as stored

    def test_a_cached_page_is_served_gzipped_and_revalidates_the_same_in_every_process(self, client, content):
        plain = client.get("/certifications/")
        first = client.get("/certifications/", HTTP_ACCEPT_ENCODING="gzip")
        assert first["Content-Encoding"] == "gzip" and "Accept-Encoding" in first["Vary"]
        assert gzip.decompress(first.content) == plain.content
        cache.clear()  # as if another app process rendered it afresh
        again = client.get("/certifications/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304

    def test_a_cached_page_needs_no_queries(self, client, content, settings):
        client.get("/faqs/")
        settings.CONTENT_CHECK_SECONDS = 60  # the version was read a moment ago
        with CaptureQueriesContext(connection) as queries:
            assert "15 questions." in client.get("/faqs/").content.decode()
        assert len(queries) == 0

    def test_a_content_save_shows_on_the_next_request(self, client, content):
        assert "What is needed to become a case manager?" in client.get("/faqs/").content.decode()
        faq = Faq.objects.get(question="What is needed to become a case manager?")
        faq.question = "What do I need to become a case manager?"
        faq.save()
        html = client.get("/faqs/").content.decode()
        assert "What do I need to become a case manager?" in html

    def test_a_save_by_another_process_shows_once_this_one_rereads_the_version(
        self, client, content, settings
    ):
        from roles import content_version

        settings.CONTENT_CHECK_SECONDS = 0.5
        clock = [1000.0]
        with mock.patch("roles.content_version.time.monotonic", side_effect=lambda: clock[0]):
            content_version.refresh(force=True)
            assert "What is needed to become a case manager?" in client.get("/faqs/").content.decode()
            # Another process (load_content, another app server) changes the rows and the version;
            # this process hears nothing of it.
            Faq.objects.filter(question="What is needed to become a case manager?").update(
                question="What do I need to become a case manager?"
            )
            ContentVersion.objects.filter(pk=1).update(number=F("number") + 1)
            clock[0] += 0.4
            assert "What is needed to become a case manager?" in client.get("/faqs/").content.decode()
            clock[0] += 0.2
            assert "What do I need to become a case manager?" in client.get("/faqs/").content.decode()

    def test_a_save_moves_the_version_in_its_transaction_and_a_rollback_does_not(self, content):
        from django.db import transaction

        from roles import content_version

        before = content_version.refresh(force=True).number
        faq = Faq.objects.first()
        with pytest.raises(RuntimeError), transaction.atomic():
            faq.question = "Rolled back"
            faq.save()
            assert ContentVersion.objects.get().number == before + 1
            raise RuntimeError
        assert ContentVersion.objects.get().number == before
        faq.refresh_from_db()
        faq.save()
        assert content_version.refresh(force=True).number == before + 1

    def test_every_cache_key_carries_the_content_version(self, content):
        from roles import content_version

        content_version.refresh(force=True)
        before = cache.make_key("page")
        Faq.objects.first().save()
        content_version.refresh(force=True)
        assert cache.make_key("page") != before

    @pytest.mark.parametrize(
        "url,page_marker,fragment_start",
        [
            ("/faqs/?q=degree", 'id="faq-q"', '<div id="faq-results"'),
            ("/compare/?roles=case-manager", "compare-form", '<div id="comparison"'),
            (
                "/advisor/?education=bachelor&field=psychology&cm_months=24",
                "advisor-form",
                '<div id="advisor-result"',
            ),
        ],
    )
    def test_a_fragment_and_a_page_are_never_served_for_each_other(
        self, content, url, page_marker, fragment_start
    ):
        visitor = Client()

        def is_page(response):
            html = response.content.decode()
            return response.status_code == 200 and "<html" in html and page_marker in html

        def is_fragment(response):
            return response.status_code == 200 and response.content.decode().strip().startswith(
                fragment_start
            )

        # An htmx-looking request that is not htmx gets the page, private, so it is stored nowhere.
        junk = visitor.get(url, HTTP_HX_REQUEST="false")
        assert is_page(junk) and "private" in junk["Cache-Control"]
        fragment = visitor.get(url, HTTP_HX_REQUEST="true")
        assert is_fragment(fragment) and "private" in fragment["Cache-Control"]
        page = visitor.get(url)
        assert is_page(page) and page["Cache-Control"].startswith("public")
        assert "HX-Request" in page["Vary"] and "HX-Request" in fragment["Vary"]
        # And the other way round: what one asked for first is not what the next one gets.
        assert is_fragment(visitor.get(url, HTTP_HX_REQUEST="true"))
        assert is_page(visitor.get(url))
        assert is_page(visitor.get(url, HTTP_HX_REQUEST="false"))

    @pytest.mark.parametrize(
        "address,canonical",
        [
            ("/?utm_source=abc", "/"),
            ("/roles/case-manager/?fragment=roadmap&x=1", "/roles/case-manager/"),
            ("/roles/case-manager/steps/2/?view=summary", "/roles/case-manager/steps/2/"),
            ("/faqs/?q=", "/faqs/"),
            ("/faqs/?junk=1&q=+degree+", "/faqs/?q=degree"),
            ("/certifications/?page=2", "/certifications/"),
        ],
    )
    def test_parameters_a_page_does_not_read_redirect_to_its_one_address(
        self, client, content, address, canonical
    ):
        response = client.get(address)
        assert response.status_code == 301
        assert response["Location"] == canonical
        assert client.get(canonical).status_code == 200

    def test_junk_query_strings_add_nothing_to_the_cache(self, content, settings):
        Client().get("/roles/case-manager/")
        settings.CONTENT_CHECK_SECONDS = 60
        with CaptureQueriesContext(connection) as queries:
            for n in range(20):
                assert Client().get(f"/roles/case-manager/?utm_source={n}").status_code == 301
            assert Client().get("/roles/case-manager/").status_code == 200
        assert len(queries) == 0

    def test_the_gzipped_guide_is_the_same_page_as_the_plain_one(self, content):
        plain = Client().get("/roles/case-manager/")
        gzipped = Client().get("/roles/case-manager/", HTTP_ACCEPT_ENCODING="gzip")
        assert gzipped["Content-Encoding"] == "gzip"
        assert gzip.decompress(gzipped.content) == plain.content
        assert len(gzipped.content) < len(plain.content) / 4
        assert plain["ETag"] != gzipped["ETag"] and not gzipped["ETag"].startswith("W/")

    def test_progress_is_never_served_to_another_visitor(self, client, content):
        client.post("/roles/case-manager/steps/1/status/", {"status": "done"})
        assert "1 of 10 steps done" in client.get("/roles/case-manager/progress/").content.decode()
        assert "0 of 10 steps done" in Client().get("/roles/case-manager/progress/").content.decode()


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
        # Changing the setting makes Django build its cache handlers afresh.
        settings.CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": "redis://127.0.0.1:1/0",
                "KEY_FUNCTION": "roles.content_version.make_key",
                "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5},
            }
        }
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


class TestPageWeight:
    @pytest.mark.parametrize("path", [*PUBLIC_PAGES, "/roles/case-manager/", "/advisor/"])
    def test_every_public_page_is_under_60_kb_gzipped_with_its_css_and_js(self, client, content, path):
        import gzip

        from django.contrib.staticfiles import finders

        html = client.get(path).content
        total = len(gzip.compress(html))
        for asset in set(re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)):
            with open(finders.find(asset.decode()), "rb") as static_file:
                total += len(gzip.compress(static_file.read()))
        assert total < 60_000, f"{path}: {total} bytes"
