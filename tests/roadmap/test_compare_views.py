import html as html_module
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.models import Role
from tests.page_cache import assert_served_from_page_cache

HTMX = {"HTTP_HX_REQUEST": "true"}
ALL_THREE = "Clinical Case Manager compared with Case Manager compared with Care Manager"


def share_link(html: str) -> str:
    return html_module.unescape(html.split('id="compare-link"')[1].split('value="')[1].split('"')[0])


def get_after_one_redirect(client, url: str):
    """GET `url`, following a redirect by hand (the test client's `follow` re-encodes commas):
    at most one permanent redirect, to an address that is served as it is."""
    response = client.get(url)
    if response.status_code == 301:
        response = client.get(response["Location"])
    assert response.status_code == 200
    return response


class TestCompare:
    def test_no_roles_named_compares_all_three(self, client, content):
        html = client.get("/compare/").content.decode()
        assert ALL_THREE in html
        assert "Skills all of them list" in html
        # Share links are built from settings.SITE_URL, never from the request's Host.
        assert share_link(html) == (
            "http://127.0.0.1:8000/compare/?roles=clinical-case-manager,case-manager,care-manager"
        )

    def test_the_share_link_is_a_canonical_address_that_serves_the_same_comparison(self, client, content):
        html = client.get("/compare/?roles=care-manager,case-manager&differences=1").content.decode()
        link = share_link(html)
        assert link == "http://127.0.0.1:8000/compare/?roles=care-manager,case-manager&differences=1"
        parts = urlsplit(link)
        opened = client.get(f"{parts.path}?{parts.query}")
        assert opened.status_code == 200  # served as is, not redirected
        assert "Care Manager compared with Case Manager: only the rows where they differ" in (
            opened.content.decode()
        )

    def test_the_share_link_does_not_depend_on_the_host_the_page_was_first_asked_for(
        self, client, content, settings
    ):
        settings.ALLOWED_HOSTS = ["127.0.0.1"]
        url = "/compare/?roles=case-manager"
        first = client.get(url, HTTP_HOST="127.0.0.1:1337")
        assert first.status_code == 200
        expected = "http://127.0.0.1:8000/compare/?roles=case-manager"
        assert share_link(first.content.decode()) == expected
        assert "1337" not in first.content.decode()
        # Whoever asks next, by whatever host, gets the same bytes with the same link.
        for host in ["127.0.0.1:1337", "127.0.0.1", "127.0.0.1:8000"]:
            again = client.get(url, HTTP_HOST=host)
            assert again.status_code == 200
            assert again.content == first.content
        settings.SITE_URL = "https://careerpath.example"
        fragment = client.get(url, HTTP_HOST="127.0.0.1:1337", **HTMX).content.decode()
        assert share_link(fragment) == "https://careerpath.example/compare/?roles=case-manager"

    def test_two_roles_show_two_columns_and_a_shared_chart(self, client, content):
        html = client.get("/compare/?roles=clinical-case-manager,care-manager").content.decode()
        assert "Clinical Case Manager compared with Care Manager" in html
        assert html.count('<th scope="col"><a href=') == 2
        assert html.count('class="bar"') == 10
        assert "Only Clinical Case Manager" in html

    def test_every_row_the_advisor_needs_is_there(self, client, content):
        html = client.get("/compare/?roles=case-manager,care-manager").content.decode()
        for label in [
            "Summary",
            "Education required",
            "Experience needed",
            "How long it takes",
            "Licensing",
            "Certifications that apply",
            "Career ladder, first to top position",
            "Salary, level 1",
            "Work environment",
            "Where the data came from",
        ]:
            assert f'<th scope="row">{label}</th>' in html

    def test_education_shows_each_sources_view_for_the_clinical_role(self, client, content):
        html = client.get("/compare/?roles=clinical-case-manager").content.decode()
        row = html.split('id="row-education"')[1].split("</tr>")[0]
        assert '#source-000">Managing Medical Mayhem!</a>' in row
        assert '#source-002">How to Become a Clinical Case Manager</a>' in row

    def test_only_differences_hides_rows_that_say_the_same(self, client, content):
        full = client.get("/compare/?roles=case-manager").content.decode()
        assert 'id="row-summary"' in full
        html = client.get("/compare/?roles=case-manager,care-manager&differences=1").content.decode()
        assert 'id="row-summary"' in html  # they differ
        assert "only the rows where they differ" in html
        assert 'name="differences" value="1" checked' in html

    def test_only_differences_says_how_many_rows_it_hides_or_that_it_hides_none(self, client, content):
        def note(url):
            return (
                client.get(url)
                .content.decode()
                .split('id="differences-note" role="status">')[1]
                .split("<")[0]
            )

        # With today's content every row of every pair differs: say so, so the box does not look broken.
        assert note("/compare/?roles=case-manager,care-manager&differences=1") == (
            "These roles differ in every row, so “Only show differences” hides nothing here."
        )
        assert "nothing to compare it with" in note("/compare/?roles=case-manager&differences=1")
        content.filter(slug="care-manager").update(summary=content.get(slug="case-manager").summary)
        Role.objects.get(slug="care-manager").save()  # a content save, so cached pages are not reused
        html = client.get("/compare/?roles=case-manager,care-manager&differences=1").content.decode()
        assert note("/compare/?roles=case-manager,care-manager&differences=1") == (
            "“Only show differences” hides 1 row where the roles say the same thing."
        )
        assert 'id="row-summary"' not in html
        assert (
            'id="differences-note"'
            not in client.get("/compare/?roles=case-manager,care-manager").content.decode()
        )

    def test_the_short_rows_come_first_with_pay_entry_route_settings_and_certifications(
        self, client, content
    ):
        html = client.get("/compare/?roles=clinical-case-manager,care-manager").content.decode()
        glance = html.split('<table class="data compare-glance roles-2">')[1].split("</table>")[0]
        assert html.index("compare-glance") < html.index('class="data compare-table')
        assert [part.split('"')[0] for part in glance.split('<tr id="row-')[1:]] == [
            "pay",
            "entry",
            "settings",
            "certifications",
        ]
        assert '<span class="pay">$40,000 – $150,000+</span>' in glance
        assert '<span class="pay">$40,000 – $200,000+</span>' in glance
        assert "A bachelor&#x27;s in social work, nursing, psychology or a related field." in glance
        assert "Care Managers work in healthcare settings such as hospitals" in glance
        assert '<a href="/certifications/cmc/">CMC</a>' in glance

    def test_a_skill_both_roles_list_is_shown_by_one_name(self, client, content):
        html = client.get("/compare/?roles=clinical-case-manager,case-manager").content.decode()
        shared = html.split('id="row-shared-skills"')[1].split("</tr>")[0]
        assert "<li>Problem-solving</li>" in shared or "<li>Problem-Solving</li>" in shared
        assert " / " not in shared

    def test_three_roles_offer_the_other_pairs_for_a_phone_by_canonical_links(self, client, content):
        html = client.get("/compare/?roles=clinical-case-manager,case-manager,care-manager&differences=1")
        picker = html.content.decode().split('class="pair-picker')[1].split("</div>")[0]
        links = [part.split('"')[0].replace("&amp;", "&") for part in picker.split('href="')[1:]]
        assert links == [
            "/compare/?roles=clinical-case-manager,care-manager&differences=1",
            "/compare/?roles=case-manager,care-manager&differences=1",
        ]
        for link in links:
            assert client.get(link).status_code == 200
        assert "pair-picker" not in client.get("/compare/?roles=case-manager,care-manager").content.decode()

    def test_htmx_gets_only_the_comparison(self, client, content):
        html = client.get("/compare/?roles=case-manager", **HTMX).content.decode()
        assert html.strip().startswith('<div id="comparison"')
        assert "<html" not in html and "compare-form" not in html

    def test_the_htmx_fragment_is_private_and_never_redirected(self, client, content):
        # htmx submits the form as it stands, empty boxes and all: answer it, don't redirect.
        response = client.get("/compare/?roles=care-manager&roles=&differences=", **HTMX)
        assert response.status_code == 200
        assert response.content.decode().strip().startswith('<div id="comparison"')
        assert "<caption>Care Manager</caption>" in response.content.decode()
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
        assert "HX-Request" in response["Vary"]

    @pytest.mark.parametrize(
        ("asked", "canonical"),
        [
            ("/compare/?roles=", "/compare/"),
            ("/compare/?differences=", "/compare/"),
            ("/compare/?utm_source=newsletter", "/compare/"),
            ("/compare/?utm_source=x&roles=case-manager", "/compare/?roles=case-manager"),
            ("/compare/?differences=1&roles=case-manager", "/compare/?roles=case-manager&differences=1"),
            ("/compare/?roles=case-manager&differences=", "/compare/?roles=case-manager"),
            ("/compare/?roles=%20case-manager%20", "/compare/?roles=case-manager"),
            (
                "/compare/?roles=case-manager&roles=&roles=care-manager",
                "/compare/?roles=case-manager&roles=care-manager",
            ),
            ("/compare/?roles=" + "x" * 600, "/compare/?roles=" + "x" * 500),
        ],
    )
    def test_other_forms_of_an_address_redirect_to_the_one_canonical_address(
        self, client, content, asked, canonical
    ):
        response = client.get(asked)
        assert response.status_code == 301
        assert response["Location"] == canonical
        served = client.get(canonical)
        assert served.status_code == 200
        assert "public" in served["Cache-Control"]

    def test_the_plain_form_submits_repeated_roles(self, client, content):
        html = client.get("/compare/?roles=case-manager&roles=care-manager").content.decode()
        assert "Case Manager compared with Care Manager" in html

    def test_a_role_named_twice_is_shown_once_and_the_page_says_so(self, client, content):
        html = client.get("/compare/?roles=case-manager,care-manager,case-manager").content.decode()
        assert "A role named more than once in the link is shown once." in html
        assert "<caption>Case Manager compared with Care Manager</caption>" in html
        plain = client.get("/compare/?roles=case-manager,care-manager").content.decode()
        assert "named more than once" not in plain

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("roles=astronaut,case-manager", "We do not know the role “astronaut”"),
            ("roles=case-manager,case-manager", "<caption>Case Manager</caption>"),
            ("roles=,,case-manager,", "<caption>Case Manager</caption>"),
            ("roles=" + ",".join(["care-manager"] * 50), "<caption>Care Manager</caption>"),
            ("roles=%3Cscript%3Ealert(1)%3C/script%3E", "&lt;script&gt;"),
            ("roles=%00%ff%fe", "We do not know"),
            ("roles=", ALL_THREE),  # an empty choice is the bare address: all of them
            ("roles=nobody", "Choose at least one role"),
            ("differences=maybe&roles=care-manager", "<caption>Care Manager</caption>"),
        ],
    )
    def test_bad_input_never_breaks_it(self, client, content, query, expected):
        response = get_after_one_redirect(client, "/compare/?" + query)
        assert expected in response.content.decode()

    @pytest.mark.parametrize("slugs", ["case-manager", "case-manager,care-manager", ""])
    def test_the_query_count_is_the_same_for_one_two_or_three_roles(self, client, content, slugs):
        url = f"/compare/?roles={slugs}" if slugs else "/compare/"
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        # The page really shows the related rows (a skill, a duty, a salary), so they were read.
        html = response.content.decode()
        assert 'id="row-skills"' in html and 'id="row-duties"' in html and 'class="bar"' in html
        # 1 the content version (reread on every request in tests: CONTENT_CHECK_SECONDS = 0),
        # 1 the roles with their source joined in, then one prefetch each (sources joined in) for
        # steps, responsibility groups, their items, skills, career stages, their tips, salary
        # levels, FAQs, requirements, specialisations, certifications (through their link table,
        # in the same query) and statistics: 12.
        tables = [query["sql"].split(" FROM ")[1].split()[0].strip('"') for query in queries.captured_queries]
        assert tables == [
            "roles_contentversion",
            "roles_role",
            "roles_roadmapstep",
            "roles_responsibilitygroup",
            "roles_responsibilityitem",
            "roles_skill",
            "roles_careerstage",
            "roles_careertip",
            "roles_salarylevel",
            "roles_faq",
            "roles_requirementstatement",
            "roles_specialisation",
            "roles_certification",
            "roles_statistic",
        ]
        assert len(queries) == 14
        assert_served_from_page_cache(client, url, response)

    def test_role_pages_offer_compare_with_each_other_role(self, client, content):
        html = client.get("/roles/case-manager/").content.decode()
        for link in [
            "/compare/?roles=case-manager,clinical-case-manager",
            "/compare/?roles=case-manager,care-manager",
        ]:
            assert f'href="{link}"' in html
            assert client.get(link).status_code == 200  # the site's own links are canonical
