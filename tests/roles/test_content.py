"""The content carries the articles' facts exactly: titles, names, questions and figures."""

import re

import pytest

from roles.models import Certification, ProcessPhase, Role, Statistic

ROLE_ARTICLES = {
    "clinical-case-manager": ("000", 11, 13),
    "case-manager": ("001", 11, 15),
    "care-manager": ("004", 10, 15),
}


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("–", "-")).strip()


def dollars(amount: int) -> str:
    return f"${amount:,}"


@pytest.fixture
def article(seed_text):
    return lambda code: plain(seed_text(code))


@pytest.mark.parametrize("slug", ROLE_ARTICLES)
class TestRoleContent:
    def test_counts_match_the_article(self, content, slug):
        code, groups, skills = ROLE_ARTICLES[slug]
        role = Role.objects.get(slug=slug)
        assert role.steps.count() == 10
        assert role.responsibility_groups.filter(source__code=code).count() == groups
        assert role.skills.count() == skills
        assert role.career_stages.count() == 5
        assert role.salary_levels.count() == 5
        assert role.faqs.count() == 5

    def test_step_titles_are_the_articles_headings_in_order(self, content, article, slug):
        text = article(ROLE_ARTICLES[slug][0])
        for step in Role.objects.get(slug=slug).steps.all():
            assert f"Step {step.number}: {plain(step.title)}" in text

    def test_skill_names_and_group_titles_are_exact(self, content, article, slug):
        code = ROLE_ARTICLES[slug][0]
        text = article(code)
        role = Role.objects.get(slug=slug)
        for skill in role.skills.all():
            assert f"• {plain(skill.name)}:" in text
        for group in role.responsibility_groups.filter(source__code=code):
            assert plain(group.title) in text
            assert group.items.count() >= 1

    def test_faq_questions_are_exact(self, content, article, slug):
        text = article(ROLE_ARTICLES[slug][0])
        for faq in Role.objects.get(slug=slug).faqs.all():
            assert plain(faq.question) in text

    def test_salary_figures_and_titles_are_exact(self, content, article, slug):
        text = article(ROLE_ARTICLES[slug][0])
        for level in Role.objects.get(slug=slug).salary_levels.all():
            figure = f"{dollars(level.low)} - {dollars(level.high)}{'+' if level.open_ended else ''} per year"
            assert f"{plain(level.title)} • Median Salary: {figure}" in text

    def test_career_stages_keep_their_labels_tips_and_positions(self, content, article, slug):
        text = article(ROLE_ARTICLES[slug][0])
        for stage in Role.objects.get(slug=slug).career_stages.all():
            assert f"{plain(stage.label)}: " in text
            for position in stage.positions:
                assert plain(position) in text
            for number, tip in enumerate(stage.tips.all(), 1):
                assert f"{number}. {plain(tip.title)}:" in text

    def test_prose_is_rewritten_not_copied(self, content, article, slug):
        text = article(ROLE_ARTICLES[slug][0])
        role = Role.objects.get(slug=slug)
        paragraphs = (
            [p for step in role.steps.all() for p in step.body] + role.what_they_do + role.work_environment
        )
        copied = [p for p in paragraphs if len(p) > 80 and plain(p) in text]
        assert copied == []


class TestSourcesThatDisagree:
    def test_clinical_education_keeps_both_sources_views(self, content):
        role = Role.objects.get(slug="clinical-case-manager")
        sources = set(role.requirements.filter(aspect="education").values_list("source__code", flat=True))
        assert {"000", "002"} <= sources


class TestFieldContent:
    def test_the_nine_process_steps_are_exact_and_in_order(self, content, article):
        text = article("003")
        names = list(ProcessPhase.objects.values_list("name", flat=True))
        assert len(names) == 9
        assert "- " + " - ".join(names) in text

    def test_employment_figures_match_article_002(self, content, article):
        text = article("002")
        for statistic in Statistic.objects.filter(source__code="002"):
            number = int(statistic.value)
            assert f"{number:,}" in text or f"{number}%" in text

    def test_average_pay_is_attributed(self, content):
        nurse = Statistic.objects.get(kind="average-pay", value=72655)
        assert nurse.attribution == "PayScale"

    def test_certifications_cite_their_rules(self, content):
        for certification in Certification.objects.all():
            paths = list(certification.eligibility.select_related("source"))
            assert paths, certification.code
            for path in paths:
                assert path.source.url.startswith("https://")
                assert path.source.read_on is not None
