"""The content admin: every page loads in bounded queries, bad input is refused next to its field,
edits reach the public pages and the content files, and every change is kept and can be restored."""

from __future__ import annotations

import difflib
import html
import json
import shutil
from html.parser import HTMLParser

import pytest
import yaml
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Revision, Version

from roles import content_version
from roles.exporting import export_files
from roles.loading import load_content
from roles.models import (
    CareerStage,
    CaseManagerType,
    Certification,
    ContentSync,
    Definition,
    EligibilityPath,
    Faq,
    Organization,
    ProcessPhase,
    RoadmapStep,
    Role,
    SalaryLevel,
    Source,
    Specialisation,
    Statistic,
)
from tests import factories
from tests.roles.test_exporting import fixture_files

CONTENT_MODELS = sorted(
    (
        model
        for model in admin.site._registry
        if model._meta.app_label == "roles" and model is not ContentSync
    ),
    key=lambda model: model._meta.model_name,
)
PAGE_QUERY_CEILING = 25


# --- helpers -------------------------------------------------------------------------------------------


class _ChangeForm(HTMLParser):
    """Collect what a browser would submit from an admin change form, field by field."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: list[tuple[str, str]] = []
        self.in_form = False
        self.textarea: str | None = None
        self.textarea_text = ""
        self.select: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("id") or "").endswith("_form"):
            self.in_form = True
        if not self.in_form or "disabled" in attributes:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in ("submit", "button", "reset", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            self.fields.append((name, attributes.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self.textarea, self.textarea_text = name, ""
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attributes, "chosen": [], "first": None}
        elif tag == "option" and self.select is not None:
            value = attributes.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in attributes:
                self.select["chosen"].append(value)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea_text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "textarea" and self.textarea is not None:
            # Browsers drop the newline that starts a textarea's content.
            text = self.textarea_text.removeprefix("\r\n").removeprefix("\n")
            self.fields.append((self.textarea, text))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            chosen = self.select["chosen"]
            if not chosen and not self.select["multiple"] and self.select["first"] is not None:
                chosen = [self.select["first"]]
            self.fields.extend((self.select["name"], value) for value in chosen)
            self.select = None


def form_data(client, url: str) -> dict[str, str | list[str]]:
    """GET an admin change (or add) page and give the POST data its form would submit unchanged."""
    response = client.get(url)
    assert response.status_code == 200
    parser = _ChangeForm()
    parser.feed(response.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in parser.fields:
        if "__prefix__" not in name:  # the blank row the page's script copies for "Add another"
            data.setdefault(name, []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}


def row(data: dict, prefix: str, record) -> str:
    """Give the field-name prefix ("faqs-2-") of the inline row showing `record`."""
    index = 0
    while f"{prefix}-{index}-id" in data:
        if data[f"{prefix}-{index}-id"] == str(record.pk):
            return f"{prefix}-{index}-"
        index += 1
    raise AssertionError(f"{record!r} is not on the page")


def add_row(data: dict, prefix: str, parent, **fields: str) -> str:
    """Add a new inline row under `prefix` with these fields; give the row's field-name prefix."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    fields = {"source": str(parent.source_id), "role": str(parent.pk), **fields}
    data.update({f"{prefix}-{index}-{name}": value for name, value in fields.items()})
    return f"{prefix}-{index}-"


def change_url(record) -> str:
    return reverse(f"admin:roles_{record._meta.model_name}_change", args=[record.pk])


def post_change(client, record, **changes):
    """Submit the record's admin change page with these fields changed, everything else as shown."""
    url = change_url(record)
    data = form_data(client, url)
    for name, value in changes.items():
        assert name in data or name.endswith(("-DELETE", "open_ended")), f"no field {name!r} on the page"
        data[name] = value
    return client.post(url, data)


def model_field_names(model) -> set[str]:
    return {field.name for field in model._meta.get_fields()}


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def field_errors(response) -> dict[str, list[str]]:
    """Give the errors the admin form and its inlines show, keyed by field name (inline: "faqs-0-order")."""
    errors: dict[str, list[str]] = {}
    form = response.context["adminform"].form
    for name, messages in form.errors.items():
        errors[name] = list(messages)
    for inline in response.context["inline_admin_formsets"]:
        for form in inline.formset.forms:
            for name, messages in form.errors.items():
                errors[f"{form.prefix}-{name}"] = list(messages)
    return errors


# --- fixtures ------------------------------------------------------------------------------------------


