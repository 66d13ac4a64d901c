import html as html_module
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap.advisor_form import AdvisorForm
from roadmap.advisor_views import MAX_QUERY_LENGTH
from roadmap.caching import MAX_PARAMETER_LENGTH
from tests.page_cache import assert_served_from_page_cache

HTMX = {"HTTP_HX_REQUEST": "true"}
# Addresses are written in their canonical form: the form's fields in order, then `focus`.
PSYCHOLOGY_24 = "/advisor/?education=bachelor&field=psychology&cm_months=24"


def plan_link(html: str) -> str:
    return html_module.unescape(html.split('id="plan-link"')[1].split('value="')[1].split('"')[0])


def get_after_one_redirect(client, url: str, data=None):
    """GET `url`, following a redirect by hand: at most one permanent redirect, to an address
    that is served as it is."""
    response = client.get(url, data)
    if response.status_code == 301:
        response = client.get(response["Location"])
    assert response.status_code == 200
    return response


def verdict(html: str, slug: str) -> str:
    row = html.split(f'id="verdict-{slug}"')[1].split("</tr>")[0]
    return re.search(r'class="verdict verdict-[a-z-]+">([^<]+)<', row).group(1)


class TestAdvisorPage:
    def test_without_answers_it_shows_the_form_and_a_starting_plan(self, client, content):
        html = client.get("/advisor/").content.decode()
        assert "Highest education" in html
        assert "Your plan appears here" in html
        assert "Roles ranked for you" in html

    def test_a_psychology_bachelor_with_24_months_is_eligible_for_the_ccm(self, client, content):
        html = client.get(PSYCHOLOGY_24).content.decode()
        assert verdict(html, "ccm") == "Eligible now"
        assert verdict(html, "c-swcm") == "Not eligible yet"
        assert "Your psychology degree meets what the article asks for" in html

    def test_every_certification_gets_one_of_the_three_verdicts(self, client, content):
        html = client.get(
            "/advisor/?education=bachelor&field=psychology&licenses=rn&cm_months=24&rn_months=30"
            "&cm_nursing_hours=1500&ce_hours=30"
        ).content.decode()
        for slug in ["ccm", "acm-rn", "acm-sw", "cmc", "c-swcm", "c-aswcm", "ancc-cmgt"]:
            assert re.fullmatch(r"Eligible now|Eligible in \d+ months?|Not eligible yet", verdict(html, slug))
        assert verdict(html, "ancc-cmgt") == "Eligible in 4 months"

    def test_the_plan_follows_the_goal_and_marks_covered_steps(self, client, content):
        html = client.get(
            "/advisor/?education=bachelor&field=psychology&client_months=12&cm_months=24&goal=care-manager"
        ).content.decode()
        assert "Your roadmap to Care Manager" in html
        assert html.count("Covered:") >= 2
        assert "Entry level" in html and "$40,000 – $60,000" in html

    def test_interests_bring_matching_specialties(self, client, content):
        html = client.get(PSYCHOLOGY_24 + "&interests=older-adults").content.decode()
        assert "Geriatric Case Manager" in html

    def test_the_plan_is_a_shareable_link(self, client, content):
        html = client.get(PSYCHOLOGY_24).content.decode()
        # Share links are built from settings.SITE_URL, never from the request's Host.
        assert plan_link(html) == f"http://127.0.0.1:8000{PSYCHOLOGY_24}"
        assert client.get(PSYCHOLOGY_24).content == html.encode()  # served as is: canonical

    def test_the_plan_link_does_not_depend_on_the_host_the_page_was_first_asked_for(
        self, client, content, settings
    ):
        settings.ALLOWED_HOSTS = ["127.0.0.1"]
        first = client.get(PSYCHOLOGY_24, HTTP_HOST="127.0.0.1:1337")
        assert first.status_code == 200
        assert plan_link(first.content.decode()) == f"http://127.0.0.1:8000{PSYCHOLOGY_24}"
        assert "1337" not in first.content.decode()
        for host in ["127.0.0.1:1337", "127.0.0.1", "127.0.0.1:8000"]:
            again = client.get(PSYCHOLOGY_24, HTTP_HOST=host)
            assert again.status_code == 200
            assert again.content == first.content
        settings.SITE_URL = "https://careerpath.example"
        fragment = client.get(PSYCHOLOGY_24, HTTP_HOST="127.0.0.1:1337", **HTMX).content.decode()
        assert plan_link(fragment) == f"https://careerpath.example{PSYCHOLOGY_24}"

    def test_htmx_gets_the_result_and_field_errors_without_the_page(self, client, content):
        html = client.get(PSYCHOLOGY_24 + "&rn_months=9999", **HTMX).content.decode()
        assert html.strip().startswith('<div id="advisor-result"')
        assert '<p class="error" id="error-rn_months" hx-swap-oob="true">' in html
        assert "more than 600 months" in html
        assert "<html" not in html

    def test_the_htmx_fragment_is_private_and_never_redirected(self, client, content):
        # htmx sends the whole form, empty fields and all, in the form's order or not.
        response = client.get(
            "/advisor/?field=psychology&education=bachelor&aswb=&client_months=&cm_months=24", **HTMX
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert html.strip().startswith('<div id="advisor-result"')
        assert verdict(html, "ccm") == "Eligible now"
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
        assert "HX-Request" in response["Vary"]

    @pytest.mark.parametrize(
        ("asked", "canonical"),
        [
            ("/advisor/?education=", "/advisor/"),
            ("/advisor/?utm_source=newsletter", "/advisor/"),
            (
                "/advisor/?cm_months=24&field=psychology&education=bachelor",
                PSYCHOLOGY_24,
            ),
            (
                "/advisor/?focus=cmc&education=bachelor&field=psychology&aswb=&client_months=&cm_months=24",
                PSYCHOLOGY_24 + "&focus=cmc",
            ),
            ("/advisor/?education=+bachelor+&field=psychology&cm_months=24", PSYCHOLOGY_24),
            (
                "/advisor/?interests=older-adults&licenses=rn&licenses=lpn",
                "/advisor/?licenses=rn&licenses=lpn&interests=older-adults",
            ),
            ("/advisor/?education=" + "x" * 600, "/advisor/?education=" + "x" * MAX_PARAMETER_LENGTH),
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

    def test_no_cookie_is_set(self, client, content):
        response = client.get(PSYCHOLOGY_24)
        assert not response.cookies

    def test_certification_pages_open_the_advisor_focused_on_that_credential(self, client, content):
        html = client.get("/certifications/cmc/").content.decode()
        assert 'href="/advisor/?focus=cmc"' in html
        assert client.get("/advisor/?focus=cmc").status_code == 200  # the link is canonical
        focused = client.get("/advisor/?education=master&field=gerontology&focus=cmc").content.decode()
        assert 'id="verdict-cmc" class="focused"' in focused

    def test_its_query_count_is_fixed(self, client, content):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(PSYCHOLOGY_24)
        # The page really shows the related rows: verdicts from eligibility paths, a salary level,
        # the plan's steps, specialties.
        html = response.content.decode()
        assert verdict(html, "ccm") == "Eligible now"
        assert "Your psychology degree meets what the article asks for" in html
        # 1 the content version (reread on every request in tests: CONTENT_CHECK_SECONDS = 0),
        # 1 the roles with their source joined in, then their requirements, specialisations,
        # salary levels and steps (4); 1 the certifications with source and organization joined
        # in, then their roles (through the link table, in the same query), statements and
        # eligibility paths (3); 1 the case-manager types with their sources.
        tables = [query["sql"].split(" FROM ")[1].split()[0].strip('"') for query in queries.captured_queries]
        assert tables == [
            "roles_contentversion",
            "roles_role",
            "roles_requirementstatement",
            "roles_specialisation",
            "roles_salarylevel",
            "roles_roadmapstep",
            "roles_certification",
            "roles_role",
            "roles_certificationstatement",
            "roles_eligibilitypath",
            "roles_casemanagertype",
        ]
        assert len(queries) == 11
        assert_served_from_page_cache(client, PSYCHOLOGY_24, response)


class TestBadAnswers:
    @pytest.mark.parametrize(
        ("query", "field", "message"),
        [
            ("education=phd&field=psychology", "education", "Select a valid choice"),
            ("field=psychology&cm_months=-3", "cm_months", "greater than or equal to 0"),
            ("field=psychology&cm_months=601", "cm_months", "more than 600 months"),
            ("field=psychology&ce_hours=10001", "ce_hours", "more than 10,000 hours"),
            ("field=psychology&cm_months=lots", "cm_months", "Enter a whole number"),
            ("education=none&field=psychology&licenses=msw", "licenses", "needs a master"),
            ("education=associate&field=nursing&licenses=bsw", "licenses", "needs a bachelor"),
            ("field=psychology&licenses=astronaut", "licenses", "Select a valid choice"),
        ],
    )
    def test_each_bad_answer_gets_a_message_by_its_field_and_a_plan_for_the_rest(
        self, client, content, query, field, message
    ):
        response = client.get("/advisor/?" + query)
        html = response.content.decode()
        assert response.status_code == 200
        error = html.split(f'id="error-{field}"')[1].split("</p>")[0]
        assert message in error
        assert "Certifications you can sit for" in html

    def test_an_absurdly_long_answer_is_cut_short(self, client, content):
        response = client.get("/advisor/?education=" + "x" * 5000)
        assert response.status_code == 301
        assert response["Location"] == "/advisor/?education=" + "x" * MAX_PARAMETER_LENGTH
        html = client.get(response["Location"]).content.decode()
        assert "Select a valid choice" in html.split('id="error-education"')[1].split("</p>")[0]

    def test_an_absurdly_long_address_is_refused_politely(self, client, content):
        # Every answer as long as an answer may be: canonical, but longer than the advisor reads.
        query = "&".join(
            f"{name}={'x' * MAX_PARAMETER_LENGTH}" for name in [*AdvisorForm.base_fields, "focus"]
        )
        assert len(query) > MAX_QUERY_LENGTH
        response = client.get("/advisor/?" + query)
        assert response.status_code == 200
        assert "too long" in response.content.decode()

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        st.dictionaries(
            st.sampled_from(
                [
                    "education",
                    "field",
                    "licenses",
                    "aswb",
                    "client_months",
                    "cm_months",
                    "ccm_supervised",
                    "hospital_cm_months",
                    "rn_months",
                    "cm_nursing_hours",
                    "ce_hours",
                    "interests",
                    "goal",
                    "focus",
                    "utm_source",
                ]
            ),
            st.text(max_size=30),
        )
    )
    def test_arbitrary_answers_never_break_it(self, client, content, answers):
        get_after_one_redirect(client, "/advisor/", answers)


class TestSaveToRoadmap:
    def test_saving_asks_first_then_marks_the_covered_steps(self, client, content):
        query = "education=bachelor&field=psychology&client_months=12&cm_months=6&goal=care-manager"
        confirm = client.get("/advisor/save/?" + query)
        assert "Save your plan to the Care Manager roadmap?" in confirm.content.decode()
        response = client.post("/advisor/save/confirm/?" + query)
        assert response.status_code == 302
        assert response["Location"] == "/roles/care-manager/progress/#roadmap"
        assert "3 of 10 steps done" in client.get("/roles/care-manager/progress/").content.decode()
        # The public guide is the same for everyone: it never shows this visitor's marks.
        assert "3 of 10 steps done" not in client.get("/roles/care-manager/").content.decode()

    def test_saving_needs_no_csrf_token_but_must_come_from_the_site_itself(self, content):
        query = "education=bachelor&field=psychology&client_months=12&cm_months=6&goal=care-manager"
        browser = Client(enforce_csrf_checks=True)
        for headers in [
            {"HTTP_SEC_FETCH_SITE": "cross-site"},
            {"HTTP_ORIGIN": "https://evil.example"},
            {"HTTP_REFERER": "https://evil.example/page"},
        ]:
            refused = browser.post("/advisor/save/confirm/?" + query, **headers)
            assert refused.status_code == 403
            assert "private" in refused["Cache-Control"]
            assert "0 of 10 steps done" in browser.get("/roles/care-manager/progress/").content.decode()
        saved = browser.post("/advisor/save/confirm/?" + query, HTTP_SEC_FETCH_SITE="same-origin")
        assert saved.status_code == 302
        assert saved["Location"] == "/roles/care-manager/progress/#roadmap"
        assert "3 of 10 steps done" in browser.get("/roles/care-manager/progress/").content.decode()

    def test_saving_without_answers_goes_back_to_the_advisor(self, client, content):
        assert client.get("/advisor/save/").status_code == 404
        assert client.post("/advisor/save/confirm/")["Location"] == "/advisor/"


def test_a_focused_certification_is_summarised_first(client, content):
    html = client.get(
        "/advisor/?education=rn-diploma&licenses=rn&rn_months=24&focus=ancc-cmgt"
    ).content.decode()
    summary = html.split('id="focus-heading"')[1].split("</section>")[0]
    assert "CMGT-BC: Not eligible yet" in summary
    assert "case management nursing" in summary
