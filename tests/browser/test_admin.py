from django.contrib.auth.models import User
from playwright.sync_api import expect

from roles.models import Faq, SalaryLevel
from tests.browser.conftest import screenshot


def log_in(page, site):
    User.objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
    page.goto(site + "/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    expect(page.get_by_role("heading", name="Content")).to_be_visible()


class TestAdminInTheBrowser:
    def test_an_edit_shows_on_the_public_page_at_once(self, page, site):
        log_in(page, site)
        faq = Faq.objects.get(role__slug="care-manager", order=1)
        page.goto(f"{site}/admin/roles/faq/{faq.pk}/change/")
        page.fill("#id_question", "What do I need to become a Care Manager?")
        page.click("input[name=_save]")
        expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
        page.goto(site + "/faqs/")
        expect(page.locator("#faq-results")).to_contain_text("What do I need to become a Care Manager?")

    def test_invalid_salary_figures_are_explained_and_not_saved(self, page, site):
        log_in(page, site)
        level = SalaryLevel.objects.get(role__slug="case-manager", order=1)
        page.goto(f"{site}/admin/roles/salarylevel/{level.pk}/change/")
        page.fill("#id_low", "90000")
        page.click("input[name=_save]")
        expect(page.locator(".errornote")).to_be_visible()
        screenshot(page, "admin-invalid-salary")
        level.refresh_from_db()
        assert level.low == 35_000

    def test_the_role_page_edits_everything_in_one_place(self, page, site):
        log_in(page, site)
        page.goto(site + "/admin/roles/role/")
        page.get_by_role("link", name="Case Manager", exact=True).click()
        for heading in ["Roadmap steps", "Skills", "Salary levels", "FAQs"]:
            expect(page.get_by_role("heading", name=heading).first).to_be_visible()
        screenshot(page, "admin-role")
