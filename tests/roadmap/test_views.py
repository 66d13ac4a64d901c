import re

import pytest
from django.utils.html import escape

from roadmap import progress, search
from roles.models import Faq, RoadmapStep, Role
from tests import factories

HTMX = {"HTTP_HX_REQUEST": "true"}


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

    def test_its_query_count_is_fixed(self, client, content, django_assert_num_queries):
        # The content version, roles, their salary levels with sources, their requirement statements
        # with sources, certifications, their roles.
        with django_assert_num_queries(6):
            html = client.get("/").content.decode()
        assert "$35,000 – $150,000+" in html and "C-ASWCM" in html
        # Each card's typical entry is its own article's first education statement.
        assert "A bachelor&#x27;s in social work, nursing, psychology or a related field." in html


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
        assert (
            '<span class="source">Source: <a href="/sources/#source-001">From Crisis to Stability</a></span>'
            in html
        )
        assert "Can I be a case manager without a degree?" in html

    def test_the_salary_chart_draws_a_bar_per_level_and_marks_open_tops(self, client, case_manager):
        html = client.get("/roles/case-manager/").content.decode()
        assert html.count('class="bar"') == 5
        assert html.count('class="bar-tail"') == 2  # two levels end in "+"
        assert "<caption>Salary ladder figures</caption>" in html

    def test_clinical_guide_shows_both_sources_on_education(self, client, content):
        html = client.get("/roles/clinical-case-manager/").content.decode()
        assert "what the sources say" in html
        assert '<a href="/sources/#source-002">How to Become a Clinical Case Manager</a>' in html

    def test_average_pay_figures_sit_with_the_salary_ladder_they_relate_to(self, client, content):
        html = client.get("/roles/case-manager/").content.decode()
        salary = html.split('id="salary-ladder"')[1].split("</section>\n\n")[0]
        assert "$72,655 a year</strong>, according to PayScale (No date given)" in salary
        assert "$50,550 a year</strong> (By late 2020)" in salary
        # Only pay figures for this role: no empty "Jobs and outlook" table, no link to one.
        assert 'id="outlook"' not in html and 'href="#outlook"' not in html
        clinical = client.get("/roles/clinical-case-manager/").content.decode()
        assert 'id="outlook"' in clinical and 'href="#outlook"' in clinical
        assert "72,655" not in clinical

    def test_an_unknown_role_is_a_404(self, client, content):
        assert client.get("/roles/astronaut/").status_code == 404

    def test_its_query_count_does_not_grow_with_content(
        self, client, case_manager, django_assert_num_queries
    ):
        add_content(case_manager)
        with django_assert_num_queries(15):
            html = client.get("/roles/case-manager/").content.decode()
        assert html.count('class="step-title"') == 15

    def test_its_query_count_is_pinned_and_reads_every_section(
        self, client, case_manager, django_assert_num_queries
    ):
        # The content version, the role with its source, steps, responsibility groups and their
        # items, skills, career stages and their tips, salary levels, FAQs, requirements,
        # specialisations, certifications, statistics, and the other roles for the links.
        with django_assert_num_queries(15):
            html = client.get("/roles/case-manager/").content.decode()
        assert "Executive Director of Case Management" in html  # a career stage
        assert "Can I be a case manager without a degree?" in html  # an FAQ


class TestStep:
    def test_a_step_opened_directly_is_a_whole_page(self, client, case_manager):
        html = client.get("/roles/case-manager/steps/3/").content.decode()
        assert "<html" in html
        assert "Gain Experience in Human Services" in html
        assert "hidden" not in html.split('id="step-3-details"')[1].split(">")[0]
        assert "Step 4:" in html  # link to the following step

    def test_on_the_guide_each_steps_details_are_in_the_page_behind_a_link_to_its_own_page(
        self, client, case_manager
    ):
        html = client.get("/roles/case-manager/").content.decode()
        toggle = html.split('id="step-3-toggle"')[1].split(">")[0]
        assert 'href="/roles/case-manager/steps/3/"' in toggle
        assert 'aria-expanded="false"' in toggle
        assert " hidden" in html.split('id="step-3-details"')[1].split(">")[0]
        assert "Gain Experience in Human Services" in html

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

    def test_its_query_count_does_not_grow_with_content(
        self, client, case_manager, django_assert_num_queries
    ):
        # The content version, the role with its source, and its steps with theirs.
        with django_assert_num_queries(3):
            assert "Step 3:" in client.get("/roles/case-manager/steps/2/").content.decode()
        add_content(case_manager)
        with django_assert_num_queries(3):
            assert "Step 3:" in client.get("/roles/case-manager/steps/2/").content.decode()


