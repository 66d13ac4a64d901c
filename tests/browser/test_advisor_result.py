"""The advisor in a real browser at 390 px (a phone) and 1280 px (a laptop), with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, ConsoleWatch, axe_violations, screenshot

WIDTHS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}
PEOPLE = {
    "nurse": (
        "education=bachelor&field=nursing&licenses=rn&cm_months=14&hospital_cm_months=10&rn_months=60"
        "&cm_nursing_hours=1800&nursing_ce_hours=30"
    ),
    "social-worker": (
        "education=master&field=social-work-cswe&licenses=msw&cm_months=30&social_work_ce_hours=20"
        "&interests=mental-health"
    ),
    "career-changer": "education=bachelor&field=other&interests=older-adults&goal=care-manager",
}


@pytest.fixture
def open_page(browser, site):
    """Give a function opening a page at a width, with or without JavaScript; console errors fail the test."""
    contexts = []

    def make(width: str, javascript: bool = True):
        context = browser.new_context(viewport=WIDTHS[width], java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        watches.append(ConsoleWatch(page))
        return page

    watches: list[ConsoleWatch] = []
    yield make
    for context in contexts:
        context.close()
    assert [problem for watch in watches for problem in watch.problems] == []


def in_view(page, selector: str) -> bool:
    return page.evaluate(
        """selector => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.top >= 0 && box.top < window.innerHeight && box.bottom > 0;
        }""",
        selector,
    )


def comes_into_view(page, selector: str) -> bool:
    """Give whether the element is in view within 3 seconds (Chromium scrolls to a #fragment after load)."""
    for _ in range(30):
        if in_view(page, selector):
            return True
        page.wait_for_timeout(100)
    return False


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def answer_a_few_questions(page):
    page.get_by_label("Highest education").select_option("bachelor")
    page.get_by_label("Its field").select_option("psychology")
    page.get_by_label("Case or care management").fill("24")
    page.get_by_role("button", name="Show my plan").click()


@pytest.mark.parametrize("width", WIDTHS)
class TestTheResult:
    def test_an_empty_form_shows_a_prompt_not_verdicts(self, open_page, site, width):
        page = open_page(width)
        page.goto(site + "/advisor/")
        expect(page.locator("#advisor-summary")).to_contain_text("Your plan appears here")
        expect(page.locator("#advisor-result")).not_to_contain_text("Not eligible yet")
        assert no_sideways_scroll(page)

    def test_after_submitting_with_javascript_the_summary_is_in_view_and_focused(
        self, open_page, site, width
    ):
        page = open_page(width)
        page.goto(site + "/advisor/")
        answer_a_few_questions(page)
        expect(page.locator("#advisor-summary")).to_contain_text("Eligible now: CCM")
        expect(page.locator("#advisor-summary")).to_be_focused()
        assert comes_into_view(page, "#advisor-summary")
        assert "education=bachelor" in page.url

    def test_after_submitting_without_javascript_the_summary_is_in_view(self, open_page, site, width):
        page = open_page(width, javascript=False)
        page.goto(site + "/advisor/")
        answer_a_few_questions(page)
        page.wait_for_url(re.compile(r"#advisor-summary$"))
        expect(page.locator("#advisor-summary")).to_contain_text("Eligible now: CCM")
        assert comes_into_view(page, "#advisor-summary")
        assert page.evaluate("document.querySelector('#advisor-summary').matches(':target')")

    def test_choosing_an_education_shows_no_error_before_the_next_answer(self, open_page, site, width):
        page = open_page(width)
        page.goto(site + "/advisor/")
        page.get_by_label("Highest education").select_option("master")
        expect(page.locator("#advisor-summary")).to_contain_text("Your result")
        expect(page.locator("#error-field")).to_have_text("")

    def test_add_more_detail_opens_the_rest_of_the_questions(self, open_page, site, width):
        page = open_page(width, javascript=False)
        page.goto(site + "/advisor/")
        expect(page.get_by_label("ASWB exam passed")).to_be_hidden()
        page.locator("summary", has_text="Add more detail").click()
        expect(page.get_by_label("ASWB exam passed")).to_be_visible()

    @pytest.mark.parametrize("person", PEOPLE)
    def test_each_person_sees_a_page_that_fits_and_passes_axe(self, open_page, site, width, person):
        page = open_page(width)
        page.goto(f"{site}/advisor/?{PEOPLE[person]}")
        expect(page.locator("#advisor-summary")).to_contain_text("Best-fitting role")
        assert no_sideways_scroll(page)
        assert axe_violations(page) == []
        screenshot(page, f"advisor-{person}-{width}")


def test_on_a_laptop_the_result_stays_in_view_while_the_form_is_edited(open_page, site):
    page = open_page("laptop")
    page.goto(f"{site}/advisor/?{PEOPLE['nurse']}")
    page.get_by_label("Supervising people who provide case management").scroll_into_view_if_needed()
    page.get_by_label("Supervising people who provide case management").fill("3")
    expect(page.locator("#advisor-result")).to_contain_text("Eligible")
    assert in_view(page, "#advisor-summary")


def test_the_printed_advisor_is_at_most_two_letter_pages_with_the_answers_and_no_form(open_page, site):
    page = open_page("laptop")
    page.goto(f"{site}/advisor/?{PEOPLE['nurse']}")
    page.emulate_media(media="print")
    expect(page.locator(".answers-given")).to_be_visible()
    expect(page.locator(".answers-given")).to_contain_text("Practice as a registered nurse")
    expect(page.locator(".answers-given")).to_contain_text("Nursing")
    for interface in [".advisor-form", ".share-box", "text=Save to my roadmap", ".site-header"]:
        expect(page.locator(interface).first).to_be_hidden()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / "advisor-print.pdf"
    pdf = page.pdf(path=str(path), format="Letter", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, f"the advisor prints to {pages} Letter pages"


# The advisor's interaction tests, with today's questions (they replace those in test_roadmap.py's
# TestAdvisorInTheBrowser, which used the earlier labels and had every question open).
class TestFillingTheForm:
    def test_filling_the_form_updates_the_plan_and_the_link_reopens_it(self, page, site, new_context):
        page.goto(site + "/advisor/")
        page.evaluate("window.__sameDocument = true")
        page.get_by_label("Highest education").select_option("bachelor")
        page.get_by_label("Its field").select_option("psychology")
        page.get_by_label("Case or care management").fill("24")
        expect(page.locator("#verdict-ccm .verdict")).to_have_text("Eligible now")
        page.locator("summary", has_text="Add more detail").click()
        page.get_by_label("Older adults").check()
        expect(page.locator("#advisor-result")).to_contain_text("Geriatric Case Manager")
        page.get_by_label("Case or care management").fill("9999")
        expect(page.locator("#error-cm_months")).to_contain_text("more than 600 months")
        page.get_by_label("Case or care management").fill("24")
        expect(page.locator("#error-cm_months")).to_have_text("")
        page.wait_for_url(re.compile(r"cm_months=24"))
        assert page.evaluate("window.__sameDocument === true")
        link = page.locator("#plan-link").input_value()

        other = new_context().new_page()
        other.goto(link)
        expect(other.locator("#verdict-ccm .verdict")).to_have_text("Eligible now")
        expect(other.get_by_label("Older adults")).to_be_checked()  # "Add more detail" opens for it
        assert other.context.cookies() == []

    def test_without_javascript_the_form_submits_and_saves(self, nojs_page, site):
        page = nojs_page
        page.goto(site + "/advisor/?goal=care-manager")
        page.get_by_label("Highest education").select_option("bachelor")
        page.get_by_label("Its field").select_option("nursing")
        page.get_by_label("Direct client work, not counting case management").fill("12")
        page.get_by_role("button", name="Show my plan").click()
        assert "education=bachelor" in page.url
        expect(page.locator("#advisor-result")).to_contain_text("Your roadmap to Care Manager")
        page.get_by_role("link", name="Save to my roadmap").click()
        page.get_by_role("button", name="Save to my roadmap").click()
        expect(page.locator("#progress-count")).to_contain_text("2 of 10 steps done")
