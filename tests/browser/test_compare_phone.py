"""Compare on a phone and on paper (issue 18, items 4 and 5): two roles at a time with their names
stuck to the top of the screen, the short rows first, the long table folded; a one- or two-page
handout with no interface text."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, screenshot

PHONE = {"width": 390, "height": 844}
THREE = "/compare/?roles=clinical-case-manager,case-manager,care-manager"
TWO = "/compare/?roles=case-manager,care-manager"


@pytest.fixture
def phone(browser, site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def visible_role_names(page, table: str) -> list[str]:
    return [
        header.inner_text().strip()
        for header in page.locator(f"{table} thead th").all()
        if header.is_visible() and header.inner_text().strip() != "Aspect"
    ]


def test_a_phone_shows_two_roles_with_their_names_stuck_to_the_top(phone, site):
    phone.goto(site + THREE)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert visible_role_names(phone, ".compare-glance") == ["Clinical Case Manager", "Case Manager"]
    # Scroll halfway down the short rows: the role names stay at the top of the screen.
    phone.locator("#row-settings").scroll_into_view_if_needed()
    phone.evaluate("window.scrollBy(0, 200)")
    head = phone.locator(".compare-glance thead")
    box = head.bounding_box()
    assert box is not None and abs(box["y"]) <= 1, box
    assert visible_role_names(phone, ".compare-glance") == ["Clinical Case Manager", "Case Manager"]
    # Each aspect is a short row: its label above, the two roles' cells side by side under it.
    cells = phone.locator("#row-pay td").all()
    first, second = cells[0].bounding_box(), cells[1].bounding_box()
    assert abs(first["y"] - second["y"]) <= 1 and first["x"] + first["width"] <= second["x"]
    assert not cells[2].is_visible()
    screenshot(phone, "compare-phone-sticky")
    # The third role is a link away, as another pair.
    phone.get_by_role("link", name="Case Manager and Care Manager", exact=True).click()
    expect(phone).to_have_url(re.compile(r"roles=case-manager,care-manager$"))
    assert visible_role_names(phone, ".compare-glance") == ["Case Manager", "Care Manager"]


def test_on_a_phone_the_long_table_starts_folded_and_opens(phone, site):
    phone.goto(site + TWO)
    details = phone.locator("#compare-details")
    expect(details).not_to_have_attribute("open", "")
    expect(phone.locator("#row-education")).to_be_hidden()
    phone.get_by_text("Every row in detail").click()
    expect(phone.locator("#row-education")).to_be_visible()
    assert axe_violations(phone) == []


def test_on_a_laptop_every_role_and_every_row_shows_at_once(page, site):
    page.goto(site + THREE)
    expect(page.locator("#compare-details")).to_have_attribute("open", "")
    assert visible_role_names(page, ".compare-table") == [
        "Clinical Case Manager",
        "Case Manager",
        "Care Manager",
    ]
    expect(page.locator("#row-education")).to_be_visible()
    expect(page.locator(".pair-picker")).to_be_hidden()


@pytest.mark.parametrize("path", [THREE, TWO, THREE + "&differences=1"])
def test_the_printed_comparison_is_a_two_page_summary_without_interface_text(page, site, path):
    page.goto(site + path)
    pdf = page.pdf(format="Letter")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, pages
    page.emulate_media(media="print")
    for control in [
        page.locator(".site-header"),
        page.locator(".compare-form"),
        page.get_by_role("button", name="Copy link"),
        page.get_by_role("button", name="Print this comparison"),
        page.get_by_text("Pick the roles to compare."),
        page.locator(".pair-picker"),
        page.locator("#compare-details"),
    ]:
        expect(control).to_be_hidden()
    expect(page.locator(".compare-glance")).to_be_visible()
    expect(page.locator(".salary-chart")).to_be_visible()
    expect(page.get_by_text("This comparison online:")).to_be_visible()
