"""The role page at 390 px and 1280 px, and printed as a handout (issue 18 items 1, 2, 5 and 6)."""

import io
import unicodedata

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from roles.models import CareerTip, Faq, RequirementStatement, ResponsibilityItem, Role
from tests.browser.conftest import SCREENSHOTS, ConsoleWatch, axe_violations, screenshot

PHONE_390 = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
ROLES = ["clinical-case-manager", "case-manager", "care-manager"]
MAX_PHONE_HEIGHT = 12_000
MAX_HANDOUT_PAGES = 6
# Words of the page's controls; none of them belongs on paper.
INTERFACE_TEXT = [
    "Mark as done",
    "Mark as not done",
    "Not started",
    "Show details",
    "Save note",
    "Your private note",
    "Check my eligibility",
    "Get a personal plan",
    "Print a handout",
    "Share my progress",
    "Reset progress",
    "My progress",
    "Skip to content",
    "Contents",
    "Back to top",
    "On this page",
    "Compare with",
    "Show the salary figures",
    "Pay by level",
]


@pytest.fixture
def open_page(browser, site):
    """Open pages at a given viewport; fail the test if the browser logged an error."""
    contexts = []

    def make(viewport, javascript=True):
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
        page = context.new_page()
        page.set_default_timeout(10_000)
        contexts.append((context, ConsoleWatch(page)))
        return page

    yield make
    for context, watch in contexts:
        context.close()
        assert watch.problems == [], f"browser console errors: {watch.problems}"


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


class TestQuickFacts:
    @pytest.mark.parametrize("slug", ROLES)
    def test_they_are_above_the_fold_on_a_phone(self, open_page, site, slug):
        page = open_page(PHONE_390)
        page.goto(f"{site}/roles/{slug}/")
        facts = page.locator("#quick-facts")
        expect(facts.get_by_role("heading", name="Quick facts")).to_be_visible()
        box = facts.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE_390["height"], box
        role = Role.objects.get(slug=slug)
        expect(facts).to_contain_text(f"{role.salary_span} a year")
        expect(facts.locator("dt")).to_contain_text(["Pay", "Entry education", "Licence or certification"])
        screenshot(page, f"role-{slug}-phone-first-screen")

    def test_a_fact_links_to_its_section_and_opens_it(self, open_page, site):
        page = open_page(PHONE_390)
        page.goto(site + "/roles/clinical-case-manager/")
        education = page.locator("#requirements-education")
        expect(education).not_to_have_attribute("open", "")
        page.locator("#quick-facts").get_by_role("link", name="Education", exact=True).click()
        expect(education).to_have_attribute("open", "")
        expect(education.locator("li").first).to_be_in_viewport()


class TestLengthOnAPhone:
    @pytest.mark.parametrize("slug", ROLES)
    def test_the_page_is_under_12000px_with_everything_still_in_it(self, open_page, site, slug):
        page = open_page(PHONE_390)
        page.goto(f"{site}/roles/{slug}/")
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height < MAX_PHONE_HEIGHT, height
        role = Role.objects.get(slug=slug)
        expect(page.locator("#responsibilities li")).to_have_count(
            ResponsibilityItem.objects.filter(group__role=role).count()
        )
        expect(page.locator("#career-ladder .tips li")).to_have_count(
            CareerTip.objects.filter(stage__role=role).count()
        )
        expect(page.locator("#requirements .requirement-views li")).to_have_count(
            RequirementStatement.objects.filter(role=role).count()
        )
        expect(page.locator("#skills details")).to_have_count(role.skills.count())
        expect(page.locator("#faqs details")).to_have_count(Faq.objects.filter(role=role).count())
        expect(page.locator(".step-body")).to_have_count(role.steps.count())
        # Opening every disclosure shows it all, still no wider than the phone.
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        expect(page.locator("#responsibilities li").first).to_be_visible()
        assert fits_the_screen(page)
        screenshot(page, f"role-{slug}-phone-all-open")

    def test_each_salary_range_is_shown_once_and_the_table_is_its_alternative(self, open_page, site):
        page = open_page(PHONE_390)
        page.goto(site + "/roles/care-manager/")
        salary = page.locator("#salary-ladder")
        shown = salary.inner_text()
        for level in Role.objects.get(slug="care-manager").salary_levels.all():
            assert shown.count(level.span) == 1, level.span
        table = salary.locator("table")
        expect(table).to_be_hidden()
        salary.get_by_text("Show the salary figures as a table").click()
        expect(table).to_be_visible()