@pytest.fixture
def content_editor(content):
    # No password: tests log in with force_login, and hashing one is slow.
    user = User.objects.create_user("editor", "editor@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name="Content editors"))
    return user


@pytest.fixture
def editor_client(client, content_editor):
    client.force_login(content_editor)
    return client


@pytest.fixture(params=["superuser", "content editor"])
def staff_client(request, content, client):
    """A client logged in as a superuser, then as a content editor."""
    if request.param == "superuser":
        user = User.objects.create_superuser("root", "root@example.com")
    else:
        user = request.getfixturevalue("content_editor")
    client.force_login(user)
    return client


@pytest.fixture
def faq(case_manager):
    return case_manager.faqs.get(order=1)


@pytest.fixture
def unchanged(content):
    """Give a check that nothing was saved since the test asked for this fixture."""
    files = export_files()
    log_entries = LogEntry.objects.count()
    revisions = Revision.objects.count()

    def check() -> None:
        assert export_files() == files
        assert LogEntry.objects.count() == log_entries
        assert Revision.objects.count() == revisions

    return check


# --- every page loads ------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model._meta.model_name)
class TestEveryContentPage:
    def test_the_list_loads(self, staff_client, model, django_assert_max_num_queries):
        url = reverse(f"admin:roles_{model._meta.model_name}_changelist")
        with django_assert_max_num_queries(PAGE_QUERY_CEILING):
            response = staff_client.get(url)
        assert response.status_code == 200

    def test_the_list_can_be_searched(self, staff_client, model):
        url = reverse(f"admin:roles_{model._meta.model_name}_changelist")
        assert staff_client.get(url, {"q": "case manager"}).status_code == 200

    def test_the_add_page_loads(self, staff_client, model, django_assert_max_num_queries):
        url = reverse(f"admin:roles_{model._meta.model_name}_add")
        with django_assert_max_num_queries(PAGE_QUERY_CEILING):
            response = staff_client.get(url)
        assert response.status_code == 200

    def test_the_change_page_loads(self, staff_client, model, django_assert_max_num_queries):
        with django_assert_max_num_queries(PAGE_QUERY_CEILING):
            response = staff_client.get(change_url(model.objects.first()))
        assert response.status_code == 200

    def test_the_history_page_loads(self, staff_client, model):
        record = model.objects.first()
        url = reverse(f"admin:roles_{model._meta.model_name}_history", args=[record.pk])
        assert staff_client.get(url).status_code == 200

    def test_saving_it_unchanged_changes_nothing(self, editor_client, model):
        # Every field goes to text and back; an unchanged page must give back exactly what was there.
        record = model.objects.first()
        files = export_files()
        response = editor_client.post(change_url(record), form_data(editor_client, change_url(record)))
        assert response.status_code == 302, field_errors(response)
        assert export_files() == files

    def test_view_on_site_leads_to_the_page_showing_it(self, editor_client, model):
        record = model.objects.first()
        url = admin.site.get_model_admin(model).get_view_on_site_url(record)
        address, _hash, anchor = url.partition("#")
        response = editor_client.get(address, follow=True)
        assert response.status_code == 200
        if anchor:
            assert f'id="{anchor}"' in response.content.decode()


def test_every_role_and_certification_saved_unchanged_stays_the_same(editor_client, content):
    files = export_files()
    for record in [*Role.objects.all(), *Certification.objects.all()]:
        response = editor_client.post(change_url(record), form_data(editor_client, change_url(record)))
        assert response.status_code == 302, field_errors(response)
    assert export_files() == files


class TestQueryCounts:
    def test_the_role_page_costs_the_same_however_many_rows_it_has(self, editor_client, case_manager):
        url = change_url(case_manager)
        editor_client.get(url)  # the first request fills per-process caches (content types)
        with_fixture_rows = count_queries(editor_client, url)
        source = case_manager.source
        factories.FaqFactory.create_batch(5, role=case_manager, source=source)
        factories.RoadmapStepFactory.create_batch(5, role=case_manager, source=source)
        factories.SkillFactory.create_batch(5, role=case_manager, source=source)
        factories.SalaryLevelFactory.create_batch(5, role=case_manager, source=source)
        assert count_queries(editor_client, url) == with_fixture_rows

    def test_the_faq_list_costs_the_same_however_long_it_is(self, editor_client, case_manager):
        url = reverse("admin:roles_faq_changelist")
        editor_client.get(url)
        before = count_queries(editor_client, url)
        factories.FaqFactory.create_batch(10, role=case_manager, source=case_manager.source)
        assert count_queries(editor_client, url) == before

    def test_the_role_list_with_salary_spans_costs_the_same_however_long_it_is(self, editor_client, content):
        url = reverse("admin:roles_role_changelist")
        editor_client.get(url)
        before = count_queries(editor_client, url)
        for role in factories.RoleFactory.create_batch(3):
            factories.SalaryLevelFactory.create_batch(2, role=role, source=role.source)
        assert count_queries(editor_client, url) == before


# --- one role page -----------------------------------------------------------------------------------------


class TestTheRolePage:
    def test_it_edits_everything_attached_to_the_role_in_order(self, editor_client, case_manager):
        response = editor_client.get(change_url(case_manager))
        prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
        assert prefixes == [
            "steps",
            "responsibility_groups",
            "skills",
            "career_stages",
            "salary_levels",
            "faqs",
            "requirements",
            "specialisations",
        ]
        steps = response.context["inline_admin_formsets"][0].formset
        assert [form.instance.number for form in steps.forms] == sorted(
            form.instance.number for form in steps.forms
        )

    def test_it_links_each_group_and_stage_to_its_own_page(self, editor_client, case_manager):
        text = page_text(editor_client.get(change_url(case_manager)))
        for record in [*case_manager.responsibility_groups.all(), *case_manager.career_stages.all()]:
            assert f'href="{change_url(record)}"' in text

    def test_a_groups_items_are_edited_on_the_groups_page(self, editor_client, case_manager):
        group = case_manager.responsibility_groups.first()
        first, second = group.items.all()[:2]
        data = form_data(editor_client, change_url(group))
        data[row(data, "items", first) + "text"] = "An item rewritten in the admin."
        data[row(data, "items", first) + "order"] = str(second.order)
        data[row(data, "items", second) + "order"] = str(first.order)
        response = editor_client.post(change_url(group), data)
        assert response.status_code == 302, field_errors(response)
        assert [item.pk for item in group.items.all()[:2]] == [second.pk, first.pk]
        assert group.items.get(pk=first.pk).text == "An item rewritten in the admin."

    def test_a_stages_tips_are_edited_on_the_stages_page(self, editor_client, case_manager):
        stage = next(stage for stage in case_manager.career_stages.all() if stage.tips.exists())
        tip = stage.tips.first()
        response = post_change(editor_client, stage, **{"tips-0-title": "A tip retitled"})
        assert response.status_code == 302, field_errors(response)
        tip.refresh_from_db()
        assert tip.title == "A tip retitled"


# --- finding things ----------------------------------------------------------------------------------------


class TestFindingThings:
    def test_faqs_are_found_by_words_in_their_answer(self, editor_client, faq):
        words = faq.answer[0].split()[2:5]
        response = editor_client.get(reverse("admin:roles_faq_changelist"), {"q": " ".join(words)})
        assert faq in response.context["cl"].result_list

    def test_faqs_are_filtered_by_role_and_source(self, editor_client, case_manager, faq):
        response = editor_client.get(
            reverse("admin:roles_faq_changelist"),
            {"role__id__exact": case_manager.pk, "source__id__exact": faq.source_id},
        )
        shown = list(response.context["cl"].result_list)
        assert faq in shown
        assert {each.role_id for each in shown} == {case_manager.pk}

    def test_the_role_list_shows_each_roles_salary_span(self, editor_client, case_manager):
        response = editor_client.get(reverse("admin:roles_role_changelist"))
        assert case_manager.salary_span in page_text(response)

    def test_the_salary_list_shows_role_order_span_and_source(self, editor_client, case_manager):
        level = case_manager.salary_levels.first()
        response = editor_client.get(
            reverse("admin:roles_salarylevel_changelist"), {"role__id__exact": case_manager.pk}
        )
        text = page_text(response)
        assert level.span in text
        assert str(case_manager) in text
        assert level.source.code in text


# --- lists of paragraphs are edited as text -------------------------------------------------------------


class TestParagraphLists:
    def test_an_answer_is_shown_as_paragraphs_separated_by_blank_lines(self, editor_client, faq):
        data = form_data(editor_client, change_url(faq))
        assert data["answer"] == "\n\n".join(faq.answer)
        assert not data["answer"].startswith("[")

    def test_blank_lines_separate_paragraphs_and_wrapped_lines_join(self, editor_client, faq):
        answer = "First paragraph.\r\n\r\nSecond paragraph,\r\nwrapped by hand.\r\n\r\n\r\n  Third.  "
        response = post_change(editor_client, faq, answer=answer)
        assert response.status_code == 302
        faq.refresh_from_db()
        assert faq.answer == ["First paragraph.", "Second paragraph, wrapped by hand.", "Third."]

    def test_positions_are_one_per_line(self, editor_client, case_manager):
        stage = case_manager.career_stages.first()
        data = form_data(editor_client, change_url(stage))
        assert data["positions"] == "\n".join(stage.positions)
        response = post_change(editor_client, stage, positions="Lead\r\n\r\n Senior lead \r\n")
        assert response.status_code == 302
        stage.refresh_from_db()
        assert stage.positions == ["Lead", "Senior lead"]

    def test_eligibility_conditions_are_shown_as_yaml_not_json(self, editor_client):
        path = EligibilityPath.objects.first()
        data = form_data(editor_client, change_url(path))
        assert data["requirements"].startswith("- kind: ")
        assert "{" not in data["requirements"]

    def test_populations_keep_their_order_when_one_is_added(self, editor_client):
        kind = CaseManagerType.objects.get(slug="juvenile-case-manager")
        assert kind.populations == ["justice-system", "children-families"]
        response = post_change(
            editor_client, kind, populations=["children-families", "substance-use", "justice-system"]
        )
        assert response.status_code == 302
        kind.refresh_from_db()
        assert kind.populations == ["justice-system", "children-families", "substance-use"]


# --- invalid input is refused, next to its field, and never saved ----------------------------------------


class TestInvalidInput:
    def test_a_salary_low_above_high(self, editor_client, case_manager, unchanged):
        level = case_manager.salary_levels.first()
        response = post_change(editor_client, level, low="90000", high="50000")
        assert response.status_code == 200
        assert field_errors(response) == {
            "high": ["The high figure must not be below the low figure (90,000)."]
        }
        unchanged()

    def test_a_salary_low_above_high_in_the_role_page(self, editor_client, case_manager, unchanged):
        data = form_data(editor_client, change_url(case_manager))
        prefix = row(data, "salary_levels", case_manager.salary_levels.first())
        data[prefix + "low"], data[prefix + "high"] = "90000", "50000"
        response = editor_client.post(change_url(case_manager), data)
        assert response.status_code == 200
        assert field_errors(response) == {
            prefix + "high": ["The high figure must not be below the low figure (90,000)."]
        }
        unchanged()

    def test_years_min_above_years_max(self, editor_client, unchanged):
        level = SalaryLevel.objects.exclude(years_min=None).first()
        response = post_change(editor_client, level, years_min="9", years_max="3")
        assert response.status_code == 200
        assert list(field_errors(response)) == ["years_max"]
        unchanged()

    def test_two_faqs_with_the_same_order_in_the_role_page(self, editor_client, case_manager, unchanged):
        data = form_data(editor_client, change_url(case_manager))
        first, second = case_manager.faqs.all()[:2]
        data[row(data, "faqs", second) + "order"] = str(first.order)
        response = editor_client.post(change_url(case_manager), data)
        assert response.status_code == 200
        message = f"Two rows have order {first.order}; give each row its own."
        errors = field_errors(response)
        assert errors[row(data, "faqs", first) + "order"] == [message]
        assert errors[row(data, "faqs", second) + "order"] == [message]
        unchanged()

    def test_a_new_step_taking_a_key_already_used(self, editor_client, case_manager, unchanged):
        data = form_data(editor_client, change_url(case_manager))
        key = case_manager.steps.first().key
        add_row(
            data,
            "steps",
            case_manager,
            number="11",
            key=key,
            title="A new step",
            body="What to do.",
            covered_when="",
        )
        response = editor_client.post(change_url(case_manager), data)
        assert response.status_code == 200
        assert "Two rows have key" in page_text(response)
        unchanged()

    def test_a_saved_steps_key_stays_fixed_so_visitors_keep_their_progress(self, editor_client, case_manager):
        step = case_manager.steps.first()
        original_key = step.key
        marked = editor_client.post(f"/roles/case-manager/steps/{step.number}/status/", {"status": "done"})
        assert marked.status_code == 302
        # The public guide is the same for everyone; a visitor's marks show on "My progress".
        my_progress = "/roles/case-manager/progress/"
        assert "1 of 10 steps done" in editor_client.get(my_progress).content.decode()
        data = form_data(editor_client, change_url(case_manager))
        assert "Fixed once saved" in page_text(editor_client.get(change_url(case_manager)))
        data[row(data, "steps", step) + "key"] = "a-renamed-key"
        data[row(data, "steps", step) + "title"] = "A retitled step"
        response = editor_client.post(change_url(case_manager), data)
        assert response.status_code == 302, field_errors(response)
        step.refresh_from_db()
        assert (step.key, step.title) == (original_key, "A retitled step")
        assert "1 of 10 steps done" in editor_client.get(my_progress).content.decode()

    def test_a_new_step_gets_the_key_its_editor_gives(self, editor_client, case_manager):
        data = form_data(editor_client, change_url(case_manager))
        add_row(
            data,
            "steps",
            case_manager,
            number="11",
            key="keep-learning",
            title="Keep learning",
            body="Take courses.",
            covered_when="",
        )
        response = editor_client.post(change_url(case_manager), data)
        assert response.status_code == 302, field_errors(response)
        assert case_manager.steps.filter(key="keep-learning", number=11).exists()

    def test_a_new_faq_taking_an_order_already_used(self, editor_client, case_manager, unchanged):
        data = form_data(editor_client, change_url(case_manager))
        new = add_row(
            data, "faqs", case_manager, order="1", question="A new question?", answer="A new answer."
        )
        response = editor_client.post(change_url(case_manager), data)
        assert response.status_code == 200
        assert field_errors(response)[new + "order"] == ["Two rows have order 1; give each row its own."]
        unchanged()

    def test_an_faq_order_already_used_on_its_own_page(self, editor_client, faq, unchanged):
        response = post_change(editor_client, faq, order="2")
        assert response.status_code == 200
        assert field_errors(response) == {"order": ["Another FAQ of this role already has order 2."]}
        unchanged()

    def test_a_definition_order_already_used(self, editor_client, unchanged):
        first, second = Definition.objects.all()[:2]
        response = post_change(editor_client, second, order=str(first.order))
        assert response.status_code == 200
        assert field_errors(response) == {"order": [f"Another definition already has order {first.order}."]}
        unchanged()

    def test_a_malformed_slug(self, editor_client, case_manager, unchanged):
        response = post_change(editor_client, case_manager, slug="Case_Manager")
        assert response.status_code == 200
        assert field_errors(response)["slug"] == ["Use lower-case letters, digits and single hyphens."]
        unchanged()

    def test_a_slug_another_role_has(self, editor_client, case_manager, unchanged):
        response = post_change(editor_client, case_manager, slug="care-manager")
        assert response.status_code == 200
        assert field_errors(response) == {"slug": ["Role with this Slug already exists."]}
        unchanged()

    def test_a_specialisation_slug_used_twice_in_a_role(self, editor_client, unchanged):
        first, second = Specialisation.objects.filter(role__slug="care-manager")[:2]
        response = post_change(editor_client, second, slug=first.slug)
        assert response.status_code == 200
        assert field_errors(response) == {
            "slug": [f"Another specialisation of this role already has slug {first.slug}."]
        }
        unchanged()

    def test_a_missing_required_field(self, editor_client, case_manager, unchanged):
        response = post_change(editor_client, case_manager, title="  ")
        assert response.status_code == 200
        assert field_errors(response) == {"title": ["This field is required."]}
        unchanged()

    def test_an_empty_paragraph_list(self, editor_client, faq, unchanged):
        response = post_change(editor_client, faq, answer="\r\n\r\n   ")
        assert response.status_code == 200
        assert field_errors(response) == {"answer": ["Write at least one paragraph."]}
        unchanged()

    def test_an_empty_list_of_positions(self, editor_client, case_manager, unchanged):
        stage = case_manager.career_stages.first()
        response = post_change(editor_client, stage, positions="")
        assert response.status_code == 200
        assert field_errors(response) == {"positions": ["Write at least one line."]}
        unchanged()

    @pytest.mark.parametrize(
        ("model", "field", "value"),
        [(SalaryLevel, "low", "-1"), (Statistic, "value", "-2.5"), (SalaryLevel, "years_min", "-3")],
    )
    def test_a_negative_figure(self, editor_client, model, field, value, unchanged):
        record = (
            model.objects.exclude(years_min=None).first() if model is SalaryLevel else model.objects.first()
        )
        response = post_change(editor_client, record, **{field: value})
        assert response.status_code == 200
        assert field_errors(response) == {field: ["Ensure this value is greater than or equal to 0."]}
        unchanged()

    def test_a_figure_the_content_schema_refuses(self, editor_client, case_manager, unchanged):
        step = case_manager.steps.first()
        response = post_change(editor_client, step, number="51")
        assert response.status_code == 200
        assert field_errors(response) == {"number": ["Input should be less than or equal to 50"]}
        unchanged()

    def test_a_source_code_the_content_schema_refuses(self, editor_client, unchanged):
        source = Source.objects.first()
        response = post_change(editor_client, source, code="Not A Code")
        assert response.status_code == 200
        assert list(field_errors(response)) == ["code"]
        assert "String should match pattern" in field_errors(response)["code"][0]
        unchanged()

    def test_an_eligibility_condition_the_schema_refuses(self, editor_client, unchanged):
        path = EligibilityPath.objects.first()
        response = post_change(editor_client, path, requirements="- kind: degree\n  text: A degree\n")
        assert response.status_code == 200
        assert field_errors(response) == {
            "requirements": ["line 1: condition 1: a degree requirement needs levels"]
        }
        unchanged()

    def test_an_eligibility_condition_with_an_unknown_value(self, editor_client, unchanged):
        path = EligibilityPath.objects.first()
        response = post_change(
            editor_client, path, requirements="- kind: degree\n  text: A degree\n  levels: [phd]\n"
        )
        assert response.status_code == 200
        (message,) = field_errors(response)["requirements"]
        assert message == (
            "line 3: condition 1: “levels” must be one of: "
            "none, associate, rn-diploma, bachelor, master or doctorate"
        )
        unchanged()

    def test_eligibility_conditions_that_are_not_yaml(self, editor_client, unchanged):
        path = EligibilityPath.objects.first()
        response = post_change(editor_client, path, requirements="- kind: [degree\n")
        assert response.status_code == 200
        assert field_errors(response)["requirements"] == ["line 2: a list in “[ ]” is not closed with “]”."]
        unchanged()

    def test_a_null_character_in_an_eligibility_condition(self, editor_client, unchanged):
        path = EligibilityPath.objects.first()
        conditions = '- kind: degree\n  text: "A degree\\0"\n  levels: [master]\n'
        response = post_change(editor_client, path, requirements=conditions)
        assert response.status_code == 200
        (message,) = field_errors(response)["requirements"]
        assert message.startswith("line 2: condition 1: “text”: ")
        unchanged()

    @pytest.mark.parametrize(
        ("conditions", "message"),
        [
            (
                "kind: degree\ntext: A degree\n",
                "line 1: expected a list of conditions, each starting with “- ”.",
            ),
            (
                "- kind: degree\n  text: A degree\n  levels: master\n",
                "line 3: condition 1: “levels” should be a list",
            ),
            ("- kind: degree\n\ttext: A degree\n", "line 2: a character that cannot start a value here"),
            (
                "- kind: degree\n  text: A degree\n  levels: [master]\n  colour: red\n",
                "line 4: condition 1: “colour” is not something a condition can have",
            ),
            ("- kind: degree\n  levels: [master]\n", "line 1: condition 1: “text” is missing"),
            (
                "- kind: diploma\n  text: A diploma\n",
                "line 1: condition 1: “kind” must be one of: degree, credential or experience",
            ),
            (
                "- kind: experience\n  text: Some\n  measure: rn_months\n  minimum: lots\n",
                "line 4: condition 1: “minimum” should be a whole number",
            ),
            ("- &a kind: degree\n- *a\n", "line 2: “*” references are not allowed here"),
        ],
    )
    def test_conditions_are_explained_in_plain_words_with_their_line(
        self, editor_client, conditions, message, unchanged
    ):
        path = EligibilityPath.objects.first()
        response = post_change(editor_client, path, requirements=conditions)
        assert response.status_code == 200
        (shown,) = field_errors(response)["requirements"]
        assert shown.startswith(message)
        assert "Input should" not in shown and "pydantic" not in shown and "Schema" not in shown
        unchanged()

    def test_conditions_over_20_kb_are_refused_unread(self, editor_client, unchanged):
        path = EligibilityPath.objects.first()
        conditions = "- kind: degree\n  text: A degree\n  levels: [master]\n" * 500
        response = post_change(editor_client, path, requirements=conditions)
        assert response.status_code == 200
        assert field_errors(response) == {
            "requirements": [
                "This is too long: at most 20 KB of YAML, and this is 26 KB. Conditions are a few lines each."
            ]
        }
        unchanged()

    def test_condition_help_names_no_internal_class(self, editor_client):
        for record in (EligibilityPath.objects.first(), RoadmapStep.objects.first()):
            response = editor_client.get(change_url(record))
            text = page_text(response)
            assert "Schema" not in text
            assert "a degree names its levels" in text

    def test_a_null_character_in_a_paragraph(self, editor_client, faq, unchanged):
        response = post_change(editor_client, faq, answer="First.\n\nSec\x00ond.")
        assert response.status_code == 200
        assert field_errors(response) == {"answer": ["Null characters are not allowed."]}
        unchanged()

    def test_no_eligibility_conditions(self, editor_client, unchanged):
        path = EligibilityPath.objects.first()
        response = post_change(editor_client, path, requirements="")
        assert response.status_code == 200
        assert field_errors(response) == {"requirements": ["This field is required."]}
        unchanged()

    def test_an_unknown_topic(self, editor_client, faq, unchanged):
        response = post_change(editor_client, faq, topic="gossip")
        assert response.status_code == 200
        assert list(field_errors(response)) == ["topic"]
        unchanged()


@pytest.mark.parametrize(
    "model",
    [Faq, SalaryLevel, RoadmapStep, EligibilityPath, Statistic, CaseManagerType, Source, CareerStage],
    ids=lambda model: model._meta.model_name,
)
def test_junk_in_any_field_is_refused_or_saved_never_an_error(editor_client, model):
    record = model.objects.first()
    shown = form_data(editor_client, change_url(record))
    # The record's own fields; its inline rows have the same form classes as the pages tried here.
    for name in [name for name in shown if name in model_field_names(model)]:
        for junk in ("a\x00b", "9" * 400, "-1", "[1, {"):
            response = editor_client.post(change_url(record), {**shown, name: junk})
            assert response.status_code in (200, 302), (name, junk)
            if response.status_code == 302:
                record = model.objects.get(pk=record.pk)
                shown = form_data(editor_client, change_url(record))
    assert "\\u0000" not in json.dumps(list(model.objects.values()), default=str)


class TestReordering:
    def test_two_faqs_swap_places_in_one_save(self, editor_client, case_manager):
        first, second = case_manager.faqs.all()[:2]
        data = form_data(editor_client, change_url(case_manager))
        data[row(data, "faqs", first) + "order"] = str(second.order)
        data[row(data, "faqs", second) + "order"] = str(first.order)
        response = editor_client.post(change_url(case_manager), data)
        assert response.status_code == 302, field_errors(response)
        assert list(case_manager.faqs.values_list("pk", flat=True)[:2]) == [second.pk, first.pk]

    def test_a_step_takes_the_number_of_one_deleted_in_the_same_save(self, editor_client, case_manager):
        steps = list(case_manager.steps.all())
        data = form_data(editor_client, change_url(case_manager))
        data[row(data, "steps", steps[0]) + "DELETE"] = "on"
        data[row(data, "steps", steps[1]) + "number"] = str(steps[0].number)
        response = editor_client.post(change_url(case_manager), data)
        assert response.status_code == 302, field_errors(response)
        assert RoadmapStep.objects.get(pk=steps[1].pk).number == steps[0].number
        assert not RoadmapStep.objects.filter(pk=steps[0].pk).exists()


# --- who may do what ------------------------------------------------------------------------------------


class TestPermissions:
    def test_anonymous_visitors_are_sent_to_the_login_page(self, client, content):
        for url in (
            reverse("admin:index"),
            reverse("admin:roles_role_changelist"),
            change_url(Faq.objects.first()),
        ):
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("admin:login"))

    @pytest.mark.parametrize(
        "name", ["admin:auth_user_changelist", "admin:auth_user_add", "admin:auth_group_changelist"]
    )
    def test_a_content_editor_cannot_reach_users_or_groups(self, editor_client, name):
        assert editor_client.get(reverse(name)).status_code == 403

    def test_a_content_editor_cannot_change_a_user(self, editor_client, content_editor):
        url = reverse("admin:auth_user_change", args=[content_editor.pk])
        assert editor_client.get(url).status_code == 403
        response = editor_client.post(url, {"username": "editor", "is_superuser": "on"})
        assert response.status_code == 403
        content_editor.refresh_from_db()
        assert not content_editor.is_superuser

    def test_a_content_editor_may_add_change_and_delete_every_content_model(self, content_editor):
        for model in CONTENT_MODELS:
            for action in ("add", "change", "delete", "view"):
                assert content_editor.has_perm(f"roles.{action}_{model._meta.model_name}")
        assert not content_editor.has_perm("auth.change_user")
        assert not content_editor.has_perm("auth.add_group")
        assert not content_editor.has_perm("auth.change_permission")
        assert not content_editor.has_perm("roles.change_contentrevision")

    def test_the_admin_index_shows_a_content_editor_the_content_only(self, editor_client):
        text = page_text(editor_client.get(reverse("admin:index")))
        assert "Roles" in text and "FAQs" in text
        assert "Users" not in text and "Groups" not in text

    def test_staff_without_the_group_see_no_content(self, client, content):
        client.force_login(User.objects.create_user("visitor", is_staff=True))
        response = client.get(reverse("admin:index"))
        assert response.status_code == 200
        assert response.context["app_list"] == []
        assert client.get(reverse("admin:roles_role_changelist")).status_code == 403
        assert client.get(change_url(Faq.objects.first())).status_code == 403

    def test_a_content_editor_can_delete_an_faq(self, editor_client, faq):
        url = reverse("admin:roles_faq_delete", args=[faq.pk])
        assert editor_client.post(url, {"post": "yes"}).status_code == 302
        assert not Faq.objects.filter(pk=faq.pk).exists()

    def test_deleting_a_source_still_in_use_is_refused_not_an_error(self, editor_client, content):
        source = Source.objects.first()
        response = editor_client.post(reverse("admin:roles_source_delete", args=[source.pk]), {"post": "yes"})
        assert response.status_code == 200
        assert "would require deleting the following protected related objects" in page_text(response)
        assert Source.objects.filter(pk=source.pk).exists()

    def test_createsuperuser_still_works(self, db, monkeypatch):
        monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a long enough password")
        call_command("createsuperuser", "--noinput", username="boss", email="boss@example.com", verbosity=0)
        boss = User.objects.get(username="boss")
        assert boss.is_superuser and boss.is_staff
        assert boss.check_password("a long enough password")


