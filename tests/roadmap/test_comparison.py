import pytest

from roadmap.comparison import choose_roles, compare_names, normalise_name
from roles.models import Role

KNOWN = ["clinical-case-manager", "case-manager", "care-manager"]


class TestChooseRoles:
    def test_no_roles_named_means_all(self):
        choice = choose_roles([], KNOWN)
        assert choice.slugs == KNOWN and not choice.unknown and not choice.dropped_duplicates

    def test_comma_separated_and_repeated_values_both_work_in_order(self):
        assert choose_roles(["care-manager,case-manager"], KNOWN).slugs == ["care-manager", "case-manager"]
        assert choose_roles(["care-manager", "case-manager"], KNOWN).slugs == ["care-manager", "case-manager"]

    def test_unknown_names_are_reported_and_ignored(self):
        choice = choose_roles(["astronaut,case-manager"], KNOWN)
        assert choice.slugs == ["case-manager"]
        assert choice.unknown == ["astronaut"]

    def test_duplicates_and_empty_items_are_dropped(self):
        choice = choose_roles([" case-manager,,CASE-MANAGER, ,care-manager"], KNOWN)
        assert choice.slugs == ["case-manager", "care-manager"]
        assert choice.dropped_duplicates

    def test_more_items_than_roles_exist_are_capped(self):
        choice = choose_roles([",".join(["x"] * 1000 + KNOWN)], KNOWN)
        assert choice.slugs == []
        assert choice.unknown == ["x"]

    def test_junk_is_shortened_when_shown(self):
        choice = choose_roles(["<script>" + "a" * 300], KNOWN)
        assert choice.slugs == []
        assert len(choice.unknown[0]) <= 41


class TestNormaliseName:
    @pytest.mark.parametrize(
        ("first", "second"),
        [
            ("Problem-solving", "Problem-Solving"),
            ("Advocacy", "Client Advocacy"),
            ("Patient Advocacy", "Advocacy"),
            ("Documentation Skills", "Documentation"),
            ("Organizational Skills", "Organization"),
            ("Regulatory Compliance", "Compliance"),
            ("Coordination of Care", "Care Coordination"),
        ],
    )
    def test_names_for_the_same_thing_match(self, first, second):
        assert normalise_name(first) == normalise_name(second)

    @pytest.mark.parametrize(
        ("first", "second"),
        [
            ("Medical Knowledge", "Mental Health Knowledge"),
            ("Education", "Continuing Education"),
            ("Assessment", "Evaluation and Assessment"),
        ],
    )
    def test_different_things_stay_apart(self, first, second):
        assert normalise_name(first) != normalise_name(second)


class TestCompareNames:
    def test_shared_unique_and_partly_shared_skills(self, content):
        roles = Role.objects.for_guide()
        result = compare_names(roles, lambda role: [(s.name, s.source) for s in role.skills.all()])
        shared = {group.key for group in result.shared}
        assert {"problem solving", "advocacy", "cultural competency"} <= shared
        clinical = next(role for role in roles if role.slug == "clinical-case-manager")
        unique = {item.name for item in result.unique[clinical.pk]}
        assert "Ethical Decision Making" in unique
        assert "Problem-solving" not in unique
        partly = {item.name for item in result.partly_shared[clinical.pk]}
        assert "Medical Knowledge" in partly  # the care manager lists it too, the case manager does not

    def test_a_single_role_has_nothing_shared(self, content):
        roles = [role for role in Role.objects.for_guide() if role.slug == "care-manager"]
        result = compare_names(roles, lambda role: [(s.name, s.source) for s in role.skills.all()])
        assert result.shared == []
        assert len(result.unique[roles[0].pk]) == 15