class TestFindingYourWay:
    def test_on_a_laptop_the_contents_stay_in_view_while_scrolling(self, open_page, site):
        page = open_page(LAPTOP)
        page.goto(site + "/roles/case-manager/")
        contents = page.get_by_role("navigation", name="On this page")
        expect(contents.get_by_role("link", name="Pay")).to_be_visible()
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
        expect(contents).to_be_in_viewport()
        contents.get_by_role("link", name="Sources").click()
        expect(page.get_by_role("heading", name="Sources for this guide")).to_be_in_viewport()
        expect(contents).to_be_in_viewport()
        expect(page.get_by_role("link", name="Back to top")).to_be_hidden()

    def test_on_a_phone_contents_and_back_to_top_are_always_a_tap_away(self, open_page, site):
        page = open_page(PHONE_390)
        page.goto(site + "/roles/case-manager/")
        back_to_top = page.get_by_role("link", name="Back to top")
        expect(back_to_top).to_be_hidden()  # nothing covers the first screen
        page.mouse.wheel(0, 5000)
        expect(back_to_top).to_be_visible()
        expect(back_to_top).to_be_in_viewport()
        page.locator(".jump-bar").get_by_role("link", name="Contents").click()
        contents = page.get_by_role("navigation", name="On this page")
        expect(contents.get_by_role("link", name="Certifications")).to_be_visible()
        expect(contents).to_be_in_viewport()
        contents.get_by_role("link", name="Certifications").click()
        expect(page.get_by_role("heading", name="Certifications for a Case Manager")).to_be_in_viewport()

    def test_without_javascript_the_contents_open_and_jump(self, open_page, site):
        page = open_page(PHONE_390, javascript=False)
        page.goto(site + "/roles/care-manager/")
        contents = page.get_by_role("navigation", name="On this page")
        contents.get_by_text("Contents").click()
        contents.get_by_role("link", name="Pay").click()
        assert page.url.endswith("#salary-ladder")
        expect(page.get_by_role("heading", name="Care Manager salary")).to_be_in_viewport()

    def test_a_phone_and_a_laptop_find_no_axe_violations(self, open_page, site):
        for viewport in (PHONE_390, LAPTOP):
            page = open_page(viewport)
            page.goto(site + "/roles/clinical-case-manager/")
            assert axe_violations(page) == [], viewport
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            assert axe_violations(page) == [], viewport


class TestNoPageIsWiderThanTheScreen:
    @pytest.mark.parametrize("viewport", [PHONE_390, LAPTOP], ids=["390", "1280"])
    def test_role_and_step_pages(self, open_page, site, viewport):
        page = open_page(viewport)
        for slug in ROLES:
            for path in [f"/roles/{slug}/", f"/roles/{slug}/steps/2/", f"/roles/{slug}/steps/10/"]:
                page.goto(site + path)
                assert fits_the_screen(page), path
        page.goto(site + "/roles/case-manager/steps/3/")
        screenshot(page, f"step-{viewport['width']}")


class TestSalaryChartLabels:
    @pytest.mark.parametrize("viewport", [PHONE_390, LAPTOP], ids=["390", "1280"])
    def test_tick_labels_never_touch(self, open_page, site, viewport):
        page = open_page(viewport)
        for path in [f"/roles/{slug}/" for slug in ROLES] + ["/compare/"]:
            page.goto(site + path)
            chart = page.locator(".salary-chart").first.bounding_box()
            labels = [box for box in (label.bounding_box() for label in page.locator(".axis-label").all())]
            assert len(labels) >= 3, path
            labels.sort(key=lambda box: box["x"])
            for left, right in zip(labels, labels[1:], strict=False):
                assert left["x"] + left["width"] + 4 <= right["x"], (path, left, right)
            assert labels[0]["x"] >= chart["x"] - 1
            assert labels[-1]["x"] + labels[-1]["width"] <= chart["x"] + chart["width"] + 1