# --- every change is recorded ------------------------------------------------------------------------------


class TestHistory:
    def test_an_inline_edit_is_logged_with_the_fields_it_changed(self, editor_client, case_manager, faq):
        data = form_data(editor_client, change_url(case_manager))
        data[row(data, "faqs", faq) + "answer"] = "Rewritten."
        assert editor_client.post(change_url(case_manager), data).status_code == 302
        entry = LogEntry.objects.get(object_id=str(case_manager.pk))
        assert entry.user.username == "editor"
        assert entry.get_change_message() == f"Changed Answer for FAQ “{faq.question}”."

    def test_a_role_save_keeps_a_version_holding_its_inlines(self, editor_client, case_manager, faq):
        data = form_data(editor_client, change_url(case_manager))
        data[row(data, "faqs", faq) + "answer"] = "Rewritten."
        assert editor_client.post(change_url(case_manager), data).status_code == 302
        latest, original = Version.objects.get_for_object(case_manager)
        assert original.revision.comment == "As it was before the first change in the admin."
        assert latest.revision.user.username == "editor"
        held = {version.object_repr for version in latest.revision.version_set.all()}
        assert {str(case_manager), faq.question, str(case_manager.steps.first())} <= held
        faq_then = original.revision.version_set.get(object_id=str(faq.pk), content_type__model="faq")
        assert faq_then.field_dict["answer"] == faq.answer
        faq_now = latest.revision.version_set.get(object_id=str(faq.pk), content_type__model="faq")
        assert faq_now.field_dict["answer"] == ["Rewritten."]

    def test_a_failed_save_keeps_no_version(self, editor_client, faq, unchanged):
        assert post_change(editor_client, faq, answer="").status_code == 200
        unchanged()
        assert not Version.objects.exists()

    def test_the_history_page_lists_the_versions_newest_first(self, editor_client, faq):
        post_change(editor_client, faq, answer="Rewritten.")
        response = editor_client.get(reverse("admin:roles_faq_history", args=[faq.pk]))
        text = page_text(response)
        assert text.index("Changed Answer.") < text.index("As it was before the first change in the admin.")
        for version in Version.objects.get_for_object(faq):
            assert f'href="{reverse("admin:roles_faq_revision", args=[faq.pk, version.pk])}"' in text

    def test_adding_a_record_keeps_a_version(self, editor_client, case_manager):
        data = form_data(editor_client, reverse("admin:roles_faq_add"))
        data.update(
            role=str(case_manager.pk),
            order="99",
            question="New?",
            answer="Yes.",
            source=str(case_manager.source_id),
        )
        assert editor_client.post(reverse("admin:roles_faq_add"), data).status_code == 302
        added = Faq.objects.get(question="New?")
        (version,) = Version.objects.get_for_object(added)
        assert version.revision.user.username == "editor"


