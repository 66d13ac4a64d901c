"""The site's look at a phone's width (390 px) and a laptop's (1280 px): nothing wider than the
screen, the header's navigation on one line, role cards with their facts, accessible (issue 18,
items 6 and 7)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import WIDTHS, axe_violations, screenshot

PAGES = {
    "home": "/",
    "compare-two": "/compare/?roles=case-manager,care-manager",
    "compare-three": "/compare/?roles=clinical-case-manager,case-manager,care-manager",
    "certifications": "/certifications/",
    "certification": "/certifications/ccm/",
    "case-management": "/case-management/",
    "faqs": "/faqs/",
    "sources": "/sources/",
}

# The innermost elements whose right edge passes the screen's (a region that scrolls sideways
# on purpose, .table-scroll, counts as one box).
PAST_THE_EDGE = r"""
(width) => [...document.querySelectorAll("body *")]
  .filter((element) => !element.closest(".table-scroll") || element.matches(".table-scroll"))
  .filter((element) => element.getBoundingClientRect().right > width + 1)
  .filter((element) => ![...element.children].some((kid) => kid.getBoundingClientRect().right > width + 1))
  .slice(0, 5)
  .map((element) => `${element.tagName.toLowerCase()} "${element.textContent.trim().slice(0, 50)}"`)
"""

NAV_LINES = r"""
() => {
  const links = [...document.querySelectorAll(".site-header nav .nav-list a")];
  return {
    names: links.map((link) => link.textContent.trim()),
    lines: new Set(links.map((link) => Math.round(link.getBoundingClientRect().top))).size,
    inside: links.every((link) => link.getBoundingClientRect().right <= document.documentElement.clientWidth),
  };
}
"""


@pytest.mark.parametrize("name", PAGES)
def test_no_page_is_wider_than_the_screen_and_the_navigation_is_one_line(sized_page, site, name):
    page = sized_page
    width = WIDTHS[page.width_name]["width"]
    page.goto(site + PAGES[name])
    screenshot(page, f"design-{name}-{page.width_name}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(PAST_THE_EDGE, width) == []
    nav = page.evaluate(NAV_LINES)
    assert nav == {
        "names": ["Roles", "Compare", "Certifications", "FAQs", "Advisor"],
        "lines": 1,
        "inside": True,
    }


@pytest.mark.parametrize("name", PAGES)
def test_pages_have_no_axe_violations(sized_page, site, name):
    sized_page.goto(site + PAGES[name])
    assert axe_violations(sized_page) == []


def test_role_cards_show_an_icon_pay_and_entry_and_the_home_page_asks_which_role_suits(page, site):
    page.goto(site + "/")
    cards = page.locator(".role-card")
    expect(cards).to_have_count(3)
    for index in range(3):
        card = cards.nth(index)
        icon = card.locator("img.role-icon")
        assert icon.evaluate("(image) => image.complete && image.naturalWidth > 0")
        expect(card.locator(".role-facts")).to_contain_text("Pay, entry to top level")
        expect(card.locator(".role-facts")).to_contain_text("Typical entry")
        expect(card.locator(".role-facts .source").first).to_be_visible()
    icons = {cards.nth(index).locator("img.role-icon").get_attribute("src") for index in range(3)}
    assert len(icons) == 3  # each role its own picture
    expect(cards.first).to_contain_text("$40,000 – $150,000+")
    page.get_by_role("link", name="Ask the advisor").click()
    expect(page).to_have_url(re.compile(r"/advisor/$"))


def test_running_text_keeps_a_readable_line_length_on_a_laptop(page, site):
    page.goto(site + "/case-management/")
    widest = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll("main p, main li:not([class])")]
             .filter((element) => !element.closest("table"))
             .map((element) => element.getBoundingClientRect().width
                  / parseFloat(getComputedStyle(element).fontSize)))"""
    )
    # 70ch of this font is about 43 em; the old pages ran lines of ~150 characters (~70 em).
    assert widest < 46


def test_a_certification_page_puts_the_bodys_rule_before_the_articles(page, site):
    page.goto(site + "/certifications/ccm/")
    headings = page.locator("main h2").all_text_contents()
    assert headings[0] == "Who can sit for it: CCMC's own rules"
    assert headings.index("What the sources say") > 0
    expect(page.locator(".rule-panel .card")).to_have_count(6)
