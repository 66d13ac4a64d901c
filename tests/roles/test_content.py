"""The content carries the articles' facts exactly: titles, names, questions and figures.

The facts live in tests/content_facts.yaml (taken from the source articles, facts only), so these
tests need nothing outside the repository.
"""

from pathlib import Path

import pytest
import yaml

from roles.models import Certification, ProcessPhase, Role, Statistic

FACTS = yaml.safe_load((Path(__file__).parent.parent / "content_facts.yaml").read_text(encoding="utf-8"))
ROLE_FACTS = FACTS["roles"]


@pytest.mark.parametrize("slug", ROLE_FACTS)
class TestRoleContent:
    def test_step_titles_are_the_articles_headings_in_order(self, content, slug):
        role = Role.objects.get(slug=slug)
        assert [step.title for step in role.steps.all()] == ROLE_FACTS[slug]["steps"]
        assert [step.number for step in role.steps.all()] == list(range(1, 11))

    def test_responsibility_group_titles_are_exact(self, content, slug):
        facts = ROLE_FACTS[slug]
        groups = Role.objects.get(slug=slug).responsibility_groups.filter(source__code=facts["article"])
        assert [group.title for group in groups] == facts["responsibility_groups"]
        for group in groups:
            assert group.items.count() >= 1, group.title

    def test_skill_names_are_exact(self, content, slug):
        role = Role.objects.get(slug=slug)
        assert [skill.name for skill in role.skills.all()] == ROLE_FACTS[slug]["skills"]

    def test_faq_questions_are_exact(self, content, slug):
        role = Role.objects.get(slug=slug)
        assert [faq.question for faq in role.faqs.all()] == ROLE_FACTS[slug]["faq_questions"]

    def test_salary_figures_and_titles_are_exact(self, content, slug):
        levels = [
            {"title": level.title, "low": level.low, "high": level.high, "open_ended": level.open_ended}
            for level in Role.objects.get(slug=slug).salary_levels.all()
        ]
        assert levels == ROLE_FACTS[slug]["salary_levels"]

    def test_career_stages_keep_their_labels_tips_and_positions(self, content, slug):
        stages = [
            {
                "label": stage.label,
                "positions": list(stage.positions),
                "tips": [tip.title for tip in stage.tips.all()],
            }
            for stage in Role.objects.get(slug=slug).career_stages.all()
        ]
        assert stages == ROLE_FACTS[slug]["career_stages"]


class TestSourcesThatDisagree:
    def test_clinical_education_keeps_both_sources_views(self, content):
        role = Role.objects.get(slug="clinical-case-manager")
        sources = set(role.requirements.filter(aspect="education").values_list("source__code", flat=True))
        assert {"000", "002"} <= sources


class TestFieldContent:
    def test_the_nine_process_steps_are_exact_and_in_order(self, content):
        names = list(
            ProcessPhase.objects.filter(source__code=FACTS["process_steps"]["article"]).values_list(
                "name", flat=True
            )
        )
        assert names == FACTS["process_steps"]["names"]

    def test_employment_figures_match_article_002(self, content):
        facts = FACTS["statistics"]
        figures = [
            {"kind": statistic.kind, "value": statistic.value, "unit": statistic.unit}
            for statistic in Statistic.objects.filter(source__code=facts["article"])
        ]
        assert figures == facts["figures"]

    def test_average_pay_is_attributed(self, content):
        nurse = Statistic.objects.get(kind="average-pay", value=72655)
        assert nurse.attribution == "PayScale"

    def test_certifications_cite_their_rules(self, content):
        # Each eligibility path cites a source; a URL or a date read appears only where the source
        # truly gives one (issue 13), so neither is required here.
        for certification in Certification.objects.all():
            paths = list(certification.eligibility.select_related("source"))
            assert paths, certification.code
            for path in paths:
                assert path.source_id is not None, (certification.code, path.name)
