import re

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, axe_violations, screenshot


def no_reload_marker(page):
    page.evaluate("window.__sameDocument = true")


def still_same_document(page) -> bool:
    return page.evaluate("window.__sameDocument === true")


class TestRoleGuideInTheBrowser:
    def test_show_details_expands_a_step_in_place(self, page, site):
        page.goto(site + "/roles/case-manager/")
        no_reload_marker(page)
        toggle = page.locator("#step-3-toggle")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        toggle.click()
        expect(page.locator("#step-3-toggle")).to_have_attribute("aria-expanded", "true")
        expect(page.locator("#step-3-details")).to_be_visible()
        expect(page.locator("#step-3-toggle")).to_be_focused()
        assert page.url.endswith("/roles/case-manager/")
        assert still_same_document(page)
        page.locator("#step-3-toggle").click()
        expect(page.locator("#step-3-toggle")).to_have_attribute("aria-expanded", "false")
        expect(page.locator("#step-3-details")).to_be_hidden()

    def test_marking_steps_moves_the_bar_and_survives_a_reload(self, page, site):
        page.goto(site + "/roles/care-manager/")
        no_reload_marker(page)
        page.locator("#step-1 button", has_text="Mark as done").click()
        expect(page.locator("#progress-count")).to_contain_text("1 of 10 steps done")
        page.locator("#step-2 button", has_text="Mark as done").click()
        expect(page.locator("#progress-count")).to_contain_text("2 of 10 steps done")
        expect(page.locator("#progress progress")).to_have_attribute("value", "2")
        expect(page.locator("#step-3 .badge-next")).to_be_visible()
        page.locator("#step-4 button", has_text="In progress").click()
        expect(page.locator("#step-4 .badge-progress")).to_be_visible()
        assert still_same_document(page)

        page.reload()
        expect(page.locator("#progress-count")).to_contain_text("2 of 10 steps done")
        expect(page.locator("#step-4 .badge-progress")).to_be_visible()
        screenshot(page, "role-with-progress-desktop")

        page.get_by_role("link", name="Reset progress").click()
        page.get_by_role("button", name="Yes, reset my progress").click()
        expect(page.locator("#progress-count")).to_contain_text("0 of 10 steps done")
        page.goto(site + "/roles/care-manager/")
        expect(page.locator("#progress-count")).to_contain_text("0 of 10 steps done")

    def test_the_keyboard_keeps_its_place_and_a_screen_reader_hears_what_happened(self, page, site):
        page.goto(site + "/roles/case-manager/")
        page.locator("#step-2-primary").focus()
        page.keyboard.press("Enter")
        expect(page.locator("#step-2-primary")).to_have_text(re.compile("Mark as not done"))
        expect(page.locator("#step-2-primary")).to_be_focused()
        expect(page.locator("#progress-announcement")).to_have_text("Step 2 done. 1 of 10 steps done.")
        expect(page.locator("#progress-announcement")).to_have_attribute("role", "status")
        page.keyboard.press("Tab")
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")
        expect(page.locator("#step-2-primary")).to_have_text(re.compile("Mark as done"))
        expect(page.locator("#step-2-primary")).to_be_focused()
        expect(page.locator("#progress-announcement")).to_have_text("Step 2 not started. 0 of 10 steps done.")
        page.locator("#step-3-secondary").focus()
        page.keyboard.press("Enter")
        expect(page.locator("#step-3-secondary")).to_have_text(re.compile("Not started"))
        expect(page.locator("#step-3-secondary")).to_be_focused()
        expect(page.locator("#progress-announcement")).to_have_text("Step 3 in progress. 0 of 10 steps done.")

    def test_a_mark_made_the_moment_the_list_comes_back_is_made_in_place(self, page, site):
        # A quick second press lands on buttons htmx has only just put in the page; it must not
        # fall back to a full-page form post.
        page.goto(site + "/roles/case-manager/")
        no_reload_marker(page)
        page.evaluate(
            """() => document.body.addEventListener("htmx:afterSwap",
                () => setTimeout(() => document.getElementById("step-3-primary").click(), 0),
                {once: true})"""
        )
        page.locator("#step-2-primary").click()
        expect(page.locator("#progress-count")).to_contain_text("2 of 10 steps done")
        expect(page.locator("#step-3-primary")).to_have_text(re.compile("Mark as not done"))
        assert page.url.endswith("/roles/case-manager/")
        assert still_same_document(page)

    def test_only_a_visitor_who_saved_progress_fetches_it(self, page, site):
        fetched = []
        page.on("request", lambda request: "/progress/" in request.url and fetched.append(request.url))
        page.goto(site + "/roles/case-manager/")
        page.goto(site + "/roles/case-manager/steps/2/")
        page.wait_for_load_state("networkidle")
        assert fetched == []
        page.locator("#step-2-primary").click()
        expect(page.locator("#progress-count")).to_contain_text("1 of 10 steps done")
        page.goto(site + "/roles/case-manager/")
        expect(page.locator("#step-2 .badge-done")).to_be_visible()
        assert fetched == [site + "/roles/case-manager/progress/"]
        page.goto(site + "/roles/case-manager/steps/2/")
        expect(page.locator("#step-2 .badge-done")).to_be_visible()
        expect(page.locator("#progress-count")).to_contain_text("1 of 10 steps done")

    def test_progress_saved_before_pages_went_public_still_shows(self, browser, site):
        from django.contrib.sessions.backends.db import SessionStore

        from roles.models import Role

        steps = list(Role.objects.get(slug="case-manager").steps.order_by("number"))
        session = SessionStore()
        session["progress"] = {"case-manager": {steps[0].key: {"status": "done", "note": "From last year"}}}
        session.save()
        context = browser.new_context()
        # A visitor from before has their session and the CSRF cookie the old pages set.
        context.add_cookies(
            [
                {"name": "sessionid", "value": session.session_key, "url": site},
                {"name": "csrftoken", "value": "a" * 32, "url": site},
            ]
        )
        page = context.new_page()
        page.goto(site + "/roles/case-manager/")
        expect(page.locator("#progress-count")).to_contain_text("1 of 10 steps done")
        expect(page.locator("#step-1 .step-note")).to_contain_text("From last year")
        context.close()

    def test_a_note_is_saved_and_too_long_a_note_is_explained(self, page, site):
        page.goto(site + "/roles/case-manager/")
        page.locator("#step-2-toggle").click()
        page.fill("#note-2", "Ask my supervisor about the practicum")
        page.get_by_role("button", name="Save note").click()
        expect(page.locator("#step-2 .step-note")).to_contain_text("Ask my supervisor about the practicum")
        page.reload()
        expect(page.locator("#step-2 .step-note")).to_contain_text("Ask my supervisor")

    def test_share_my_progress_opens_the_same_marks_elsewhere(self, page, site, new_context):
        page.goto(site + "/roles/case-manager/")
        page.locator("#step-1 button", has_text="Mark as done").click()
        expect(page.locator("#progress-count")).to_contain_text("1 of 10")
        page.get_by_role("link", name="Share my progress").click()
        link = page.locator("#share-url").input_value()
        assert "/roles/case-manager/shared/" in link

        other = new_context().new_page()
        other.goto(link)
        expect(other.get_by_role("heading", name="You are looking at shared progress")).to_be_visible()
        expect(other.locator("#progress-count")).to_contain_text("1 of 10 steps done")
        other.get_by_role("button", name="Copy into my progress").click()
        expect(other.locator("#progress-count")).to_contain_text("1 of 10 steps done")
        assert "/shared/" not in other.url

    def test_career_stages_with_their_tips_and_faqs_expand_in_place(self, page, site):
        page.goto(site + "/roles/clinical-case-manager/")
        stage = page.locator("details.stage", has_text="(3 tips)").first
        expect(stage.locator(".tips li").first).to_be_hidden()
        stage.locator("summary").click()
        expect(stage.get_by_text("3 tips for this stage")).to_be_visible()
        expect(stage.locator(".tips li")).to_have_count(3)
        expect(stage.locator(".tips li").first).to_be_visible()
        page.get_by_text("How long does it take to become a Clinical Case Manager?").click()
        expect(page.locator("details.faq[open]")).to_have_count(1)

    def test_the_page_is_usable_at_phone_width(self, phone_page, site):
        phone_page.goto(site + "/roles/case-manager/")
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
        screenshot(phone_page, "role-phone")
        phone_page.locator("#step-1 button", has_text="Mark as done").click()
        expect(phone_page.locator("#progress-count")).to_contain_text("1 of 10 steps done")

    def test_the_page_fits_a_laptop_screen(self, page, site):
        page.goto(site + "/roles/case-manager/")
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
        expect(page.get_by_role("heading", level=1)).to_have_text("Case Manager")
        screenshot(page, "role-desktop")