def my_progress(client, slug="case-manager") -> str:
    response = client.get(f"/roles/{slug}/progress/")
    assert response.status_code == 200
    return response.content.decode()


class TestMarkingSteps:
    def mark(self, client, number, status, **extra):
        return client.post(f"/roles/case-manager/steps/{number}/status/", {"status": status}, **extra)

    def test_marking_done_without_javascript_redirects_to_my_progress(self, client, case_manager):
        response = self.mark(client, 1, "done")
        assert response.status_code == 302
        assert response["Location"] == "/roles/case-manager/progress/#step-1"
        html = my_progress(client)
        assert "1 of 10 steps done" in html
        assert 'Next step: <a href="#step-2">' in html

    def test_htmx_gets_the_step_list_the_progress_bar_and_an_announcement(self, client, case_manager):
        response = self.mark(client, 2, "in-progress", **HTMX)
        html = response.content.decode()
        assert response.status_code == 200
        assert html.strip().startswith('<ol id="step-list"')
        assert 'id="progress" class="progress-summary" hx-swap-oob="true"' in html
        assert "In progress</span>" in html
        assert (
            '<p id="progress-announcement" hx-swap-oob="innerHTML">'
            "Step 2 in progress. 0 of 10 steps done.</p>" in html
        )
        assert "<html" not in html
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]

    def test_the_replacement_button_keeps_the_pressed_buttons_id_so_focus_stays_on_it(
        self, client, case_manager
    ):
        before = client.get("/roles/case-manager/").content.decode()
        assert 'id="step-2-primary" type="submit" name="status" value="done"' in before
        after = self.mark(client, 2, "done", **HTMX).content.decode()
        assert 'id="step-2-primary" type="submit" name="status" value=""' in after
        assert "Step 2 done. 1 of 10 steps done." in after

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
        html = my_progress(client)
        assert "3 of 10 steps done" in html
        assert 'value="3"' in html
        assert 'Next step: <a href="#step-3">' in html
        assert html.count("badge-next") == 1

    def test_marks_follow_the_steps_key_not_its_number(self, client, case_manager):
        self.mark(client, 1, "done")
        first, second = RoadmapStep.objects.filter(role=case_manager).order_by("number")[:2]
        first.number = 500
        first.save()
        second.number = 1
        second.save()
        first.number = 2
        first.save()
        html = my_progress(client)
        assert 'id="step-2" class="step is-done"' in html
        assert 'id="step-1" class="step is-next"' in html

    @pytest.mark.parametrize("data", [{"status": "finished"}, {}, {"status": ["done", ""]}])
    def test_a_missing_unknown_or_repeated_status_is_a_400_and_changes_nothing(
        self, client, case_manager, data
    ):
        self.mark(client, 1, "in-progress")
        response = client.post("/roles/case-manager/steps/1/status/", data)
        assert response.status_code == 400
        assert "Choose one status" in response.content.decode()
        assert 'id="step-1" class="step is-in-progress' in my_progress(client)

    def test_htmx_gets_a_422_for_a_bad_status(self, client, case_manager):
        response = client.post("/roles/case-manager/steps/1/status/", {}, **HTMX)
        assert response.status_code == 422

    def test_a_step_that_is_not_this_roles_is_a_404(self, client, case_manager):
        assert self.mark(client, 11, "done").status_code == 404

    def test_get_on_a_post_only_address_is_refused(self, client, case_manager):
        assert client.get("/roles/case-manager/steps/1/status/").status_code == 405

    def test_each_role_keeps_its_own_progress(self, client, content):
        client.post("/roles/care-manager/steps/1/status/", {"status": "done"})
        assert "0 of 10 steps done" in my_progress(client, "case-manager")
        assert "1 of 10 steps done" in my_progress(client, "care-manager")


