"""The attack suite: cross-site requests against every state-changing endpoint, stored XSS through
every content field on every page that shows it, and malformed progress posts."""

import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.db import models as db_models
from django.test import Client
from django.urls import reverse

from roadmap import progress
from roles import models
from tests import attack_log

ROLE = "case-manager"
ADVISOR_ANSWERS = {"education": "bachelor", "field": "psychology", "cm_months": "24"}

# What a browser tells about a request another site started, with no token or a wrong one.
CROSS_SITE = {
    "Sec-Fetch-Site: cross-site": {"HTTP_SEC_FETCH_SITE": "cross-site"},
    "Sec-Fetch-Site: same-site (a sibling subdomain)": {"HTTP_SEC_FETCH_SITE": "same-site"},
    "foreign Origin": {"HTTP_ORIGIN": "https://evil.example"},
    "Origin: null (sandboxed frame, data: page)": {"HTTP_ORIGIN": "null"},
    "Origin on another port": {"HTTP_ORIGIN": "http://testserver:8080"},
    "foreign Referer, no Origin": {"HTTP_REFERER": "https://evil.example/page"},
    "wrong token and a foreign Origin": {"HTTP_ORIGIN": "https://evil.example", "token": "wrong" * 8},
}


def progress_endpoints() -> list[tuple[str, str, dict]]:
    """Every state-changing endpoint a public page's forms post to, with data that would change state."""
    shared = progress.share_token(ROLE, {"case-manager-education": {"status": "done"}})
    return [
        ("mark a step", f"/roles/{ROLE}/steps/1/status/", {"status": "done"}),
        ("save a note", f"/roles/{ROLE}/steps/1/note/", {"note": "written by another site"}),
        ("reset progress", f"/roles/{ROLE}/progress/reset/confirm/", {}),
        ("copy shared progress", f"/roles/{ROLE}/shared/{shared}/copy/", {}),
        ("save the advisor's plan", "/advisor/save/confirm/?" + urlencode(ADVISOR_ANSWERS), {}),
    ]


@pytest.fixture
def visitor(content):
    """A visitor with some progress of their own: a step in progress and a note."""
    client = Client()
    assert client.post(f"/roles/{ROLE}/steps/2/status/", {"status": "in-progress"}).status_code == 302
    assert client.post(f"/roles/{ROLE}/steps/3/note/", {"note": "my own note"}).status_code == 302
    return client


def session_state(client: Client) -> dict:
    return dict(client.session.items())


class TestCrossSiteProgressPosts:
    @pytest.mark.parametrize("attack", CROSS_SITE)
    @pytest.mark.parametrize("name,path,data", progress_endpoints(), ids=lambda value: str(value)[:30])
    def test_a_post_another_site_started_is_refused_and_changes_nothing(
        self, visitor, attack, name, path, data
    ):
        headers = dict(CROSS_SITE[attack])
        token = headers.pop("token", None)
        before = session_state(visitor)
        response = visitor.post(
            path, {**data, **({"csrfmiddlewaretoken": token} if token else {})}, **headers
        )
        assert response.status_code == 403
        assert "came from another website, so nothing was changed" in response.content.decode()
        assert "no-store" in response["Cache-Control"]
        assert session_state(visitor) == before
        attack_log.record("CSRF matrix: cross-site posts refused, nothing changed", 1, f"{name} × {attack}")

    @pytest.mark.parametrize("name,path,data", progress_endpoints(), ids=lambda value: str(value)[:30])
    def test_the_same_post_from_the_site_itself_works(self, visitor, name, path, data):
        before = session_state(visitor)
        response = visitor.post(path, data, HTTP_SEC_FETCH_SITE="same-origin")
        assert response.status_code == 302
        assert session_state(visitor) != before