class TestRestore:
    """A role's earlier version, with everything attached to it, looked at and then put back."""

    @pytest.fixture
    def edited_role(self, editor_client, case_manager):
        """The role after one save that rewrote an FAQ, swapped two FAQs, deleted a step and added a skill."""
        first, second = case_manager.faqs.all()[:2]
        self.first, self.second = first, second
        self.deleted_step = str(case_manager.steps.last())
        data = form_data(editor_client, change_url(case_manager))
        data[row(data, "faqs", first) + "answer"] = "Rewritten."
        data[row(data, "faqs", first) + "order"] = str(second.order)
        data[row(data, "faqs", second) + "order"] = str(first.order)
        data[row(data, "steps", case_manager.steps.last()) + "DELETE"] = "on"
        add_row(data, "skills", case_manager, order="99", name="A new skill", description="Described.")
        response = editor_client.post(change_url(case_manager), data)
        assert response.status_code == 302, field_errors(response)
        return case_manager

    def original_url(self, role) -> str:
        original = Version.objects.get_for_object(role).last()
        assert original.revision.comment == "As it was before the first change in the admin."
        return reverse("admin:roles_role_revision", args=[role.pk, original.pk])

    def test_an_earlier_version_can_be_looked_at_without_changing_anything(
        self, editor_client, edited_role, unchanged
    ):
        version = content_version.refresh(force=True)
        response = editor_client.get(self.original_url(edited_role))
        assert response.status_code == 200
        text = page_text(response)
        assert "You are looking at the version saved" in text
        assert "Restore this version" in text
        original_answer = yaml.safe_load(fixture_files()["roles/case-manager.yaml"])["role"]["faqs"][0]
        assert original_answer["answer"][0] in text
        assert "Rewritten." not in text
        assert sorted(response.context["restore_changes"]) == sorted(
            [
                f"FAQ “{self.first.question}”: order, answer as then.",
                f"FAQ “{self.second.question}”: order as then.",
                f"Roadmap step “{self.deleted_step}” comes back.",
                "Skill “A new skill” is removed (added since).",
            ]
        )
        assert "Restoring it changes 4 records" in text
        unchanged()
        assert content_version.refresh(force=True) == version

    def test_restoring_puts_back_the_role_and_everything_attached(self, editor_client, client, edited_role):
        public_url = edited_role.get_absolute_url()
        assert "Rewritten." in page_text(client.get(public_url))  # now in the page cache
        url = self.original_url(edited_role)
        response = editor_client.post(url, form_data(editor_client, url))
        assert response.status_code == 302
        assert export_files() == fixture_files()
        assert not edited_role.skills.filter(name="A new skill").exists()
        assert edited_role.steps.count() == 10
        # The restore moved the content version on, so the public page shows it at once.
        assert "Rewritten." not in page_text(client.get(public_url))
        entry = LogEntry.objects.filter(object_id=str(edited_role.pk)).first()
        assert entry.get_change_message().startswith("Restored the version saved on")

    def test_staff_without_change_permission_cannot_restore(self, client, edited_role):
        viewer = User.objects.create_user("viewer", is_staff=True)
        viewer.user_permissions.add(*Permission.objects.filter(codename="view_role"))
        client.force_login(viewer)
        files = export_files()
        assert client.post(self.original_url(edited_role), {"title": "x"}).status_code == 403
        assert export_files() == files

    def test_a_version_of_another_record_is_not_found(self, editor_client, edited_role):
        original = Version.objects.get_for_object(edited_role).last()
        other = Role.objects.exclude(pk=edited_role.pk).first()
        url = reverse("admin:roles_role_revision", args=[other.pk, original.pk])
        assert editor_client.get(url).status_code == 404


