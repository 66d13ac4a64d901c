from django.contrib.auth.models import User
from playwright.sync_api import expect
from reversion.models import Version

from roles.models import Faq, Role, SalaryLevel
from tests.browser.conftest import screenshot


def log_in(page, site):
    User.objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
    page.goto(site + "/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    expect(page.get_by_role("heading", name="Content", exact=True)).to_be_visible()


def open_role(page, site, slug="case-manager"):
    role = Role.objects.get(slug=slug)
    page.goto(f"{site}/admin/roles/role/{role.pk}/change/")
    return role


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


class TestTheRolePage:
    def test_sections_start_closed_and_jump_links_open_them(self, page, site):
        log_in(page, site)
        open_role(page, site)
        # About 600 fields, all in closed sections: the page is a couple of screens tall.
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height < 2_500, height
        screenshot(page, "admin-role")
        faqs = page.locator("#faqs-group details")
        expect(faqs).not_to_have_attribute("open", "")
        expect(page.locator("#id_faqs-0-question")).to_be_hidden()
        page.get_by_role("navigation", name="Sections of this page").get_by_role("link", name="FAQs").click()
        expect(page.locator("#id_faqs-0-question")).to_be_visible()
        expect(page.locator("#id_faqs-0-question")).to_be_in_viewport()
        # A section's heading opens and closes it too.
        page.locator("#skills-group summary").click()
        expect(page.locator("#id_skills-0-name")).to_be_visible()
        page.locator("#skills-group summary").click()
        expect(page.locator("#id_skills-0-name")).to_be_hidden()

    def test_faqs_are_reordered_by_dragging(self, page, site):
        log_in(page, site)
        role = open_role(page, site)
        first, second = role.faqs.all()[:2]
        page.locator("#faqs-group summary").click()
        page.locator("#faqs-1 h3").drag_to(page.locator("#faqs-0 h3"))
        expect(page.locator("#id_faqs-1-order")).to_have_value("1")
        expect(page.locator("#id_faqs-0-order")).to_have_value("2")
        page.locator("input[name=_save]").first.click()
        expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
        assert list(role.faqs.values_list("pk", flat=True)[:2]) == [second.pk, first.pk]

    def test_skills_are_reordered_by_dragging_a_table_row(self, page, site):
        log_in(page, site)
        role = open_role(page, site)
        skills = list(role.skills.all()[:3])
        page.locator("#skills-group summary").click()
        page.locator("#skills-2 td.original p").drag_to(page.locator("#skills-0 td.original p"))
        page.locator("input[name=_continue]").first.click()
        expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
        assert list(role.skills.values_list("pk", flat=True)[:3]) == [
            skills[2].pk,
            skills[0].pk,
            skills[1].pk,
        ]

    def test_a_new_faq_gets_the_next_position_and_the_roles_source(self, page, site):
        log_in(page, site)
        role = open_role(page, site)
        page.locator("#faqs-group summary").click()
        page.locator("#faqs-group .add-row a").click()
        new = role.faqs.count()
        expect(page.locator(f"#id_faqs-{new}-order")).to_have_value(str(new + 1))
        expect(page.locator(f"#id_faqs-{new}-source")).to_have_value(str(role.source_id))
        page.fill(f"#id_faqs-{new}-question", "Is there a new question?")
        page.fill(f"#id_faqs-{new}-answer", "There is.")
        page.locator("input[name=_save]").first.click()
        expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
        added = role.faqs.get(question="Is there a new question?")
        assert (added.order, added.source_id) == (new + 1, role.source_id)

    def test_a_failed_save_says_at_the_top_where_the_errors_are(self, page, site):
        log_in(page, site)
        role = open_role(page, site)
        page.locator("#steps-group summary").click()
        page.fill("#id_steps-2-title", "")
        page.locator("#salary_levels-group summary").click()
        page.fill("#id_salary_levels-0-low", "900000")
        page.locator("input[name=_save]").first.click()
        summary = page.locator("#error-summary")
        expect(summary).to_be_in_viewport()
        expect(summary).to_contain_text("Roadmap steps")
        expect(summary).to_contain_text("Salary levels")
        # Headings name the rows as saved, not as typed.
        expect(page.locator("#steps-2 h3 .inline_label")).to_contain_text(str(role.steps.get(number=3)))
        screenshot(page, "admin-role-failed-save")
        summary.get_by_role("link", name="Salary levels").click()
        expect(page.locator("#id_salary_levels-0-high")).to_be_in_viewport()
        assert role.salary_levels.get(order=1).low == 35_000

    def test_changing_the_slug_asks_first(self, page, site):
        log_in(page, site)
        role = open_role(page, site)
        page.fill("#id_slug", "case-managers")
        messages = []

        def dismiss(dialog):
            messages.append(dialog.message)
            dialog.dismiss()

        page.once("dialog", dismiss)
        page.locator("input[name=_save]").first.click()
        assert "Every link to the role's pages stops working" in messages[0]
        role.refresh_from_db()
        assert role.slug == "case-manager"


class TestRevisions:
    def test_an_earlier_version_is_shown_then_restored(self, page, site):
        log_in(page, site)
        role = open_role(page, site)
        faq = role.faqs.get(order=1)
        page.locator("#faqs-group summary").click()
        page.fill("#id_faqs-0-answer", "Rewritten in the admin.")
        page.locator("input[name=_save]").first.click()
        expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
        page.goto(f"{site}/admin/roles/role/{role.pk}/history/")
        page.get_by_role("link").filter(has_text=":").last.click()
        expect(page.locator(".version-note")).to_contain_text("You are looking at the version saved")
        screenshot(page, "admin-role-revision")
        page.locator("input[value='Restore this version']").first.click()
        expect(page.locator(".messagelist")).to_contain_text("Restored the version")
        faq.refresh_from_db()
        assert faq.answer != ["Rewritten in the admin."]
        assert Version.objects.get_for_object(role).count() == 3
