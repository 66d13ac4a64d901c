import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from roadmap import progress
from roles.models import Faq, RoadmapStep, Role
from tests import factories

HTMX = {"HTTP_HX_REQUEST": "true"}


def count_queries(client, url, **extra) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return len(queries)


def add_content(role: Role, amount: int = 5) -> None:
    source = role.source
    for _ in range(amount):
        factories.RoadmapStepFactory(role=role, source=source)
        factories.FaqFactory(role=role, source=source)
        factories.SkillFactory(role=role, source=source)
        factories.SalaryLevelFactory(role=role, source=source)


class TestHome:
    def test_it_lists_roles_with_salary_spans_and_certifications(self, client, content):
        response = client.get("/")
        html = response.content.decode()
        assert response.status_code == 200
        for role in content:
            assert role.title in html
            assert escape(role.summary) in html
        assert "$35,000 – $150,000+" in html  # case manager: entry low to top high
        assert "CCM" in html and "C-ASWCM" in html

    def test_its_query_count_is_fixed(self, client, content, django_assert_max_num_queries):
        with django_assert_max_num_queries(4):
            client.get("/")


class TestRoleGuide:
    def test_it_shows_every_section_with_sources(self, client, case_manager):
        html = client.get("/roles/case-manager/").content.decode()
        for heading in [
            "Steps to become a Case Manager",
            "What does a Case Manager do?",
            "Case Manager roles and responsibilities",
            "Essential Case Manager skills",
            "Case Manager career path progression",
            "Case Manager salary",
            "Case Manager work environment",
            "FAQs about becoming a Case Manager",
            "Certifications for a Case Manager",
        ]:
            assert heading in html
        assert "Step 1:" in html and "Step 10:" in html
        assert "Executive Director of Case Management" in html
        assert "$100,000 – $150,000+" in html
        assert "Source: <abbr" in html
        assert "Can I be a case manager without a degree?" in html

    def test_the_salary_chart_draws_a_bar_per_level_and_marks_open_tops(self, client, case_manager):
        html = client.get("/roles/case-manager/").content.decode()
        assert html.count('class="bar"') == 5
        assert html.count('class="bar-tail"') == 2  # two levels end in "+"
        assert "<caption>Salary ladder figures</caption>" in html

    def test_clinical_guide_shows_both_sources_on_education(self, client, content):
        html = client.get("/roles/clinical-case-manager/").content.decode()
        assert "what the sources say" in html
        assert 'title="How to Become a Clinical Case Manager">002</abbr>' in html

    def test_an_unknown_role_is_a_404(self, client, content):
        assert client.get("/roles/astronaut/").status_code == 404

    def test_its_query_count_does_not_grow_with_content(self, client, case_manager):
        before = count_queries(client, "/roles/case-manager/")
        add_content(case_manager)
        after = count_queries(client, "/roles/case-manager/")
        assert before == after
        assert after <= 20

    def test_the_roadmap_fragment_has_no_page_chrome(self, client, case_manager):
        html = client.get("/roles/case-manager/?fragment=roadmap", **HTMX).content.decode()
        assert 'id="roadmap"' in html
        assert "<html" not in html and "site-header" not in html


class TestStep:
    def test_a_step_opened_directly_is_a_whole_page(self, client, case_manager):
        html = client.get("/roles/case-manager/steps/3/").content.decode()
        assert "<html" in html
        assert "Gain Experience in Human Services" in html
        assert 'aria-expanded="true"' in html
        assert "Step 4:" in html  # link to the following step

    def test_htmx_gets_only_the_expanded_step(self, client, case_manager):
        html = client.get("/roles/case-manager/steps/3/", **HTMX).content.decode()
        assert html.strip().startswith('<li id="step-3"')
        assert "<html" not in html
        assert 'aria-expanded="true"' in html
        assert "hidden" not in html.split('id="step-3-details"')[1].split(">")[0]

    def test_htmx_can_collapse_a_step_again(self, client, case_manager):
        html = client.get("/roles/case-manager/steps/3/?view=summary", **HTMX).content.decode()
        assert 'aria-expanded="false"' in html

    @pytest.mark.parametrize(
        "url",
        [
            "/roles/case-manager/steps/11/",
            "/roles/case-manager/steps/0/",
            "/roles/case-manager/steps/three/",
            "/roles/case-manager/steps/99999999999999999999999/",
            "/roles/astronaut/steps/1/",
        ],
    )
    def test_bad_step_addresses_are_404s(self, client, content, url):
        assert client.get(url).status_code == 404

    def test_its_query_count_does_not_grow_with_content(self, client, case_manager):
        before = count_queries(client, "/roles/case-manager/steps/2/", **HTMX)
        add_content(case_manager)
        assert count_queries(client, "/roles/case-manager/steps/2/", **HTMX) == before <= 4