class TestRecoverDeleted:
    def test_a_deleted_faq_comes_back(self, editor_client, faq):
        assert (
            editor_client.post(reverse("admin:roles_faq_delete", args=[faq.pk]), {"post": "yes"}).status_code
            == 302
        )
        listing = page_text(editor_client.get(reverse("admin:roles_faq_recoverlist")))
        assert faq.question in listing
        (deleted,) = Version.objects.get_deleted(Faq)
        url = reverse("admin:roles_faq_recover", args=[deleted.pk])
        assert "This FAQ was deleted." in page_text(editor_client.get(url))
        assert editor_client.post(url, form_data(editor_client, url)).status_code == 302
        assert Faq.objects.get(pk=faq.pk).answer == faq.answer
        assert export_files() == fixture_files()

    def test_a_deleted_faq_whose_place_was_taken_is_explained(self, editor_client, case_manager, faq):
        editor_client.post(reverse("admin:roles_faq_delete", args=[faq.pk]), {"post": "yes"})
        other = case_manager.faqs.get(order=2)
        other.order = faq.order
        other.save()
        (deleted,) = Version.objects.get_deleted(Faq)
        url = reverse("admin:roles_faq_recover", args=[deleted.pk])
        response = editor_client.get(url, follow=True)
        assert (
            f"“{faq.question}” cannot come back as it was: “{other.question}” now has its order"
            in page_text(response)
        )
        assert not Faq.objects.filter(pk=faq.pk).exists()

    def test_a_deleted_role_comes_back_with_everything_attached(self, editor_client, case_manager):
        listed_under = list(case_manager.certifications.values_list("code", flat=True))
        assert listed_under
        url = reverse("admin:roles_role_delete", args=[case_manager.pk])
        response = editor_client.post(url, {"post": "yes", "confirm_title": "Case Manager"})
        assert response.status_code == 302
        assert not Role.objects.filter(slug="case-manager").exists()
        (deleted,) = Version.objects.get_deleted(Role)
        assert (
            f"It was listed under the certifications {', '.join(listed_under)}." in deleted.revision.comment
        )
        recover_url = reverse("admin:roles_role_recover", args=[deleted.pk])
        response = editor_client.post(recover_url, form_data(editor_client, recover_url), follow=True)
        assert response.status_code == 200
        assert (
            f"“Case Manager” is listed under the certifications {', '.join(listed_under)} again."
            in page_text(response)
        )
        # Every file, the certifications' lists of roles included, is as it was before the delete.
        assert export_files() == fixture_files()
        assert editor_client.get("/roles/case-manager/").status_code == 200
        certification = case_manager.certifications.first()
        assert "Case Manager" in page_text(editor_client.get(f"/certifications/{certification.slug}/"))

    def test_a_role_comes_back_without_a_certification_deleted_since(self, editor_client, case_manager):
        kept, *gone = case_manager.certifications.order_by("code")
        editor_client.post(
            reverse("admin:roles_role_delete", args=[case_manager.pk]),
            {"post": "yes", "confirm_title": "Case Manager"},
        )
        for certification in gone:
            certification.delete()
        (deleted,) = Version.objects.get_deleted(Role)
        recover_url = reverse("admin:roles_role_recover", args=[deleted.pk])
        response = editor_client.post(recover_url, form_data(editor_client, recover_url), follow=True)
        assert f"is listed under the certifications {kept.code} again." in page_text(response)
        assert list(Role.objects.get(slug="case-manager").certifications.all()) == [kept]