class TestCrossSiteRequests:
    """Progress forms sit on public pages with no CSRF token; the browser's own headers decide."""

    URLS = [
        ("/roles/case-manager/steps/1/status/", {"status": "done"}),
        ("/roles/case-manager/steps/1/note/", {"note": "hello"}),
        ("/roles/case-manager/progress/reset/confirm/", {}),
    ]

    @pytest.mark.parametrize("url,data", URLS)
    @pytest.mark.parametrize(
        "headers",
        [
            {"HTTP_SEC_FETCH_SITE": "cross-site"},
            {"HTTP_SEC_FETCH_SITE": "same-site"},
            {"HTTP_ORIGIN": "https://evil.example"},
            {"HTTP_ORIGIN": "null"},
            {"HTTP_REFERER": "https://evil.example/page"},
            {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "http://testserver"},
        ],
    )
    def test_a_post_another_site_started_is_refused_and_changes_nothing(
        self, client, case_manager, url, data, headers
    ):
        client.post("/roles/case-manager/steps/1/note/", {"note": "keep me"})
        response = client.post(url, data, **headers)
        assert response.status_code == 403
        assert "came from another website" in response.content.decode()
        html = my_progress(client)
        assert "0 of 10 steps done" in html and "keep me" in html

    @pytest.mark.parametrize(
        "headers",
        [
            {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
            {"HTTP_ORIGIN": "http://testserver"},
            {"HTTP_REFERER": "http://testserver/roles/case-manager/"},
        ],
    )
    def test_a_post_from_our_own_pages_is_accepted_without_a_token(self, case_manager, headers):
        from django.test import Client

        strict = Client(enforce_csrf_checks=True)
        response = strict.post("/roles/case-manager/steps/1/status/", {"status": "done"}, **headers)
        assert response.status_code == 302
        assert "1 of 10 steps done" in my_progress(strict)

    def test_the_admin_still_demands_djangos_token(self, admin_user):
        from django.test import Client

        strict = Client(enforce_csrf_checks=True)
        strict.force_login(admin_user)
        response = strict.post("/admin/roles/faq/add/", {}, HTTP_ORIGIN="http://testserver")
        assert response.status_code == 403


class TestPublicPagesAreTheSameForEveryone:
    PAGES = ["/roles/case-manager/", "/roles/case-manager/steps/1/"]

    @pytest.mark.parametrize("url", PAGES)
    def test_a_visitor_with_progress_and_one_without_get_the_same_bytes(self, client, case_manager, url):
        from django.test import Client

        client.post("/roles/case-manager/steps/1/status/", {"status": "done"})
        client.post("/roles/case-manager/steps/1/note/", {"note": "Private thought"})
        assert "Private thought" in my_progress(client)
        mine = client.get(url)
        stranger = Client().get(url)
        assert mine.content == stranger.content
        assert "Private thought" not in mine.content.decode()
        for response in (mine, stranger):
            assert not response.cookies
            assert "Cookie" not in response.get("Vary", "")
            assert response["Cache-Control"].startswith("public")
            assert "csrfmiddlewaretoken" not in response.content.decode()

    def test_progress_saved_before_public_pages_is_shown_unchanged(self, client, case_manager):
        steps = list(case_manager.steps.order_by("number"))
        session = client.session
        # The shape sessions have had since progress was first kept: role slug → step key → mark.
        session["progress"] = {
            "case-manager": {
                steps[0].key: {"status": "done"},
                steps[1].key: {"status": "in-progress", "note": "Ask about evening classes"},
            }
        }
        session.save()
        fragment = client.get("/roles/case-manager/progress/", **HTMX)
        html = fragment.content.decode()
        assert html.strip().startswith('<div id="progress"')
        assert "1 of 10 steps done" in html
        assert 'id="step-1" hx-swap-oob="true" class="step is-done"' in html
        assert 'id="step-2" hx-swap-oob="true" class="step is-in-progress is-next"' in html
        assert "Ask about evening classes" in html
        assert fragment.cookies["progress"].value == "1"

    def test_the_fetched_marks_carry_only_the_steps_that_differ_from_the_public_page(
        self, client, case_manager
    ):
        client.post("/roles/case-manager/steps/4/status/", {"status": "in-progress"})
        html = client.get("/roles/case-manager/progress/", **HTMX).content.decode()
        # Step 4 has a mark; step 1 is the next step here as on the public page, so it is sent
        # too (the public page's next step is always sent, in case it no longer is).
        assert re.findall(r'<li id="(step-\d+)" hx-swap-oob="true"', html) == ["step-1", "step-4"]
        client.post("/roles/case-manager/steps/1/status/", {"status": "done"})
        client.post("/roles/case-manager/steps/2/note/", {"note": "Soon"})
        html = client.get("/roles/case-manager/progress/", **HTMX).content.decode()
        assert re.findall(r'<li id="(step-\d+)" hx-swap-oob="true"', html) == ["step-1", "step-2", "step-4"]
        assert 'id="step-2" hx-swap-oob="true" class="step is-next"' in html

    def test_the_progress_cookie_says_whether_to_fetch_marks(self, client, case_manager):
        marked = client.post("/roles/case-manager/steps/1/status/", {"status": "done"})
        assert marked.cookies["progress"].value == "1"
        assert marked.cookies["progress"]["httponly"] == ""  # the page's script reads it
        cleared = client.post("/roles/case-manager/progress/reset/confirm/")
        assert cleared.cookies["progress"].value == "0"

    def test_the_public_page_tells_the_script_where_the_visitors_marks_are(self, client, case_manager):
        html = client.get("/roles/case-manager/").content.decode()
        assert 'data-progress-url="/roles/case-manager/progress/" data-progress-target="#progress"' in html
        step = client.get("/roles/case-manager/steps/4/").content.decode()
        assert (
            'data-progress-url="/roles/case-manager/progress/?step=4" data-progress-target="#step-4"' in step
        )

    def test_one_steps_marks_come_back_for_the_step_page(self, client, case_manager):
        client.post("/roles/case-manager/steps/4/note/", {"note": "Done by June"})
        html = client.get("/roles/case-manager/progress/?step=4", **HTMX).content.decode()
        assert html.strip().startswith('<li id="step-4"')
        assert "Done by June" in html
        assert 'hx-swap-oob="true"' in html  # the progress summary too

    def test_my_progress_is_private_and_has_every_control(self, client, case_manager):
        response = client.get("/roles/case-manager/progress/")
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        html = response.content.decode()
        assert html.count('name="status"') >= 10 and html.count('name="note"') == 10
        assert "Share my progress" in html and "Reset progress" in html


class TestNotes:
    def test_a_note_is_kept_and_shown_when_the_visitor_comes_back(self, client, case_manager):
        response = client.post(
            "/roles/case-manager/steps/3/note/", {"note": "Ask my supervisor about the practicum"}
        )
        assert response.status_code == 302
        assert "Ask my supervisor about the practicum" in my_progress(client)

    def test_status_and_note_on_one_step_keep_each_other(self, client, case_manager):
        client.post("/roles/case-manager/steps/3/status/", {"status": "done"})
        client.post("/roles/case-manager/steps/3/note/", {"note": "Finished in May"})
        html = my_progress(client)
        assert 'id="step-3" class="step is-done"' in html and "Finished in May" in html

    def test_a_note_that_is_too_long_gets_a_clear_message_and_is_not_kept(self, client, case_manager):
        client.post("/roles/case-manager/steps/3/note/", {"note": "keep me"})
        response = client.post("/roles/case-manager/steps/3/note/", {"note": "x" * 501}, **HTMX)
        assert response.status_code == 422
        html = response.content.decode()
        assert "at most 500 characters" in html
        assert "x" * 501 in html  # what they typed is still there to shorten
        assert "keep me" in my_progress(client)

    def test_htmx_gets_the_step_back_open_with_the_note(self, client, case_manager):
        html = client.post(
            "/roles/case-manager/steps/3/note/", {"note": "Call the clinic"}, **HTMX
        ).content.decode()
        assert html.strip().startswith('<li id="step-3"')
        assert "Call the clinic" in html
        assert " hidden" not in html.split('id="step-3-details"')[1].split(">")[0]
        assert "Note saved on step 3." in html


class TestResetAndShare:
    def test_reset_asks_first_then_clears(self, client, case_manager):
        client.post("/roles/case-manager/steps/1/status/", {"status": "done"})
        confirm = client.get("/roles/case-manager/progress/reset/").content.decode()
        assert "Yes, reset my progress" in confirm
        assert "1 of 10 steps done" in my_progress(client)
        response = client.post("/roles/case-manager/progress/reset/confirm/")
        assert response.status_code == 302
        assert "0 of 10 steps done" in my_progress(client)

    def test_a_share_link_shows_the_marks_read_only_and_can_be_copied(self, client, case_manager, settings):
        settings.SITE_URL = "https://careerpath.example"
        client.post("/roles/case-manager/steps/1/status/", {"status": "done"})
        client.post("/roles/case-manager/steps/2/note/", {"note": "Enrol in September"})
        html = client.get("/roles/case-manager/progress/share/", **HTMX).content.decode()
        url = html.split('value="')[1].split('"')[0]
        assert url.startswith("https://careerpath.example/roles/case-manager/shared/")
        path = url.removeprefix("https://careerpath.example")

        from django.test import Client

        advisor = Client()
        shared = advisor.get(path)
        assert "private" in shared["Cache-Control"]
        shared = shared.content.decode()
        assert "You are looking at shared progress" in shared
        assert "1 of 10 steps done" in shared and "Enrol in September" in shared
        assert "Mark as done" not in shared
        assert "0 of 10 steps done" in my_progress(advisor)

        advisor.post(path + "copy/")
        assert "1 of 10 steps done" in my_progress(advisor)

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
        response = client.get("/faqs/", {"q": query}, follow=True)
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("</header>")[1]

    def test_its_query_count_does_not_grow_with_content(
        self, client, case_manager, django_assert_num_queries
    ):
        # The content version, then every FAQ with its role and source, then the site search's
        # (none with SQLite's in-process index). The search index is built once for each content
        # version, by a first search, before the counted request.
        expected = 2 + search.queries_per_search()
        client.get("/search/?q=warm")
        with django_assert_num_queries(expected):
            assert "match" in client.get("/faqs/?q=case").content.decode()
        add_content(case_manager)
        client.get("/search/?q=warm")
        with django_assert_num_queries(expected):
            assert "match" in client.get("/faqs/?q=case").content.decode()


class TestCertifications:
    def test_the_list_names_every_certification_and_its_body(self, client, content):
        html = client.get("/certifications/").content.decode()
        for code in ["CCM", "ACM-RN", "ACM-SW", "CMC", "C-SWCM", "C-ASWCM", "CMGT-BC"]:
            assert f">{code}</a>" in html
        assert "National Academy of Certified Care Managers" in html

    def test_a_certification_shows_article_wording_and_dated_rules(self, client, content):
        html = client.get("/certifications/ancc-cmgt/").content.decode()
        assert "2,000 hours" in html
        # ANCC's rules are the guide article's wording: no page of ANCC's was read, so no date.
        assert ">ANCC criteria as the guide words them</a></span></p>" in html
        assert "read 23 November 2026" not in html
        html = client.get("/certifications/ccm/").content.decode()
        assert ">CCMC eligibility criteria</a></span>, read 23 November 2026</p>" in html
        assert "Check my eligibility" in html

    def test_an_unknown_certification_is_a_404(self, client, content):
        assert client.get("/certifications/xyz/").status_code == 404

    def test_query_counts_are_fixed(self, client, content, django_assert_num_queries):
        # The content version, the certifications with their bodies, and their roles.
        with django_assert_num_queries(3):
            assert (
                "National Academy of Certified Care Managers"
                in client.get("/certifications/").content.decode()
            )
        # The content version, the certification with its body and sources, roles, statements, paths.
        with django_assert_num_queries(5):
            assert "Check my eligibility" in client.get("/certifications/ccm/").content.decode()


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


def quick_facts_block(html: str) -> str:
    return html.split('id="quick-facts"')[1].split("</section>")[0]


class TestRoleQuickFacts:
    def test_each_line_comes_from_the_content_with_its_source_and_a_link_to_its_section(
        self, client, content
    ):
        for role in Role.objects.for_guide():
            html = client.get(role.get_absolute_url()).content.decode()
            facts = quick_facts_block(html)
            assert f"{role.salary_span} a year" in facts
            degree = next(
                condition["text"]
                for step in role.steps.all()
                for condition in step.covered_when or []
                if condition["kind"] == "degree"
            )
            assert escape(degree) in facts
            for certification in role.certifications.all():
                assert f'<span class="name">{certification.code}</span>' in facts
            durations = [s for s in role.requirements.all() if s.aspect == "duration"]
            own = [s for s in durations if s.source_id == role.source_id] or durations
            assert escape(own[0].text) in facts
            assert f'<a href="/sources/#{role.salary_levels.all()[0].source.anchor}">' in facts
            for target in re.findall(r'href="#([^"]+)"', facts):
                assert f'id="{target}"' in html, (role.slug, target)

    def test_outlook_shows_only_where_the_content_has_figures(self, client, content):
        clinical = client.get("/roles/clinical-case-manager/").content.decode()
        growth = next(
            statistic
            for statistic in Role.objects.get(slug="clinical-case-manager").statistics.all()
            if statistic.kind == "growth"
        )
        assert f"{growth.display_value} ({growth.period})" in quick_facts_block(clinical)
        case_manager = client.get("/roles/case-manager/").content.decode()
        assert "Outlook" not in quick_facts_block(case_manager)

    def test_a_role_with_nothing_for_a_line_leaves_the_line_out(self, client, role_factory):
        role = role_factory()
        html = client.get(role.get_absolute_url()).content.decode()
        assert 'id="quick-facts"' not in html  # no pay, education, licence, time or outlook to show
        factories.SalaryLevelFactory(role=role, source=role.source, low=30_000, high=45_000)
        facts = quick_facts_block(client.get(role.get_absolute_url()).content.decode())
        assert "$30,000 – $45,000 a year" in facts
        for label in ["Entry education", "Licence or certification", "Time to qualify", "Outlook"]:
            assert label not in facts

    def test_each_salary_range_is_shown_once(self, client, content):
        for role in Role.objects.for_guide():
            page = client.get(role.get_absolute_url()).content.decode().split("<body")[1]
            for level in role.salary_levels.all():
                # The chart's label; the table (the chart's alternative) gives low and high apart.
                assert page.count(level.span) == 1, (role.slug, level.span)
            assert page.count('class="bar"') == len(role.salary_levels.all())

    def test_long_lists_sit_behind_disclosures_with_everything_in_the_page(self, client, content):
        role = Role.objects.for_guide().get(slug="clinical-case-manager")
        html = client.get(role.get_absolute_url()).content.decode()
        responsibilities = html.split('id="responsibilities"')[1].split("</section>")[0]
        assert len(re.findall(r'<details id="duties-\d+" class="disclosure">', responsibilities)) == len(
            role.responsibility_groups.all()
        )
        for group in role.responsibility_groups.all():
            for entry in group.items.all():
                assert escape(entry.text) in responsibilities
        for stage in role.career_stages.all():
            for tip in stage.tips.all():
                assert escape(tip.text) in html
        for statement in role.requirements.all():
            assert escape(statement.text) in html
        for statistic in role.outlook_statistics():
            assert escape(statistic.label) in html

    def test_the_handout_line_names_the_sites_own_address_and_the_content_date(
        self, client, content, settings
    ):
        settings.SITE_URL = "https://careerpath.example"
        html = client.get("/roles/care-manager/", HTTP_HOST="localhost").content.decode()
        assert "https://careerpath.example/roles/care-manager/ · Content last changed" in html
        again = client.get("/roles/care-manager/", HTTP_HOST="127.0.0.1").content.decode()
        assert again == html  # the same bytes whatever the Host

    def test_the_sources_section_lists_every_source_the_page_cites(self, client, content):
        for slug in ["clinical-case-manager", "case-manager", "care-manager"]:
            html = client.get(f"/roles/{slug}/").content.decode()
            body, sources = html.split('id="sources-heading"')
            cited = set(re.findall(r'href="/sources/#(source-[^"]+)"', body))
            listed = set(re.findall(r'href="/sources/#(source-[^"]+)"', sources.split("</section>")[0]))
            assert cited and cited == listed, slug
