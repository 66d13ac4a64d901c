import shutil
import time
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from roles import models
from roles.loading import ContentError, load_content
from tests import attack_log

CONTENT_MODELS = [
    models.Source,
    models.Organization,
    models.Role,
    models.RoadmapStep,
    models.ResponsibilityGroup,
    models.ResponsibilityItem,
    models.Skill,
    models.CareerStage,
    models.CareerTip,
    models.SalaryLevel,
    models.Faq,
    models.RequirementStatement,
    models.Specialisation,
    models.Certification,
    models.CertificationStatement,
    models.EligibilityPath,
    models.Definition,
    models.ProcessPhase,
    models.CaseManagerType,
    models.Statistic,
]


def snapshot():
    """Every content row as plain values, to prove a failed load wrote nothing."""
    return {model.__name__: sorted(map(repr, model.objects.values_list())) for model in CONTENT_MODELS}


@pytest.fixture
def content_copy(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, target, ignore=shutil.ignore_patterns("*.md"))
    return target


def edit(path: Path, change):
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


class TestLoadContent:
    def test_it_loads_every_role_with_its_parts(self, content):
        assert models.Role.objects.count() == 3
        for role in models.Role.objects.all():
            assert role.steps.count() == 10
            assert role.salary_levels.count() == 5
            assert role.career_stages.count() == 5
            assert role.faqs.count() == 5
        assert models.Certification.objects.count() == 7
        assert models.ProcessPhase.objects.count() == 9
        assert models.CaseManagerType.objects.count() == 9

    def test_running_it_twice_changes_nothing(self, content):
        before = snapshot()
        report = load_content(settings.CONTENT_DIR)
        assert not report.changed
        assert snapshot() == before

    def test_the_command_says_when_nothing_changed(self, content, capsys):
        call_command("load_content")
        assert "nothing changed" in capsys.readouterr().out

    def test_editing_one_faq_updates_that_faq_only(self, content, content_copy):
        path = content_copy / "roles" / "care-manager.yaml"
        edit(path, lambda data: data["role"]["faqs"][1].update(answer=["A new answer."]))
        faq = models.Faq.objects.get(role__slug="care-manager", order=2)
        others = {row.pk: row.answer for row in models.Faq.objects.exclude(pk=faq.pk)}

        report = load_content(content_copy)

        assert dict(report.updated) == {"FAQs": 1}
        assert not report.created and not report.deleted
        faq.refresh_from_db()
        assert faq.answer == ["A new answer."]
        assert {row.pk: row.answer for row in models.Faq.objects.exclude(pk=faq.pk)} == others

    def test_swapping_two_step_numbers_keeps_each_steps_identity(self, content, content_copy):
        path = content_copy / "roles" / "case-manager.yaml"

        def swap(data):
            steps = data["role"]["steps"]
            steps[0]["number"], steps[1]["number"] = 2, 1

        edit(path, swap)
        first = models.RoadmapStep.objects.get(role__slug="case-manager", number=1)
        load_content(content_copy)
        first.refresh_from_db()
        assert first.number == 2

    def test_removing_a_faq_from_the_file_deletes_it(self, content, content_copy):
        path = content_copy / "roles" / "case-manager.yaml"
        edit(path, lambda data: data["role"]["faqs"].pop())
        report = load_content(content_copy)
        assert report.deleted["FAQs"] == 1
        assert models.Faq.objects.filter(role__slug="case-manager").count() == 4