class TestCrossSiteAdminPosts:
    """The admin carries Django's CSRF token; every post without the right one is refused."""

    @pytest.fixture
    def editor(self, content):
        User.objects.create_superuser("editor", "editor@example.com", "correct horse battery")
        client = Client(enforce_csrf_checks=True)
        client.get("/admin/login/")
        token = client.cookies["csrftoken"].value
        response = client.post(
            "/admin/login/?next=/admin/",
            {"username": "editor", "password": "correct horse battery", "csrfmiddlewaretoken": token},
        )
        assert response.status_code == 302
        return client

    def admin_endpoints(self) -> list[tuple[str, str, dict]]:
        role = models.Role.objects.get(slug=ROLE)
        return [
            ("edit a role", reverse("admin:roles_role_change", args=[role.pk]), {"title": "Hijacked"}),
            ("delete a role", reverse("admin:roles_role_delete", args=[role.pk]), {"post": "yes"}),
            ("sign out", reverse("admin:logout"), {}),
            (
                "change the password",
                reverse("admin:password_change"),
                {
                    "old_password": "correct horse battery",
                    "new_password1": "x9!k2-Lq",
                    "new_password2": "x9!k2-Lq",
                },
            ),
        ]

    @pytest.mark.parametrize(
        "attack",
        ["no token", "wrong token", "foreign Origin", "Origin: null", "foreign Referer over HTTPS"],
    )
    def test_a_post_without_the_right_token_or_from_another_origin_is_refused(self, editor, attack):
        token = editor.cookies["csrftoken"].value
        for name, path, data in self.admin_endpoints():
            extra: dict = {}
            if attack == "wrong token":
                data = {**data, "csrfmiddlewaretoken": "x" * 32}
            elif attack != "no token":
                data = {**data, "csrfmiddlewaretoken": token}
            if attack == "foreign Origin":
                extra = {"HTTP_ORIGIN": "https://evil.example"}
            elif attack == "Origin: null":
                extra = {"HTTP_ORIGIN": "null"}
            elif attack == "foreign Referer over HTTPS":
                extra = {"HTTP_REFERER": "https://evil.example/", "secure": True}
            response = editor.post(path, data, **extra)
            assert response.status_code == 403, (name, attack)
            attack_log.record("CSRF matrix: admin posts refused, nothing changed", 1, f"{name} × {attack}")
        role = models.Role.objects.get(slug=ROLE)
        assert role.title != "Hijacked"
        assert User.objects.get(username="editor").check_password("correct horse battery")
        assert editor.get("/admin/").status_code == 200  # still signed in

    def test_the_admin_accepts_its_own_token(self, editor):
        token = editor.cookies["csrftoken"].value
        response = editor.post(reverse("admin:logout"), {"csrfmiddlewaretoken": token})
        assert response.status_code == 200
        assert editor.get("/admin/").status_code == 302  # signed out


class TestMalformedProgressPosts:
    @pytest.mark.parametrize(
        "data",
        [{}, {"status": ["done", "in-progress"]}, {"status": ["done", "done"]}, {"status": "finished"}],
        ids=["missing", "repeated", "repeated-same", "unknown"],
    )
    @pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
    def test_a_missing_or_repeated_status_is_refused_and_changes_nothing(self, visitor, data, htmx):
        before = session_state(visitor)
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        response = visitor.post(f"/roles/{ROLE}/steps/2/status/", data, **headers)
        assert response.status_code == (422 if htmx else 400)
        assert "Choose one status" in response.content.decode()
        assert session_state(visitor) == before
        attack_log.record("malformed progress posts refused (400/422), nothing changed")


# --- stored XSS ---------------------------------------------------------------------------------

SKIPPED_FIELDS = {"slug", "key", "code", "url", "token"}


def payload(tag: str, max_length: int | None) -> str:
    """Markup that must come out escaped; `</script>` too, for text that ends up in JSON-LD."""
    full = f'</script><b x="{tag}">'
    return full if max_length is None or len(full) <= max_length else f'<b x="{tag}">'


def text_fields(model) -> list[db_models.Field]:
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, db_models.CharField | db_models.TextField)
        and not field.choices
        and not isinstance(field, db_models.SlugField)
        and field.name not in SKIPPED_FIELDS
    ]


def list_fields(model) -> list[db_models.Field]:
    """JSON fields that hold a list of paragraphs or titles (not rules)."""
    names = []
    for field in model._meta.get_fields():
        if isinstance(field, db_models.JSONField):
            values = model.objects.exclude(**{field.name: []}).values_list(field.name, flat=True)[:1]
            if values and isinstance(values[0], list) and all(isinstance(item, str) for item in values[0]):
                names.append(field)
    return names


def plant_payloads() -> dict[str, str]:
    """Put a marked payload into every text field of every content row; give tag -> field name.

    A tag is short (f12), so the payload fits even a 20-character field on PostgreSQL."""
    planted = {}
    content_models = [
        model
        for model in [m for m in models.__dict__.values() if isinstance(m, type)]
        if issubclass(model, db_models.Model)
        and model._meta.app_label == "roles"
        and not model._meta.abstract
    ]
    for model in content_models:
        fields = text_fields(model)
        paragraphs = list_fields(model)
        tags = {}
        for field in fields + paragraphs:
            tags[field.name] = f"f{len(planted)}"
            planted[tags[field.name]] = f"{model.__name__}.{field.name}"
        for row in model.objects.all():
            changes = {}
            for field in fields:
                if getattr(row, field.name):
                    changes[field.name] = payload(f"{tags[field.name]}.{row.pk}", field.max_length)
            for field in paragraphs:
                items = getattr(row, field.name)
                if items:
                    changes[field.name] = [payload(f"{tags[field.name]}.{row.pk}", None) for _ in items]
            if changes:
                model.objects.filter(pk=row.pk).update(**changes)
    return planted