class TestWithoutJavaScript:
    def test_steps_progress_and_reset_work_as_plain_links_and_forms(self, nojs_page, site):
        page = nojs_page
        page.goto(site + "/roles/case-manager/")
        page.locator("#step-3-toggle").click()
        assert page.url.endswith("/roles/case-manager/steps/3/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Gain Experience in Human Services")
        page.get_by_role("button", name=re.compile("Mark as done")).click()
        assert page.url.endswith("/roles/case-manager/progress/#step-3")
        expect(page.locator("#progress-count")).to_contain_text("1 of 10 steps done")
        expect(page.locator("#step-3 .badge-done")).to_be_visible()
        page.fill("#note-3", "Volunteer at the clinic")
        page.locator("#step-3-save-note").click()
        expect(page.locator("#step-3 .step-note")).to_contain_text("Volunteer at the clinic")
        page.goto(site + "/roles/case-manager/")
        page.get_by_role("link", name="My progress", exact=True).click()
        expect(page.locator("#step-3 .badge-done")).to_be_visible()
        page.locator("#step-4-secondary").click()
        expect(page.locator("#step-4 .badge-progress")).to_be_visible()
        page.get_by_role("link", name="Reset progress").click()
        page.get_by_role("button", name="Yes, reset my progress").click()
        expect(page.locator("#progress-count")).to_contain_text("0 of 10 steps done")

    def test_faq_search_submits_as_a_form(self, nojs_page, site):
        nojs_page.goto(site + "/faqs/")
        nojs_page.fill("#faq-q", "stressful")
        nojs_page.get_by_role("main").get_by_role("button", name="Search").click()
        assert "q=stressful" in nojs_page.url
        expect(nojs_page.locator(".result-count")).to_contain_text("3 of 15 questions match")