BROKEN_FILES = [
    pytest.param(
        "roles/case-manager.yaml",
        lambda d: d["role"]["salary_ladder"][0].update(low="a lot"),
        "roles/case-manager.yaml: role.salary_ladder.0.low",
        id="bad-type",
    ),
    pytest.param(
        "roles/care-manager.yaml",
        lambda d: d["role"]["faqs"][0].pop("question"),
        "roles/care-manager.yaml: role.faqs.0.question: Field required",
        id="missing-field",
    ),
    pytest.param(
        "roles/case-manager.yaml",
        lambda d: d["role"]["steps"][1].update(number=1),
        "roles/case-manager.yaml: role.steps.1.number: step number 1 is used twice",
        id="duplicate-order",
    ),
    pytest.param(
        "roles/clinical-case-manager.yaml",
        lambda d: d["role"]["salary_ladder"][2].update(low=999_999),
        "roles/clinical-case-manager.yaml: role.salary_ladder.2: low (999999) is above high",
        id="low-above-high",
    ),
    pytest.param(
        "certifications.yaml",
        lambda d: d["certifications"].append({**d["certifications"][0], "slug": "ccm-copy"}),
        "certifications.yaml: certifications.7.code: certification code 'CCM' is used twice",
        id="duplicate-certification-code",
    ),
    pytest.param(
        "certifications.yaml",
        lambda d: d["certifications"][0].update(organization="nobody"),
        "certifications.yaml: certifications.0.organization: unknown organization 'nobody'",
        id="unknown-organization",
    ),
    pytest.param(
        "certifications.yaml",
        lambda d: d["certifications"][0]["roles"].append("astronaut"),
        "certifications.yaml: certifications.0.roles.",
        id="unknown-role",
    ),
    pytest.param(
        "roles/care-manager.yaml",
        lambda d: d["role"]["skills"][3].update(source="999"),
        "roles/care-manager.yaml: role.skills.3.source: unknown source '999'",
        id="unknown-source",
    ),
    pytest.param(
        "field.yaml",
        lambda d: d["statistics"][0].update(value=-5),
        "field.yaml: statistics.0.value",
        id="negative-figure",
    ),
    pytest.param(
        "roles/case-manager.yaml",
        lambda d: d["role"].update(slug="Not A Slug"),
        "roles/case-manager.yaml: role.slug",
        id="bad-slug",
    ),
    # Hostile files: what a careless or malicious edit could put in front of every visitor.
    pytest.param(
        "sources.yaml",
        lambda d: d["sources"][0].update(url="javascript:alert(document.domain)"),
        "sources.yaml: sources.0.url: must be an http:// or https:// address",
        id="javascript-url",
    ),
    pytest.param(
        "sources.yaml",
        lambda d: d["sources"][1].update(url="data:text/html,<script>alert(1)</script>"),
        "sources.yaml: sources.1.url: must be an http:// or https:// address",
        id="data-url",
    ),
    pytest.param(
        "roles/case-manager.yaml",
        lambda d: d["role"]["faqs"][0]["answer"].append("Before\x00after"),
        "roles/case-manager.yaml: role.faqs.0.answer.",
        id="nul-byte",
    ),
    pytest.param(
        "field.yaml",
        lambda d: d["definitions"][0].update(term="T\x00"),
        "field.yaml: definitions.0.term: contains a NUL character",
        id="nul-byte-in-a-name",
    ),
    pytest.param(
        "roles/care-manager.yaml",
        lambda d: d["role"].update(title="Care manager " * 100),
        "roles/care-manager.yaml: role.title: String should have at most 200 characters",
        id="overlong-title",
    ),
    pytest.param(
        "roles/care-manager.yaml",
        lambda d: d["role"]["steps"][0]["body"].append("word " * 2000),
        "roles/care-manager.yaml: role.steps.0.body.",
        id="overlong-paragraph",
    ),
    pytest.param(
        "roles/case-manager.yaml",
        lambda d: d["role"].update(
            faqs=[{**d["role"]["faqs"][0], "question": f"Question {n}?"} for n in range(101)]
        ),
        "roles/case-manager.yaml: role.faqs: List should have at most 100 items",
        id="too-many-faqs",
    ),
]


class TestBrokenContent:
    @pytest.mark.parametrize(("name", "change", "message"), BROKEN_FILES)
    def test_it_names_the_file_and_field_and_writes_nothing(
        self, content, content_copy, name, change, message
    ):
        # Change something valid too, so a partial write would show.
        edit(content_copy / "roles" / "case-manager.yaml", lambda d: d["role"].update(summary="Changed."))
        edit(content_copy / name, change)
        before = snapshot()

        with pytest.raises(ContentError) as error:
            load_content(content_copy)

        assert message in str(error.value)
        assert snapshot() == before
        attack_log.record("broken and hostile content files refused, database untouched", 1, message)

    def test_a_file_that_is_not_yaml_is_named(self, content, content_copy):
        (content_copy / "field.yaml").write_text("definitions: [unclosed\n")
        with pytest.raises(ContentError, match="field.yaml: not valid YAML"):
            load_content(content_copy)

    def test_the_command_fails_with_the_message_and_leaves_the_database(self, content, content_copy):
        edit(content_copy / "roles" / "case-manager.yaml", lambda d: d["role"]["steps"][0].pop("title"))
        before = snapshot()
        with pytest.raises(CommandError, match=r"role\.steps\.0\.title"):
            call_command("load_content", "--dir", str(content_copy))
        assert snapshot() == before

    def test_an_oversized_file_is_refused_before_it_is_parsed(self, content, content_copy):
        path = content_copy / "roles" / "case-manager.yaml"
        edit(path, lambda d: d["role"].update(title="x" * 2_000_000))
        before = snapshot()
        started = time.monotonic()
        with pytest.raises(ContentError) as error:
            load_content(content_copy)
        # The size message, not the title's length: the file was never parsed.
        assert "roles/case-manager.yaml: the file is 2,0" in str(error.value)
        assert "more than the 1,000,000 bytes a content file may hold" in str(error.value)
        assert time.monotonic() - started < 5
        assert snapshot() == before
        attack_log.record("broken and hostile content files refused, database untouched", 1, "a 2 MB file")

    @pytest.mark.parametrize(
        "tag",
        [
            "!!python/object/apply:os.system ['touch /tmp/careerpath-pwned']",
            "!!python/name:os.system",
            "!!python/object/new:builtins.list [[1]]",
        ],
    )
    def test_python_tags_are_refused_and_never_run(self, content, content_copy, tag):
        path = content_copy / "field.yaml"
        path.write_text(path.read_text() + f"\nextra: {tag}\n")
        with pytest.raises(
            ContentError, match="field.yaml: not valid YAML: could not determine a constructor"
        ):
            load_content(content_copy)
        assert not Path("/tmp/careerpath-pwned").exists()
        attack_log.record("broken and hostile content files refused, database untouched", 1, tag.split()[0])

    def test_a_missing_folder_is_reported(self, content, tmp_path):
        with pytest.raises(ContentError, match="no role files"):
            load_content(tmp_path)