class TestDeletingARole:
    def delete(self, editor_client, role, **data):
        return editor_client.post(reverse("admin:roles_role_delete", args=[role.pk]), {"post": "yes", **data})

    def test_it_asks_for_the_title_to_be_typed(self, editor_client, case_manager, unchanged):
        page = page_text(editor_client.get(reverse("admin:roles_role_delete", args=[case_manager.pk])))
        assert "Type the role's title, <strong>Case Manager</strong>, to confirm:" in page
        assert 'name="confirm_title"' in page
        response = self.delete(editor_client, case_manager)
        assert response.status_code == 200
        assert "Type the role's title, “Case Manager”, to delete it." in page_text(response)
        unchanged()

    def test_a_wrong_title_deletes_nothing(self, editor_client, case_manager, unchanged):
        response = self.delete(editor_client, case_manager, confirm_title="Care Manager")
        assert response.status_code == 200
        assert "exactly as shown" in page_text(response)
        assert Role.objects.filter(pk=case_manager.pk).exists()
        unchanged()

    def test_the_typed_title_deletes_it(self, editor_client, case_manager):
        assert self.delete(editor_client, case_manager, confirm_title=" Case  Manager ").status_code == 302
        assert not Role.objects.filter(pk=case_manager.pk).exists()

    def test_roles_cannot_be_deleted_in_bulk_from_the_list(self, editor_client, content):
        response = editor_client.get(reverse("admin:roles_role_changelist"))
        assert "delete_selected" not in page_text(response)