class TestHandout:
    def marked_page(self, open_page, site, slug):
        page = open_page(LAPTOP)
        page.goto(f"{site}/roles/{slug}/")
        page.locator("#step-1-primary").click()
        expect(page.locator("#progress-count")).to_contain_text("1 of 10 steps done")
        page.locator("#step-2-secondary").click()
        expect(page.locator("#step-2 .badge-progress")).to_be_visible()
        page.locator("#step-3-toggle").click()
        page.fill("#note-3", "Ask my supervisor about a practicum on the hospital's case management team")
        page.locator("#step-3-save-note").click()
        expect(page.locator("#step-3 .step-note")).to_contain_text("Ask my supervisor")
        page.reload()  # the marks come back in the private fragment, as for any returning reader
        expect(page.locator("#step-3 .step-note")).to_contain_text("Ask my supervisor")
        return page

    @pytest.mark.parametrize("slug", ROLES)
    def test_a_role_prints_on_at_most_six_letter_pages_with_the_readers_marks(self, open_page, site, slug):
        page = self.marked_page(open_page, site, slug)
        pdf = page.pdf(format="Letter")
        (SCREENSHOTS / f"role-{slug}-handout.pdf").write_bytes(pdf)
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) <= MAX_HANDOUT_PAGES
        # NFKC undoes the PDF's ligatures ("ﬁ" for "fi").
        text = unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in reader.pages))
        text = " ".join(text.split())
        role = Role.objects.get(slug=slug)
        for word in ["Quick facts", "Time to qualify", "Sources for this guide", "Content last changed"]:
            assert word.lower() in text.lower(), word
        assert f"{site}/roles/{slug}/" in text  # the page's address
        assert "Printed " in text  # the date it was printed
        for step in role.steps.all():
            assert " ".join(step.title.split()) in text, step.title
            assert " ".join(step.body[-1].split())[-40:] in text  # each step in full
        assert "Ask my supervisor about a practicum" in text
        assert "Done" in text and "In progress" in text
        for level in role.salary_levels.all():
            assert text.count(level.span) == 1, level.span  # pay once
        for words in INTERFACE_TEXT:
            assert words not in text, words

    def test_the_longest_handout_with_the_longest_note_on_every_step_still_fits(self, browser, site):
        from django.contrib.sessions.backends.db import SessionStore

        from roadmap.progress import NOTE_MAX_LENGTH

        note = ("Call the hospital's case management office about shadowing a case manager. " * 10)[
            :NOTE_MAX_LENGTH
        ]
        for slug in ROLES:
            steps = Role.objects.get(slug=slug).steps.all()
            session = SessionStore()
            session["progress"] = {slug: {step.key: {"status": "done", "note": note} for step in steps}}
            session.save()
            context = browser.new_context(viewport=LAPTOP)
            context.add_cookies(
                [
                    {"name": "sessionid", "value": session.session_key, "url": site},
                    {"name": "progress", "value": "1", "url": site},  # "this visitor has marks"
                ]
            )
            page = context.new_page()
            page.goto(f"{site}/roles/{slug}/")
            expect(page.locator("#progress-count")).to_contain_text("10 of 10 steps done")
            reader = PdfReader(io.BytesIO(page.pdf(format="Letter")))
            context.close()
            assert len(reader.pages) <= MAX_HANDOUT_PAGES, slug

    def test_the_printed_page_hides_every_control(self, open_page, site):
        page = self.marked_page(open_page, site, "care-manager")
        page.emulate_media(media="print")
        for selector in [
            ".site-header",
            ".site-footer",
            "#contents",
            ".jump-bar",
            ".head-actions",
            "#step-1 .status-form",
            "#step-3 .note-form",
            "#step-3-toggle",
            ".progress-actions",
            "#certifications",
        ]:
            expect(page.locator(selector).first).to_be_hidden()
        for selector in [
            "#quick-facts",
            "#step-5-details",
            "#step-3 .step-note",
            ".salary-chart",
            "#sources",
        ]:
            expect(page.locator(selector)).to_be_visible()
        page.screenshot(path=str(SCREENSHOTS / "role-care-manager-print.png"), full_page=True)
