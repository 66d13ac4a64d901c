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
    def test_without_answers_it_shows_the_form_and_a_prompt_not_verdicts(self, client, content):
        html = client.get("/advisor/").content.decode()
        assert "Highest education" in html
        assert "Your plan appears here" in html
        assert "Not eligible yet" not in html
        assert "Roles ranked for you" not in html

    def test_the_intro_says_where_the_plan_appears(self, client, content):
        html = client.get("/advisor/").content.decode()
        assert "beside the form" not in html
        assert 'action="/advisor/#advisor-summary"' in html

    def test_the_result_starts_with_a_short_summary(self, client, content):
        html = client.get(PSYCHOLOGY_24).content.decode()
        summary = html.split('id="advisor-summary"')[1].split("</section>")[0]
        assert 'tabindex="-1"' in html.split('id="advisor-summary"')[0][-80:] + summary[:40]
        assert "<strong>Eligible now:</strong> CCM" in summary
        assert "Best-fitting role" in summary
        assert summary.index("Eligible now") < html.split('id="advisor-summary"')[1].index(
            "Roles ranked for you"
        )

    def test_a_phone_gets_the_essential_questions_first_and_the_rest_behind_add_more_detail(
        self, client, content
    ):
        html = client.get("/advisor/").content.decode()
        essentials, details = html.split('<details class="more-detail"')
        for name in ["education", "field", "licenses", "cm_months", "client_months", "goal"]:
            assert f'name="{name}"' in essentials
        for name in ["aswb", "ccm_supervised_months", "hospital_cm_months", "cm_nursing_hours", "interests"]:
            assert f'name="{name}"' in details.split("</details>")[0]
        assert '<details class="more-detail">' in html  # closed while nothing in it is answered
        opened = client.get("/advisor/?hospital_cm_months=12").content.decode()
        assert '<details class="more-detail" open>' in opened

    def test_choosing_an_education_level_shows_no_error_before_the_field_is_answered(self, client, content):
        html = client.get("/advisor/?education=bachelor", **HTMX).content.decode()
        assert '<p class="error" id="error-field" hx-swap-oob="true"></p>' in html
        assert "only its level counts" in html

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
        assert 'id="verdict-cmc" class="verdict-card focused"' in focused

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
            ("field=psychology&social_work_ce_hours=10001", "social_work_ce_hours", "more than 10,000 hours"),
            ("field=psychology&cm_nursing_hours=6241", "cm_nursing_hours", "at most about 6,240 hours"),
            ("field=psychology&nursing_ce_hours=7000", "nursing_ce_hours", "at most about 6,240 hours"),
            ("field=psychology&cm_months=lots", "cm_months", "Enter a number of months"),
            ("field=psychology&cm_months=6.25", "cm_months", "whole or half months"),
            ("field=psychology&cm_months=6.3", "cm_months", "whole or half months"),
            ("field=psychology&rn_months=1e-1", "rn_months", "whole or half months"),
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
        assert "ounted" in error  # "Not counted until it is fixed", or how it is counted meanwhile
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
                    "ccm_supervised_months",
                    "hospital_cm_months",
                    "supervisor_months",
                    "rn_months",
                    "cm_nursing_hours",
                    "ce_hours",
                    "nursing_ce_hours",
                    "social_work_ce_hours",
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

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        st.sampled_from(["client_months", "cm_months", "ccm_supervised_months", "cm_nursing_hours"]),
        st.one_of(st.decimals(), st.floats(), st.integers(-10, 10**7)).map(str),
    )
    def test_any_number_in_a_number_field_gets_a_plan_or_a_message(self, client, content, name, number):
        html = get_after_one_redirect(client, "/advisor/", {name: number}).content.decode()
        assert "Your result" in html or "Your plan appears here" in html


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
    summary = html.split('id="advisor-summary"')[1].split("</section>")[0]
    assert "CMGT-BC: Not eligible yet." in summary
    assert "case management nursing" in summary


def verdicts_of(html: str) -> dict[str, str]:
    return {
        slug: verdict(html, slug)
        for slug in ["ccm", "acm-rn", "acm-sw", "cmc", "c-swcm", "c-aswcm", "ancc-cmgt"]
    }


class TestInconsistentAnswers:
    def test_an_msw_licence_without_a_masters_is_flagged_and_the_rn_licence_still_counts(
        self, client, content
    ):
        html = client.get(
            "/advisor/?education=bachelor&field=nursing&licenses=rn&licenses=msw&cm_months=12&hospital_cm_months=12"
        ).content.decode()
        error = html_module.unescape(html.split('id="error-licenses"')[1].split("</p>")[0])
        assert "MSW-level social work licence needs a master's degree" in error
        assert "Not counted until then; your RN licence is counted." in error
        assert verdict(html, "acm-rn") == "Eligible now"
        assert "A registered nurse (RN) licence" not in html.split('id="verdict-acm-rn"')[1].split("</li>")[0]

    def test_hospital_months_without_case_management_months_count_as_both(self, client, content):
        html = client.get(
            "/advisor/?education=bachelor&field=nursing&licenses=rn&hospital_cm_months=12"
        ).content.decode()
        assert verdict(html, "acm-rn") == "Eligible now"
        assert verdict(html, "ccm") == "Eligible in 12 months"  # the 12 months count towards CCMC's 24
        note = html.split('id="error-cm_months"')[1].split("</p>")[0]
        assert "Counted as 12 months: your hospital months are case management too." in note

    def test_more_hospital_months_than_case_management_months_is_flagged_and_capped_not_zeroed(
        self, client, content
    ):
        html = client.get(
            "/advisor/?education=bachelor&field=nursing&licenses=rn&cm_months=6&hospital_cm_months=12"
        ).content.decode()
        error = html.split('id="error-hospital_cm_months"')[1].split("</p>")[0]
        assert "counted as 6 until you check" in error
        assert verdict(html, "acm-rn") == "Eligible in 6 months"