class TestMarkingSteps:
    def mark(self, client, number, status, **extra):
        return client.post(f"/roles/case-manager/steps/{number}/status/", {"status": status}, **extra)

    def test_marking_done_without_javascript_redirects_back_to_the_step(self, client, case_manager):
        response = self.mark(client, 1, "done")
        assert response.status_code == 302
        assert response["Location"] == "/roles/case-manager/#step-1"
        html = client.get("/roles/case-manager/").content.decode()
        assert "1 of 10 steps done" in html
        assert 'Next step: <a href="#step-2">' in html

    def test_htmx_gets_the_step_list_and_the_progress_bar_out_of_band(self, client, case_manager):
        response = self.mark(client, 2, "in-progress", **HTMX)
        html = response.content.decode()
        assert response.status_code == 200
        assert html.strip().startswith('<ol id="step-list"')
        assert 'id="progress" class="progress-summary" hx-swap-oob="true"' in html
        assert "In progress</span>" in html
        assert "<html" not in html

    def test_from_the_step_page_htmx_gets_that_step_only(self, client, case_manager):
        response = client.post(
            "/roles/case-manager/steps/2/status/", {"status": "done", "next": "step"}, **HTMX
        )
        html = response.content.decode()
        assert html.strip().startswith('<li id="step-2"')
        assert "1 of 10 steps done" in html

    def test_marks_survive_and_the_next_step_moves_on(self, client, case_manager):
        for number in (1, 2, 4):
            self.mark(client, number, "done")
        html = client.get("/roles/case-manager/").content.decode()
        assert "3 of 10 steps done" in html
        assert 'value="3"' in html
        assert 'Next step: <a href="#step-3">' in html

    def test_marks_follow_the_steps_key_not_its_number(self, client, case_manager):
        self.mark(client, 1, "done")
        first, second = RoadmapStep.objects.filter(role=case_manager).order_by("number")[:2]
        first.number = 500
        first.save()
        second.number = 1
        second.save()
        first.number = 2
        first.save()
        html = client.get("/roles/case-manager/").content.decode()
        assert 'id="step-2" class="step is-done"' in html
        assert 'id="step-1" class="step is-next"' in html

    def test_an_unknown_status_is_a_400_and_changes_nothing(self, client, case_manager):
        assert self.mark(client, 1, "finished").status_code == 400
        assert "0 of 10 steps done" in client.get("/roles/case-manager/").content.decode()

    def test_a_step_that_is_not_this_roles_is_a_404(self, client, case_manager):
        assert self.mark(client, 11, "done").status_code == 404

    def test_get_on_a_post_only_address_is_refused(self, client, case_manager):
        assert client.get("/roles/case-manager/steps/1/status/").status_code == 405

    def test_a_post_without_a_csrf_token_is_refused(self, case_manager):
        from django.test import Client

        strict = Client(enforce_csrf_checks=True)
        response = strict.post("/roles/case-manager/steps/1/status/", {"status": "done"})
        assert response.status_code == 403
        assert "0 of 10 steps done" in strict.get("/roles/case-manager/").content.decode()

    def test_each_role_keeps_its_own_progress(self, client, content):
        client.post("/roles/care-manager/steps/1/status/", {"status": "done"})
        assert "0 of 10 steps done" in client.get("/roles/case-manager/").content.decode()
        assert "1 of 10 steps done" in client.get("/roles/care-manager/").content.decode()


class TestNotes:
    def test_a_note_is_kept_and_shown_when_the_visitor_comes_back(self, client, case_manager):
        response = client.post(
            "/roles/case-manager/steps/3/note/", {"note": "Ask my supervisor about the practicum"}
        )
        assert response.status_code == 302
        html = client.get("/roles/case-manager/").content.decode()
        assert "Ask my supervisor about the practicum" in html

    def test_a_note_that_is_too_long_gets_a_clear_message_and_is_not_kept(self, client, case_manager):
        client.post("/roles/case-manager/steps/3/note/", {"note": "keep me"})
        response = client.post("/roles/case-manager/steps/3/note/", {"note": "x" * 501}, **HTMX)
        assert response.status_code == 422
        assert "at most 500 characters" in response.content.decode()
        assert "keep me" in client.get("/roles/case-manager/").content.decode()

    def test_htmx_gets_the_step_back_with_the_note(self, client, case_manager):
        html = client.post(
            "/roles/case-manager/steps/3/note/", {"note": "Call the clinic"}, **HTMX
        ).content.decode()
        assert html.strip().startswith('<li id="step-3"')
        assert "Call the clinic" in html