# --- an admin edit reaches the public pages and the content files ----------------------------------------


class TestAdminEditsArePublished:
    def test_a_certification_page_shows_an_edit_on_the_next_request(self, editor_client, client, content):
        certification = Certification.objects.first()
        public_url = certification.get_absolute_url()
        assert client.get(public_url).status_code == 200  # now cached
        response = post_change(editor_client, certification, summary="A summary written in the admin.")
        assert response.status_code == 302
        assert "A summary written in the admin." in page_text(client.get(public_url))

    def test_a_role_page_shows_an_faq_edit_on_the_next_request(
        self, editor_client, client, case_manager, faq
    ):
        public_url = case_manager.get_absolute_url()
        assert client.get(public_url).status_code == 200
        data = form_data(editor_client, change_url(case_manager))
        data[row(data, "faqs", faq) + "answer"] = "An answer written in the admin."
        assert editor_client.post(change_url(case_manager), data).status_code == 302
        assert "An answer written in the admin." in page_text(client.get(public_url))

    def test_an_faq_edit_appears_in_the_export_as_exactly_that_change(
        self, editor_client, case_manager, faq, tmp_path
    ):
        original = fixture_files()
        assert export_files() == original
        data = form_data(editor_client, change_url(case_manager))
        data[row(data, "faqs", faq) + "answer"] = "Edited in the admin.\r\n\r\nSecond paragraph."
        assert editor_client.post(change_url(case_manager), data).status_code == 302

        exported = export_files()
        changed = [name for name in original if exported[name] != original[name]]
        assert changed == ["roles/case-manager.yaml"]
        expected = yaml.safe_load(original[changed[0]])
        expected["role"]["faqs"][faq.order - 1]["answer"] = ["Edited in the admin.", "Second paragraph."]
        assert yaml.safe_load(exported[changed[0]]) == expected
        hunks = [
            line
            for line in difflib.unified_diff(
                original[changed[0]].splitlines(), exported[changed[0]].splitlines(), n=0
            )
            if line.startswith("@@")
        ]
        assert len(hunks) == 1  # one place in the file changed: that answer

        call_command("export_content", "--dir", str(tmp_path))
        for model in (
            Certification,
            Statistic,
            Role,
            Definition,
            ProcessPhase,
            CaseManagerType,
            Organization,
            Source,
        ):
            model.objects.all().delete()
        load_content(tmp_path)
        reloaded = Faq.objects.get(role__slug="case-manager", order=faq.order)
        assert reloaded.answer == ["Edited in the admin.", "Second paragraph."]
        assert export_files() == exported


# --- a role page an editor can manage ----------------------------------------------------------------


