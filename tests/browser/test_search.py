"""Site search in a real browser: live results as you type, shareable addresses, no JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser


class TestSearchInTheBrowser:
    def test_results_follow_typing_and_the_address_can_be_shared(self, page, site):
        page.goto(site + "/search/")
        page.evaluate("window.__sameDocument = true")
        page.locator("#search-q").press_sequentially("how much do case managers earn", delay=20)
        # htmx writes spaces as %20; the page redirects that address to its normal form (+).
        page.wait_for_url(re.compile(r"q=how(\+|%20)much(\+|%20)do(\+|%20)case(\+|%20)managers(\+|%20)earn$"))
        first = page.locator(".search-hit").first
        expect(first).to_contain_text("Case Manager salary")
        assert page.evaluate("window.__sameDocument === true")
        expect(first.locator("mark").first).to_be_visible()
        screenshot(page, "search-results-desktop")
        shared = page.url
        page.goto(site + "/")
        page.goto(shared)
        expect(page.locator(".search-hit").first).to_contain_text("Case Manager salary")
        first.get_by_role("link").click()
        page.wait_for_url(re.compile(r"/roles/case-manager/#salary-ladder$"))

    def test_a_result_for_one_faq_opens_that_question_on_its_page(self, page, site):
        page.goto(site + "/search/?q=How+long+does+it+take+to+be+a+Care+Manager")
        hit = page.locator(".search-hit", has_text="FAQ").first
        question = hit.locator("h2").inner_text()
        hit.get_by_role("link").click()
        page.wait_for_url(re.compile(r"/roles/care-manager/#faq-\d+$"))
        opened = page.locator("details.faq[open]")
        expect(opened).to_have_count(1)
        expect(opened.locator("summary")).to_have_text(question)
        expect(opened).to_be_in_viewport()

    def test_the_header_box_searches_from_any_page(self, page, site):
        page.goto(site + "/certifications/")
        page.locator("#site-search").fill("licence")
        page.locator("#site-search").press("Enter")
        page.wait_for_url(re.compile(r"/search/\?q=licence"))
        expect(page.locator(".result-count")).to_contain_text("for “licence”")

    def test_on_a_phone_the_header_fits_one_line_with_a_search_link(self, phone_page, site):
        phone_page.goto(site + "/search/?q=salary")
        link = phone_page.locator(".header-search-link")
        expect(link).to_be_visible()
        expect(phone_page.locator("#site-search")).to_be_hidden()
        brand_box = phone_page.locator(".brand").bounding_box()
        link_box = link.bounding_box()
        assert abs(brand_box["y"] + brand_box["height"] / 2 - (link_box["y"] + link_box["height"] / 2)) < 8
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(phone_page, "search-results-phone")

    def test_without_javascript_the_form_gives_the_same_results(self, nojs_page, site):
        nojs_page.goto(site + "/search/")
        nojs_page.fill("#search-q", "stressful")
        nojs_page.get_by_role("main").get_by_role("button", name="Search").click()
        assert "q=stressful" in nojs_page.url
        expect(nojs_page.locator(".search-hit").first).to_contain_text("stressful")

    def test_search_pages_have_no_axe_violations(self, page, site):
        for path in ["/search/", "/search/?q=salary", "/search/?q=zeppelin", "/api/v1/docs/"]:
            page.goto(site + path)
            assert axe_violations(page) == [], path
