"""Each page's data comes from one QuerySet method in a fixed number of queries."""

from roles.models import Role
from tests import factories


def read_whole_guide(role: Role) -> list[str]:
    """Everything the guide template reads from a role, sources included."""
    seen = [role.source.title]
    for step in role.steps.all():
        seen += [step.title, step.source.title, step.get_absolute_url()]
    for group in role.responsibility_groups.all():
        seen += [group.title, group.source.title, *(item.text for item in group.items.all())]
    for stage in role.career_stages.all():
        seen += [stage.label, stage.source.title, *(tip.title for tip in stage.tips.all())]
    for relation in ("skills", "salary_levels", "faqs", "requirements", "specialisations", "statistics"):
        seen += [row.source.title for row in getattr(role, relation).all()]
    for certification in role.certifications.all():
        seen += [certification.code, certification.organization.name]
    return seen


class TestForGuide:
    # The roles with their sources, then one query each: steps, responsibility groups, their
    # items, skills, career stages, their tips, salary levels, FAQs, requirements,
    # specialisations, certifications (with their bodies and the link table), statistics.
    QUERIES = 13

    def test_one_role_loads_in_a_fixed_number_of_queries(self, case_manager, django_assert_num_queries):
        with django_assert_num_queries(self.QUERIES):
            role = Role.objects.for_guide().get(slug="case-manager")
            seen = read_whole_guide(role)
        assert "Vice President of Case Management" in " ".join(
            " ".join(stage.positions) for stage in role.career_stages.all()
        )
        assert len(seen) > 100

    def test_every_role_loads_in_the_same_number_of_queries(self, content, django_assert_num_queries):
        with django_assert_num_queries(self.QUERIES):
            roles = list(Role.objects.for_guide())
            for role in roles:
                read_whole_guide(role)
        assert [role.slug for role in roles] == ["clinical-case-manager", "case-manager", "care-manager"]

    def test_more_content_adds_no_query(self, case_manager, django_assert_num_queries):
        for _ in range(5):
            factories.RoadmapStepFactory(role=case_manager, source=case_manager.source)
            factories.FaqFactory(role=case_manager, source=case_manager.source)
            factories.SkillFactory(role=case_manager, source=case_manager.source)
        with django_assert_num_queries(self.QUERIES):
            role = Role.objects.for_guide().get(slug="case-manager")
            read_whole_guide(role)
        assert len(role.steps.all()) == 15

    def test_rows_come_in_their_own_order(self, case_manager):
        role = Role.objects.for_guide().get(slug="case-manager")
        assert [step.number for step in role.steps.all()] == list(range(1, 11))
        for relation in ("responsibility_groups", "skills", "career_stages", "salary_levels", "faqs"):
            orders = [row.order for row in getattr(role, relation).all()]
            assert orders == sorted(orders), relation