class TestManagingTheRolePage:
    def test_sections_collapse_and_jump_links_lead_to_each(self, editor_client, case_manager):
        response = editor_client.get(change_url(case_manager))
        text = page_text(response)
        for inline in response.context["inline_admin_formsets"]:
            assert inline.is_collapsible
            assert f'<a href="#{inline.formset.prefix}-group" data-opens-section>' in text
            assert f'id="{inline.formset.prefix}-group"' in text
        assert 'Roadmap steps <span class="section-count">(10)</span>' in text

    def test_ordered_sections_can_be_dragged_and_new_rows_take_the_roles_source(
        self, editor_client, case_manager
    ):
        response = editor_client.get(change_url(case_manager))
        for inline in response.context["inline_admin_formsets"]:
            assert "sortable" in inline.classes
            empty = inline.formset.empty_form
            assert empty["source"].value() == case_manager.source_id
        text = page_text(response)
        assert 'class="_reorder_"' in text

    def test_a_new_row_without_a_position_gets_the_next_one(self, editor_client, case_manager):
        data = form_data(editor_client, change_url(case_manager))
        highest = max(faq.order for faq in case_manager.faqs.all())
        add_row(data, "faqs", case_manager, order="", question="A new question?", answer="An answer.")
        response = editor_client.post(change_url(case_manager), data)
        assert response.status_code == 302, field_errors(response)
        assert case_manager.faqs.get(question="A new question?").order == highest + 1

    def test_a_failed_save_is_summarised_at_the_top_with_links(self, editor_client, case_manager, unchanged):
        data = form_data(editor_client, change_url(case_manager))
        step = case_manager.steps.get(number=3)
        first, second = case_manager.faqs.all()[:2]
        data["title"] = "  "
        data[row(data, "steps", step) + "title"] = "A step title not saved"
        data[row(data, "faqs", second) + "order"] = str(first.order)
        response = editor_client.post(change_url(case_manager), data)
        assert response.status_code == 200
        summary = response.context["error_sections"]
        assert [section["label"] for section in summary] == ["This record", "FAQs"]
        assert summary[0]["href"] == "#id_title"
        assert summary[1]["href"] == "#" + row(data, "faqs", first).rstrip("-")
        text = page_text(response)
        assert text.index('id="error-summary"') < text.index('id="id_slug"')
        assert f"“{first.question}”, Order: Two rows have order {first.order}" in text
        unchanged()

    def test_headings_show_the_saved_record_after_a_failed_save(self, editor_client, case_manager, unchanged):
        data = form_data(editor_client, change_url(case_manager))
        step = case_manager.steps.get(number=3)
        data["title"] = "An unsaved role title"
        data["summary"] = ""
        data[row(data, "steps", step) + "title"] = "An unsaved step title"
        response = editor_client.post(change_url(case_manager), data)
        assert response.status_code == 200
        text = page_text(response)
        assert "<h2>Case Manager</h2>" in text
        assert "&rsaquo; Case Manager" in response.content.decode()
        assert f"{step}</span>" in text or f"{step} <a" in text
        assert "<title>Error: Case Manager | Change role" in text
        assert "An unsaved step title" in text  # still in its input, to correct
        assert text.count("An unsaved step title") == 1
        unchanged()

    def test_a_saved_steps_key_is_shown_as_text(self, editor_client, case_manager):
        step = case_manager.steps.first()
        text = page_text(editor_client.get(change_url(case_manager)))
        assert f'<div class="readonly locked-value" id="id_steps-0-key">{step.key}</div>' in text
        assert 'name="steps-0-key"' not in text

    def test_changing_a_roles_slug_is_warned_of(self, editor_client, case_manager):
        text = page_text(editor_client.get(change_url(case_manager)))
        assert 'data-saved-slug="case-manager"' in text
        assert "Changing it breaks every link to this role (/roles/case-manager/ and its steps)" in text


# --- content files from the admin ---------------------------------------------------------------------


class TestContentFilesInTheAdmin:
    @pytest.fixture
    def content_folder(self, content, tmp_path, settings):
        folder = tmp_path / "fixtures"
        shutil.copytree(settings.CONTENT_DIR, folder)
        settings.CONTENT_DIR = folder
        load_content(folder)
        return folder

    def test_the_home_page_counts_changes_not_yet_exported(
        self, editor_client, case_manager, faq, content_folder
    ):
        assert "Every change is in the content files" in page_text(editor_client.get(reverse("admin:index")))
        post_change(editor_client, faq, answer="Rewritten.")
        post_change(editor_client, faq, answer="Rewritten again.")
        text = page_text(editor_client.get(reverse("admin:index")))
        assert "2 changes in the admin not yet exported to the content files" in text
        assert "Export to the content files" not in text  # a superuser's button

    def test_a_superuser_exports_from_the_admin(self, client, faq, content_folder):
        client.force_login(User.objects.create_superuser("root", "root@example.com"))
        post_change(client, faq, answer="Rewritten in the admin.")
        home = page_text(client.get(reverse("admin:index")))
        assert "1 change in the admin not yet exported" in home
        assert 'action="/admin/roles/contentsync/export/"' in home
        response = client.post(reverse("admin:roles_contentsync_export"), follow=True)
        assert response.status_code == 200
        assert "Wrote 6 content files" in page_text(response)
        assert "Rewritten in the admin." in (content_folder / "roles/case-manager.yaml").read_text()
        assert "Every change is in the content files" in page_text(response)
        assert ContentSync.objects.first().user.username == "root"

    def test_export_is_a_post_for_superusers_only(self, client, editor_client, content_folder):
        url = reverse("admin:roles_contentsync_export")
        assert editor_client.post(url).status_code == 403
        files = fixture_files()
        client.force_login(User.objects.create_superuser("root", "root@example.com"))
        assert client.get(url).status_code == 405
        assert fixture_files() == files

    def test_export_needs_the_csrf_token(self, content_folder):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(User.objects.create_superuser("root", "root@example.com"))
        assert client.post(reverse("admin:roles_contentsync_export")).status_code == 403


# --- the admin's 403 page -------------------------------------------------------------------------------


class TestForbidden:
    def test_staff_see_the_admins_own_403_page_with_a_way_back(self, editor_client):
        response = editor_client.get(reverse("admin:auth_user_changelist"))
        assert response.status_code == 403
        text = page_text(response)
        assert "You may not open this page" in text
        assert 'id="site-name"' in text  # the admin's header
        assert '<a href="/admin/">Back to the admin\'s home page</a>' in text
        assert "Staff status" in text and "Content editors" in text

    def test_outside_the_admin_403_stays_as_it_was(self, client, content):
        response = client.post(
            "/roles/case-manager/steps/1/status/",
            {"status": "done"},
            headers={"Sec-Fetch-Site": "cross-site"},
        )
        assert response.status_code == 403
        assert "You may not open this page" not in page_text(response)