class TestSupervisionAndContinuingEducation:
    def test_only_the_months_a_ccm_supervised_count(self, client, content):
        html = client.get(
            "/advisor/?education=bachelor&field=nursing&licenses=rn&cm_months=15&ccm_supervised_months=6"
        ).content.decode()
        assert verdict(html, "ccm") == "Eligible in 6 months"

    def test_an_old_link_with_the_box_ticked_claims_all_its_months_and_says_so(self, client, content):
        html = client.get(
            "/advisor/?education=bachelor&field=nursing&licenses=rn&cm_months=15&ccm_supervised=on"
        ).content.decode()
        assert verdict(html, "ccm") == "Eligible now"
        field = html.split('name="ccm_supervised_months"')[1].split(">")[0]
        assert 'value="15"' in field
        assert "all 15 months are counted as supervised by a CCM" in html
        assert 'name="ccm_supervised"' not in html  # the next press of "Show my plan" sends the months

    def test_an_explicit_answer_wins_over_an_old_parameter(self, client, content):
        html = client.get(
            "/advisor/?education=bachelor&field=nursing&licenses=rn&cm_months=15&ccm_supervised=on"
            "&ccm_supervised_months=6"
        ).content.decode()
        assert verdict(html, "ccm") == "Eligible in 6 months"

    def test_nursing_and_social_work_continuing_education_are_two_answers(self, client, content):
        nurse = (
            "/advisor/?education=master&field=social-work-cswe&licenses=rn&licenses=msw&cm_months=24"
            "&rn_months=24&cm_nursing_hours=2000"
        )
        only_social_work = verdicts_of(client.get(nurse + "&social_work_ce_hours=30").content.decode())
        assert (only_social_work["c-aswcm"], only_social_work["ancc-cmgt"]) == (
            "Eligible now",
            "Not eligible yet",
        )
        only_nursing = verdicts_of(client.get(nurse + "&nursing_ce_hours=30").content.decode())
        assert (only_nursing["c-aswcm"], only_nursing["ancc-cmgt"]) == ("Not eligible yet", "Eligible now")

    def test_half_months_are_accepted(self, client, content):
        html = client.get("/advisor/?education=bachelor&field=psychology&cm_months=23.5").content.decode()
        assert verdict(html, "ccm") == "Eligible in 1 month"


class TestWhatTheResultSays:
    def test_eligible_now_lists_what_is_to_confirm_with_sources(self, client, content):
        html = client.get("/advisor/?education=master&field=gerontology&cm_months=24").content.decode()
        card = html.split('id="verdict-cmc"')[1].split("</details>")[0]
        assert "Eligible now" in card
        to_confirm = card.split('class="to-confirm"')[1]
        assert "It included 50 hours of supervision a year." in to_confirm
        assert "Source: <a" in to_confirm

    def test_the_nearest_cmc_route_comes_first_and_the_others_are_one_click_away(self, client, content):
        html = client.get("/advisor/?education=associate&field=other").content.decode()
        card = html.split('id="verdict-cmc"')[1].split("</li>\n      \n")[0]
        assert "Nearest route: Criteria II: bachelor&#x27;s degree in a related field" in card
        others = card.split('<details class="other-routes">')[1]
        assert "4 other routes" in others
        assert "Criteria I: master" in others

    def test_acmas_36_months_reads_as_a_position(self, client, content):
        html = client.get("/advisor/?licenses=rn&hospital_cm_months=6").content.decode()
        assert "a recommendation, not a requirement" in html

    def test_a_nurse_sees_clinical_case_management_by_the_nursing_route(self, client, content):
        html = client.get("/advisor/?education=bachelor&field=nursing&licenses=rn").content.decode()
        ranking = html.split('id="fit-heading"')[1].split("</ol>")[0]
        first = ranking.split("<h3>")[1]
        assert "Clinical Case Manager" in first
        assert "by the nursing route" in first
        assert "Or by the clinical social work route" in first

    def test_the_timeline_says_about_a_year_for_13_months(self, client, content):
        html = client.get(
            "/advisor/?education=bachelor&field=psychology&cm_months=11&goal=case-manager"
        ).content.decode()
        timeline = html.split("Your timeline and the salary at each point")[1].split("</table>")[0]
        assert "<td>about 1 year</td>" in timeline


def test_the_form_says_how_to_count_part_time_work_and_which_months_go_where(client, content):
    html = html_module.unescape(client.get("/advisor/").content.decode())
    assert "Full time is at least 35 hours a week (NACCM)" in html
    assert "12 months at 20 hours a week is about 7 months" in html
    assert "NASW counts 2 years as 3,000 hours and 3 years as 4,500" in html
    assert "months you give under case management do not count here as well" in html
    assert 'step="0.5"' in html.split('name="cm_months"')[1].split(">")[0]