class TestFaqSearch:
    def test_results_follow_typing_and_the_address_can_be_shared(self, page, site):
        page.goto(site + "/faqs/")
        no_reload_marker(page)
        page.locator("#faq-q").press_sequentially("degree", delay=30)
        expect(page.locator(".result-count")).to_contain_text("match “degree”")
        page.wait_for_url(re.compile(r"q=degree"))
        assert still_same_document(page)
        page.locator("#faq-q").fill("zeppelin")
        expect(page.locator("#faq-results")).to_contain_text("No question or answer mentions “zeppelin”")
        screenshot(page, "faqs-no-result-desktop")


class TestAccessibility:
    def test_role_step_and_faq_pages_have_no_axe_violations(self, page, site):
        page.goto(site + "/roles/case-manager/")
        page.locator("#step-1-primary").click()
        expect(page.locator("#progress-count")).to_contain_text("1 of 10 steps done")
        for path in [
            "/roles/case-manager/",
            "/roles/case-manager/steps/2/",
            "/roles/case-manager/progress/",
            "/faqs/?q=stress",
            "/",
        ]:
            page.goto(site + path)
            assert axe_violations(page) == [], path

    def test_an_expanded_step_has_no_axe_violations(self, page, site):
        page.goto(site + "/roles/care-manager/")
        page.locator("#step-1-toggle").click()
        expect(page.locator("#note-1")).to_be_visible()
        assert axe_violations(page) == []

    def test_printing_shows_every_steps_full_text_and_no_navigation(self, page, site):
        page.goto(site + "/roles/case-manager/")
        page.emulate_media(media="print")
        expect(page.locator("#step-5-details")).to_be_visible()
        expect(page.locator(".site-header")).to_be_hidden()
        expect(page.locator("#step-5 .status-form")).to_be_hidden()
        page.pdf(path=str(screenshot.__globals__["SCREENSHOTS"] / "role-print.pdf"))


class TestCompareInTheBrowser:
    def test_adding_and_removing_roles_swaps_the_table_and_keeps_the_link_shareable(
        self, page, site, new_context
    ):
        page.goto(site + "/compare/?roles=case-manager")
        no_reload_marker(page)
        expect(page.locator("caption").last).to_have_text("Case Manager")
        page.get_by_label("Care Manager").check()
        expect(page.locator(".compare-table caption")).to_have_text("Case Manager compared with Care Manager")
        page.wait_for_url(re.compile(r"roles=case-manager&roles=care-manager"))
        page.get_by_label("Case Manager", exact=True).uncheck()
        expect(page.locator(".compare-table caption")).to_have_text("Care Manager")
        page.get_by_label("Only show differences").check()
        page.wait_for_url(re.compile(r"differences=1"))
        assert still_same_document(page)
        screenshot(page, "compare-desktop")
        shared_link = page.locator("#compare-link").input_value()

        other = new_context().new_page()
        other.goto(page.url)
        expect(other.locator(".compare-table caption")).to_contain_text("Care Manager")
        other.goto(shared_link)
        expect(other.locator(".compare-table caption")).to_contain_text("only the rows where they differ")

    def test_the_form_works_without_javascript(self, nojs_page, site):
        nojs_page.goto(site + "/compare/")
        nojs_page.get_by_label("Clinical Case Manager").uncheck()
        nojs_page.get_by_role("button", name="Update comparison").click()
        assert "roles=case-manager&roles=care-manager" in nojs_page.url
        expect(nojs_page.locator(".compare-table caption")).to_have_text(
            "Case Manager compared with Care Manager"
        )

    def test_it_has_no_axe_violations_and_fits_a_phone(self, phone_page, site):
        phone_page.goto(site + "/compare/")
        assert axe_violations(phone_page) == []
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(phone_page, "compare-phone")


class TestAdvisorInTheBrowser:
    def test_it_has_no_axe_violations(self, phone_page, site):
        phone_page.goto(site + "/advisor/?education=bachelor&field=psychology&cm_months=24&rn_months=999")
        assert axe_violations(phone_page) == []
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(phone_page, "advisor-phone")