def crawl(client: Client, start: list[str]) -> dict[str, str]:
    """Every page reachable by links from `start` (GET, this site, not the admin), each also as an
    htmx request; give address -> HTML."""
    seen: dict[str, str] = {}
    queue = list(start)
    while queue:
        address = queue.pop()
        if address in seen:
            continue
        response = client.get(address)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            seen[address] = ""
            continue
        html = response.content.decode()
        seen[address] = html
        fragment = client.get(address, HTTP_HX_REQUEST="true")
        if fragment.status_code == 200:
            seen[address + " (htmx)"] = fragment.content.decode()
        for link in re.findall(r'href="(/[^"#]*)', html):
            link = link.replace("&amp;", "&")
            if not link.startswith(("/static/", "/admin/", "/favicon")) and link not in seen:
                queue.append(link)
    return seen


class TestStoredXss:
    def test_markup_in_any_content_field_is_shown_escaped_on_every_page(self, content):
        planted = plant_payloads()
        visitor = Client()
        # Progress shows on the guide, the step pages and My progress, and as htmx answers.
        visitor.post(f"/roles/{ROLE}/steps/1/status/", {"status": "done"})
        visitor.post(f"/roles/{ROLE}/steps/2/note/", {"note": '</script><b x="note">'})
        pages = crawl(
            visitor,
            [
                "/",
                "/faqs/?q=script",
                "/compare/?roles=case-manager,care-manager,clinical-case-manager",
                "/advisor/?" + urlencode(ADVISOR_ANSWERS),
                f"/roles/{ROLE}/progress/",
                f"/roles/{ROLE}/progress/share/",
            ],
        )
        for path, data in [
            (f"/roles/{ROLE}/steps/3/status/", {"status": "done"}),
            (f"/roles/{ROLE}/steps/3/note/", {"note": "<b>bold</b>"}),
        ]:
            response = visitor.post(path, data, HTTP_HX_REQUEST="true", HTTP_SEC_FETCH_SITE="same-origin")
            pages[f"POST {path} (htmx)"] = response.content.decode()
        shown = set()
        for address, html in pages.items():
            assert "<b x=" not in html, address  # never as markup
            assert "</script><b" not in html, address  # never out of a script element
            assert "<b>bold</b>" not in html, address
            for tag in re.findall(r"&lt;b x=&quot;(f\d+)\.\d+&quot;", html):
                shown.add(planted[tag])
            for tag in re.findall(r'\\u003Cb x=\\"(f\d+)\.\d+\\"', html):
                shown.add(planted[tag])
        assert len([html for html in pages.values() if html]) > 40
        # Every field that some page shows was seen there escaped: the main fields at least.
        for tag in [
            "Role.title",
            "Role.summary",
            "Role.what_they_do",
            "RoadmapStep.title",
            "RoadmapStep.body",
            "Faq.question",
            "Faq.answer",
            "Certification.name",
            "Certification.summary",
            "Source.title",
            "Definition.text",
            "SalaryLevel.description",
        ]:
            assert tag in shown, tag
        checked = len([html for html in pages.values() if html])
        attack_log.record(
            "stored XSS: content fields planted with markup, pages and fragments checked",
            len(planted),
            f"{len(shown)} fields shown (escaped) on {checked} pages and fragments",
        )


class TestHostileValuesInTheAdmin:
    """The admin checks each value against the same content schema as the loader."""

    @pytest.mark.parametrize(
        "field,value,message",
        [
            ("url", "javascript:alert(document.domain)", "valid URL"),
            ("url", "ftp://example.org/file", "http"),  # Django's URLField alone would take it
            ("title", "A title\x00with a NUL", "Null characters"),
            ("title", "x" * 301, "300"),
        ],
    )
    def test_a_hostile_source_value_is_refused(self, content, rf, field, value, message):
        from django.contrib import admin
        from django.forms.models import model_to_dict

        source = models.Source.objects.exclude(url="").first()
        request = rf.post("/")
        request.user = User.objects.create_superuser("editor", "editor@example.com", "correct horse battery")
        form_class = admin.site.get_model_admin(models.Source).get_form(request, source)
        data = {name: value for name, value in model_to_dict(source).items() if value is not None}
        form = form_class(data={**data, field: value}, instance=source)
        assert not form.is_valid()
        assert message in str(form.errors[field])
        attack_log.record("hostile values refused by the admin", 1, f"Source.{field} = {value[:40]!r}")
