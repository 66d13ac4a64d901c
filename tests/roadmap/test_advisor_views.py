import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HTMX = {"HTTP_HX_REQUEST": "true"}
PSYCHOLOGY_24 = "/advisor/?education=bachelor&field=psychology&cm_months=24"


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
            PSYCHOLOGY_24 + "&rn_months=30&licenses=rn&cm_nursing_hours=1500&ce_hours=30"
        ).content.decode()
        for slug in ["ccm", "acm-rn", "acm-sw", "cmc", "c-swcm", "c-aswcm", "ancc-cmgt"]:
            assert re.fullmatch(r"Eligible now|Eligible in \d+ months?|Not eligible yet", verdict(html, slug))
        assert verdict(html, "ancc-cmgt") == "Eligible in 4 months"

    def test_the_plan_follows_the_goal_and_marks_covered_steps(self, client, content):
        html = client.get(PSYCHOLOGY_24 + "&client_months=12&goal=care-manager").content.decode()
        assert "Your roadmap to Care Manager" in html
        assert html.count("Covered:") >= 2
        assert "Entry level" in html and "$40,000 – $60,000" in html

    def test_interests_bring_matching_specialties(self, client, content):
        html = client.get(PSYCHOLOGY_24 + "&interests=older-adults").content.decode()
        assert "Geriatric Case Manager" in html

    def test_the_plan_is_a_shareable_link(self, client, content):
        html = client.get(PSYCHOLOGY_24).content.decode()
        assert f'value="http://testserver{PSYCHOLOGY_24.replace("&", "&amp;")}"' in html

    def test_htmx_gets_the_result_and_field_errors_without_the_page(self, client, content):
        html = client.get(PSYCHOLOGY_24 + "&rn_months=9999", **HTMX).content.decode()
        assert html.strip().startswith('<div id="advisor-result"')
        assert '<p class="error" id="error-rn_months" hx-swap-oob="true">' in html
        assert "more than 600 months" in html
        assert "<html" not in html

    def test_no_cookie_is_set(self, client, content):
        response = client.get(PSYCHOLOGY_24)
        assert not response.cookies

    def test_certification_pages_open_the_advisor_focused_on_that_credential(self, client, content):
        html = client.get("/certifications/cmc/").content.decode()
        assert 'href="/advisor/?focus=cmc"' in html
        focused = client.get("/advisor/?focus=cmc&education=master&field=gerontology").content.decode()
        assert 'id="verdict-cmc" class="focused"' in focused

    def test_its_query_count_is_fixed(self, client, content):
        with CaptureQueriesContext(connection) as queries:
            client.get(PSYCHOLOGY_24)
        assert len(queries) <= 12


class TestBadAnswers:
    @pytest.mark.parametrize(
        ("query", "field", "message"),
        [
            ("education=phd", "education", "Select a valid choice"),
            ("cm_months=-3", "cm_months", "greater than or equal to 0"),
            ("cm_months=601", "cm_months", "more than 600 months"),
            ("ce_hours=10001", "ce_hours", "more than 10,000 hours"),
            ("cm_months=lots", "cm_months", "Enter a whole number"),
            ("licenses=msw&education=none", "licenses", "needs a master"),
            ("licenses=bsw&education=associate&field=nursing", "licenses", "needs a bachelor"),
            ("licenses=astronaut", "licenses", "Select a valid choice"),
        ],
    )
    def test_each_bad_answer_gets_a_message_by_its_field_and_a_plan_for_the_rest(
        self, client, content, query, field, message
    ):
        response = client.get("/advisor/?field=psychology&" + query)
        html = response.content.decode()
        assert response.status_code == 200
        error = html.split(f'id="error-{field}"')[1].split("</p>")[0]
        assert message in error
        assert "Certifications you can sit for" in html

    def test_an_absurdly_long_address_is_refused_politely(self, client, content):
        response = client.get("/advisor/?education=" + "x" * 5000)
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
                ]
            ),
            st.text(max_size=30),
        )
    )
    def test_arbitrary_answers_never_break_it(self, client, content, answers):
        assert client.get("/advisor/", answers).status_code == 200


class TestSaveToRoadmap:
    def test_saving_asks_first_then_marks_the_covered_steps(self, client, content):
        query = "education=bachelor&field=psychology&client_months=12&cm_months=6&goal=care-manager"
        confirm = client.get("/advisor/save/?" + query)
        assert "Save your plan to the Care Manager roadmap?" in confirm.content.decode()
        response = client.post("/advisor/save/confirm/?" + query)
        assert response.status_code == 302
        assert response["Location"] == "/roles/care-manager/#roadmap"
        assert "3 of 10 steps done" in client.get("/roles/care-manager/").content.decode()

    def test_saving_without_answers_goes_back_to_the_advisor(self, client, content):
        assert client.get("/advisor/save/").status_code == 404
        assert client.post("/advisor/save/confirm/")["Location"] == "/advisor/"


def test_a_focused_certification_is_summarised_first(client, content):
    html = client.get(
        "/advisor/?focus=ancc-cmgt&licenses=rn&education=rn-diploma&rn_months=24"
    ).content.decode()
    summary = html.split('id="focus-heading"')[1].split("</section>")[0]
    assert "CMGT-BC: Not eligible yet" in summary
    assert "case management nursing" in summary