class TestResetAndShare:
    def test_reset_asks_first_then_clears(self, client, case_manager):
        client.post("/roles/case-manager/steps/1/status/", {"status": "done"})
        confirm = client.get("/roles/case-manager/progress/reset/").content.decode()
        assert "Yes, reset my progress" in confirm
        assert "1 of 10 steps done" in client.get("/roles/case-manager/").content.decode()
        response = client.post("/roles/case-manager/progress/reset/confirm/")
        assert response.status_code == 302
        assert "0 of 10 steps done" in client.get("/roles/case-manager/").content.decode()

    def test_a_share_link_shows_the_marks_read_only_and_can_be_copied(self, client, case_manager):
        client.post("/roles/case-manager/steps/1/status/", {"status": "done"})
        client.post("/roles/case-manager/steps/2/note/", {"note": "Enrol in September"})
        html = client.get("/roles/case-manager/progress/share/", **HTMX).content.decode()
        url = html.split('value="')[1].split('"')[0]
        path = url.split("testserver")[1]

        from django.test import Client

        advisor = Client()
        shared = advisor.get(path).content.decode()
        assert "You are looking at shared progress" in shared
        assert "1 of 10 steps done" in shared and "Enrol in September" in shared
        assert "Mark as done" not in shared
        assert "0 of 10 steps done" in advisor.get("/roles/case-manager/").content.decode()

        advisor.post(path + "copy/")
        assert "1 of 10 steps done" in advisor.get("/roles/case-manager/").content.decode()

    def test_a_forged_or_foreign_share_link_is_a_404(self, client, case_manager):
        token = progress.share_token("care-manager", {"understand-the-role": {"status": "done"}})
        assert client.get(f"/roles/case-manager/shared/{token}/").status_code == 404
        assert client.get("/roles/case-manager/shared/not-a-token/").status_code == 404
        assert client.post("/roles/case-manager/shared/not-a-token/copy/").status_code == 404


class TestFaqs:
    def test_it_lists_every_roles_questions(self, client, content):
        html = client.get("/faqs/").content.decode()
        assert "15 questions." in html
        assert "What is needed to become a Care Manager?" in html

    def test_a_search_finds_matching_questions_and_answers(self, client, content):
        html = client.get("/faqs/?q=stressful").content.decode()
        assert "3 of 15 questions match" in html

    def test_htmx_gets_only_the_results(self, client, content):
        html = client.get("/faqs/?q=degree", **HTMX).content.decode()
        assert html.strip().startswith('<div id="faq-results"')
        assert "<html" not in html

    def test_no_result_gives_a_helpful_message(self, client, content):
        html = client.get("/faqs/?q=zeppelin").content.decode()
        assert "No question or answer mentions “zeppelin”" in html
        assert "see all questions" in html

    @pytest.mark.parametrize("query", ["%", "'; DROP TABLE", "\x00", "é" * 5000, "<script>"])
    def test_junk_queries_never_break_it(self, client, content, query):
        response = client.get("/faqs/", {"q": query})
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("</header>")[1]

    def test_its_query_count_does_not_grow_with_content(self, client, case_manager):
        before = count_queries(client, "/faqs/?q=case")
        add_content(case_manager)
        from django.core.cache import cache

        cache.clear()
        assert count_queries(client, "/faqs/?q=case") == before <= 2


class TestCertifications:
    def test_the_list_names_every_certification_and_its_body(self, client, content):
        html = client.get("/certifications/").content.decode()
        for code in ["CCM", "ACM-RN", "ACM-SW", "CMC", "C-SWCM", "C-ASWCM", "CMGT-BC"]:
            assert f">{code}</a>" in html
        assert "National Academy of Certified Care Managers" in html

    def test_a_certification_shows_article_wording_and_dated_rules(self, client, content):
        html = client.get("/certifications/ancc-cmgt/").content.decode()
        assert "2,000 hours" in html
        assert "read 23 November 2026" in html
        assert "Check my eligibility" in html

    def test_an_unknown_certification_is_a_404(self, client, content):
        assert client.get("/certifications/xyz/").status_code == 404

    def test_query_counts_are_fixed(self, client, content, django_assert_max_num_queries):
        with django_assert_max_num_queries(3):
            client.get("/certifications/")
        with django_assert_max_num_queries(6):
            client.get("/certifications/ccm/")


class TestCaseManagement:
    def test_it_shows_the_process_types_and_figures(self, client, content):
        html = client.get("/case-management/").content.decode()
        assert "Post-transition Communication" in html
        assert "Juvenile Case Manager" in html
        assert "$72,655 a year" in html
        assert "707,000" in html


def test_unknown_pages_get_the_friendly_404(client, content, settings):
    settings.DEBUG = False
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_faq_content_is_not_from_a_placeholder(content):
    assert not Faq.objects.filter(question__icontains="lorem").exists()
